/* do_setgrant.c: SYS_SETGRANT, registering a grant table (and telling the
 * trace about a revocation).
 *
 * Who may call: every process (users too: a user program lends buffers to
 * servers).  The table lives in the caller's memory; the kernel keeps only
 * its address and length, per process (struct proc), and reads entries at
 * each use (grant.c).  Unlike MINIX, the table is checked when it is
 * registered: every page of it must be mapped and user-readable (EFAULT),
 * so a table pointer that is not mapped is refused here, and no registered
 * table is ever half there.  A failed call leaves the old table registered.
 *
 * SETGRANT_REVOKED is libsys's report that it revoked a grant the kernel
 * had recorded (CPF_TRACED, grant.c): the kernel checks that the slot no
 * longer holds that grant, then writes GRANT_REVOKE from the copy of the
 * old entry the caller passes.  It changes nothing.
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "system.h"
#include "trace.h"
#include "grant.h"

static int set_table(struct proc *caller, vir_bytes table, uint32_t n)
{
    if (n > GRANT_MAX_ENTRIES)
        return E2BIG;
    if (n && !xcopy_range_ok(caller, table, n * (uint32_t)sizeof(cp_grant_t), 0))
        return EFAULT;
    caller->p_grant_table = n ? table : 0;
    caller->p_grant_entries = n;
    return OK;
}

/* Does the caller's slot of id still hold the grant id?  (Then it was not
 * revoked, and no GRANT_REVOKE is written.) */
static int still_live(struct proc *caller, cp_grant_id_t id)
{
    cp_grant_t now;
    vir_bytes where = caller->p_grant_table + GRANT_SLOT(id) * sizeof(now);

    if (vm_copy_in(caller, where, &now, sizeof(now)) != OK)
        return 0;
    return (now.cp_flags & CPF_VALID) && now.cp_gen == GRANT_GEN(id);
}

static int note_revoked(struct proc *caller, cp_grant_id_t id, vir_bytes old_addr)
{
    cp_grant_t old;
    int ind;

    if (!GRANT_WELL_FORMED(id) || GRANT_SLOT(id) >= caller->p_grant_entries)
        return EINVAL;
    if (vm_copy_in(caller, old_addr, &old, sizeof(old)) != OK)
        return EFAULT;
    if (old.cp_gen != GRANT_GEN(id) || still_live(caller, id))
        return EINVAL;
    ind = (old.cp_flags & CPF_INDIRECT) != 0;
    TRACE(GRANT_REVOKE, (uint32_t)caller->p_endpoint, (uint32_t)caller->p_endpoint,
          (uint32_t)old.cp_to, (uint32_t)id, 0, ind ? 0 : old.cp_len, OK,
          old.cp_flags & CPF_ACCESS, (uint32_t)ind,
          (uint32_t)((old.cp_flags & CPF_DIRECT) ? caller->p_endpoint : old.cp_from),
          caller->p_recv_call_id, ind ? (uint32_t)old.cp_grant : old.cp_addr);
    return OK;
}

int do_SETGRANT(struct proc *caller, message *m)
{
    uint32_t *w = m->m_u.m_u32;
    int r;

    if (w[2] == SETGRANT_REVOKED)
        return note_revoked(caller, (cp_grant_id_t)w[0], w[1]);
    if (w[2] != SETGRANT_TABLE)
        return EINVAL;
    r = set_table(caller, w[0], w[1]);
    TRACE(GRANT_SET, (uint32_t)caller->p_endpoint, w[0], w[1], (uint32_t)r);
    return r;
}
