/* do_safecopy.c: SYS_SAFECOPYFROM, SYS_SAFECOPYTO and SYS_VSAFECOPY.
 *
 * Who may call: processes with the call in their kernel-call mask, i.e.
 * system processes whose line in RS's table gives it (servers, drivers,
 * tests).  User processes never have these calls (ECALLDENIED): they lend
 * memory, servers copy.
 *
 * The path of one copy (the picture is in docs/grants.md): the caller's
 * request -> grant_verify() reads the granter's entry (and the entries an
 * indirect chain leads to) from their memory -> xcopy() checks every page
 * of both ranges, then copies through the identity map -> one trace record
 * (SAFECOPY_FROM / _TO / VSAFECOPY_EL) with the grant id, both endpoints,
 * offset, length and result.  A kernel call is atomic: no revocation can
 * land inside one copy; each element of a vector re-reads its grant, so a
 * revocation done by an earlier element counts for the later ones.
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "system.h"
#include "trace.h"
#include "grant.h"

COLD static void trace_record(uint32_t ev, struct proc *caller, const struct grant_use *u, int r)
{
    TRACE_EMIT(SAFECOPY_FROM, ev, (uint32_t)caller->p_endpoint, (uint32_t)u->granter,
               (uint32_t)caller->p_endpoint, (uint32_t)u->gid, u->offset, u->bytes,
               (uint32_t)r, u->access, u->depth,
               u->owner ? (uint32_t)u->owner->p_endpoint : (uint32_t)NONE,
               caller->p_recv_call_id, u->owner ? u->addr : 0);
}

GRANT_TEXT static inline void trace_copy(uint32_t ev, struct proc *caller, const struct grant_use *u, int r)
{
    if (unlikely(trace_enabled & TC_GRANT))
        trace_record(ev, caller, u, r);
}

/* One copy between the caller's addr and grant (granter, gid) at offset. */
GRANT_TEXT static int safecopy(struct proc *caller, struct grant_use *u, vir_bytes addr, uint32_t ev)
{
    int r = grant_verify(caller, u);

    if (r == OK && u->access == CPF_READ)
        r = xcopy(u->owner, u->addr, caller, addr, u->bytes);
    else if (r == OK)
        r = xcopy(caller, addr, u->owner, u->addr, u->bytes);
    trace_copy(ev, caller, u, r);
    return r;
}

/* A single copy may share whole pages instead (cowcopy.c, COW safecopy):
 * that path starts only once the grant checks passed. */
GRANT_TEXT static int one_call(struct proc *caller, message *m, uint32_t access, uint32_t ev)
{
    uint32_t *w = m->m_u.m_u32;
    struct grant_use u = { .granter = (endpoint_t)w[SCP_EP], .gid = (cp_grant_id_t)w[SCP_GID],
                           .access = access, .offset = w[SCP_OFFSET], .bytes = w[SCP_BYTES] };
    int r;

    if (u.bytes >= PAGE_SIZE && (r = grant_verify(caller, &u)) == OK &&
        cow_safecopy(caller, &u, w[SCP_ADDR], &r)) {
        if (r != EDONTREPLY)
            trace_copy(ev, caller, &u, r);
        return r;
    }
    return safecopy(caller, &u, w[SCP_ADDR], ev);
}

GRANT_TEXT int do_SAFECOPYFROM(struct proc *caller, message *m)
{
    return one_call(caller, m, CPF_READ, TEV_SAFECOPY_FROM);
}

GRANT_TEXT int do_SAFECOPYTO(struct proc *caller, message *m)
{
    return one_call(caller, m, CPF_WRITE, TEV_SAFECOPY_TO);
}

/* One element: exactly one side is SELF, else EINVAL. */
GRANT_TEXT static int vscp_one(struct proc *caller, const struct vscp_vec *v)
{
    struct grant_use u = { .gid = v->v_gid, .offset = v->v_offset, .bytes = v->v_bytes };

    if (v->v_to == SELF && v->v_from != SELF) {
        u.granter = v->v_from;
        u.access = CPF_READ;
    } else if (v->v_from == SELF && v->v_to != SELF) {
        u.granter = v->v_to;
        u.access = CPF_WRITE;
    } else {
        u.granter = NONE;
        trace_copy(TEV_VSAFECOPY_EL, caller, &u, EINVAL);
        return EINVAL;
    }
    return safecopy(caller, &u, v->v_addr, TEV_VSAFECOPY_EL);
}

/* The vector is read whole before the first copy (a copy into the vector
 * itself does not change what runs) and must be writable: each element's
 * result is written back right after it runs.  Every element runs; the call
 * returns OK, or the error of the first element that failed. */
GRANT_TEXT int do_VSAFECOPY(struct proc *caller, message *m)
{
    static struct vscp_vec vec[SCPVEC_NR];     /* one CPU, no preemption */
    vir_bytes va = m->m_u.m_u32[0];
    uint32_t n = m->m_u.m_u32[1];
    int first = OK;

    if (n > SCPVEC_NR)
        return E2BIG;
    if (!xcopy_range_ok(caller, va, n * (uint32_t)sizeof(vec[0]), 1) ||
        vm_copy_in(caller, va, vec, n * sizeof(vec[0])) != OK)
        return EFAULT;
    for (uint32_t i = 0; i < n; i++) {
        int r = vscp_one(caller, &vec[i]);
        vir_bytes res = va + i * sizeof(vec[0]) + offsetof(struct vscp_vec, v_result);
        vm_copy_out(caller, res, &r, sizeof(r));
        if (first == OK)
            first = r;
    }
    return first;
}
