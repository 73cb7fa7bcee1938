/* grant.c: checking a grant at each use.
 *
 * The kernel keeps no copy of any grant: it reads entry GRANT_SLOT(id) of
 * the granter's registered table from the granter's memory every time, so
 * a revocation (libsys clearing the entry) counts from the next use on.
 * grant_verify() follows indirect links up to GRANT_MAX_DEPTH and checks, at
 * every link, the granter (alive), the entry (in the registered table, used,
 * valid, one kind, the id's generation) and the grantee (the one asking, or
 * ANY); at the final direct or magic grant also the access bits and the
 * range, with unsigned overflow checks.  Magic grants count only when their
 * granter holds MAGIC_GRANTS.
 *
 * Errors (docs/grants.md): EINVAL for an id that is never a grant id,
 * EBADSRCDST / EDEADSRCDST for a granter or owner that is not a live
 * endpoint, ELOOP past the depth limit, and EPERM for everything else.  A
 * revoked, stale, out-of-table or unreadable id, a wrong grantee, missing
 * access and a range outside the grant all look alike, as in MINIX, so a
 * grantee learns nothing about the granter's table by probing it.
 *
 * Tracing: grants are made without a kernel call, so the kernel records
 * GRANT_CREATE when it first sees a live entry while grant tracing is on,
 * and marks the entry CPF_TRACED in the granter's memory so that it is
 * recorded once; libsys reports the revocation of a marked grant
 * (do_setgrant.c).  Grants that are never used are not in the trace.
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "trace.h"
#include "grant.h"

/* Copy the entry at va of p's memory: one lookup when it lies in one page
 * (always, for a 32-byte aligned table), else the general copy. */
GRANT_TEXT static int fetch(struct proc *p, vir_bytes va, cp_grant_t *e)
{
    phys_bytes pa;
    if ((va & (PAGE_SIZE - 1)) > PAGE_SIZE - sizeof(*e))
        return vm_copy_in(p, va, e, sizeof(*e));
    if (!(pa = user_lookup(p->p_pgdir, va, 0)))
        return EFAULT;
    __builtin_memcpy(e, (const void *)pa, sizeof(*e));
    return OK;
}

/* Entry id of p's table: OK with *e and its address, or EPERM. */
GRANT_TEXT static int read_entry(struct proc *p, cp_grant_id_t id, cp_grant_t *e, vir_bytes *where)
{
    uint32_t kind;

    if (id < 0 || !p->p_grant_entries || GRANT_SLOT(id) >= p->p_grant_entries)
        return EPERM;
    *where = p->p_grant_table + GRANT_SLOT(id) * sizeof(*e);
    if (fetch(p, *where, e) != OK)
        return EPERM;
    if ((e->cp_flags & (CPF_USED | CPF_VALID)) != (CPF_USED | CPF_VALID))
        return EPERM;
    kind = e->cp_flags & CPF_KINDS;
    if (kind & (kind - 1) || !kind)          /* exactly one kind */
        return EPERM;
    return e->cp_gen == GRANT_GEN(id) && e->cp_gen != 0 ? OK : EPERM;
}

/* The first sighting of a live grant while grant tracing is on: record it
 * and mark it, so it is recorded once.  A table page the kernel may not
 * write (read-only) is not marked, and the grant not recorded. */
COLD static void note_create(struct proc *caller, struct proc *p, vir_bytes where,
                        const cp_grant_t *e, cp_grant_id_t id)
{
    uint32_t flags = e->cp_flags | CPF_TRACED;
    int ind = (e->cp_flags & CPF_INDIRECT) != 0;

    if (vm_copy_out(p, where, &flags, sizeof(flags)) != OK)    /* cp_flags: word 0 */
        return;
    TRACE(GRANT_CREATE, (uint32_t)caller->p_endpoint, (uint32_t)p->p_endpoint,
          (uint32_t)e->cp_to, (uint32_t)id, 0, ind ? 0 : e->cp_len, OK,
          e->cp_flags & CPF_ACCESS, (uint32_t)ind,
          (uint32_t)((e->cp_flags & CPF_DIRECT) ? p->p_endpoint : e->cp_from),
          caller->p_recv_call_id, ind ? (uint32_t)e->cp_grant : e->cp_addr);
}

/* The final (direct or magic) entry e of granter p. */
GRANT_TEXT static int check_final(struct proc *p, const cp_grant_t *e, struct grant_use *u)
{
    int r;

    if ((e->cp_flags & u->access) != u->access)
        return EPERM;
    if (e->cp_addr + e->cp_len < e->cp_addr)             /* wraps 2^32 */
        return EPERM;
    if (u->offset > e->cp_len || u->bytes > e->cp_len - u->offset)
        return EPERM;
    u->addr = e->cp_addr + u->offset;
    if (e->cp_flags & CPF_DIRECT) {
        u->owner = p;
        return OK;
    }
    if (!p->p_priv || !(p->p_priv->pi.flags & MAGIC_GRANTS))
        return EPERM;
    if ((r = endpoint_lookup(e->cp_from, &u->owner)) != OK)
        return r;
    return iskernelp(u->owner) ? EPERM : OK;              /* tasks have no memory */
}

GRANT_TEXT int grant_verify(struct proc *caller, struct grant_use *u)
{
    endpoint_t granter = u->granter, grantee = caller->p_endpoint;
    cp_grant_id_t id = u->gid;
    struct proc *p;
    cp_grant_t e;
    vir_bytes where;
    int r;

    u->owner = NULL;
    if (!GRANT_WELL_FORMED(id))
        return EINVAL;
    for (u->depth = 0; ; u->depth++) {
        if ((r = endpoint_lookup(granter, &p)) != OK)
            return r;
        if (unlikely(u->links != NULL)) {
            u->links->ep[u->depth] = granter;
            u->links->gid[u->depth] = id;
            u->links->n = u->depth + 1;
        }
        if ((r = read_entry(p, id, &e, &where)) != OK)
            return r;
        if (unlikely(trace_enabled & TC_GRANT) && !(e.cp_flags & CPF_TRACED))
            note_create(caller, p, where, &e, id);
        if (e.cp_to != grantee && e.cp_to != ANY)
            return EPERM;
        if (!(e.cp_flags & CPF_INDIRECT)) {
            if ((r = check_final(p, &e, u)) != OK)
                u->owner = NULL;           /* the trace shows no owner */
            return r;
        }
        if (u->depth == GRANT_MAX_DEPTH)
            return ELOOP;
        grantee = granter;             /* one link up: we are its grantee */
        granter = e.cp_from;
        id = e.cp_grant;
    }
}
