/* do_safemap.c: SYS_SAFEMAP, SYS_SAFEREVMAP, SYS_SAFEUNMAP (the ABI and
 * every error: lantern/safemap.h; the design: docs/grants.md, "safemap").
 *
 * Who may call: SAFEMAP and SAFEUNMAP, processes whose kernel-call mask
 * lists them (RS's table; test programs have kc_all); user processes get
 * ECALLDENIED.  SAFEREVMAP, everyone (priv.c's user_kcalls): it only
 * undoes mappings made through the caller's own grants.
 *
 * The kernel checks what it can see at call time: alignment, the grant
 * (grant_verify(), with CPF_MAP | CPF_READ [| CPF_WRITE]; every link of an
 * indirect chain is checked now and noted, so revoking any link later
 * finds the mapping), and the sides (no kernel task, not VM, not oneself).
 * VM owns the frames and keeps the mapping records, so the rest is a
 * request to VM (vmreq.c: VMR_SAFEMAP, VMR_SAFEREVMAP, VMR_SAFEUNMAP); the
 * caller is parked until VM answers, and VM's result is the call's result
 * (the reference threw it away).  Nothing is re-checked when a mapping is
 * undone: VM's record holds the resolved addresses (the reference's stuck
 * records after a revoked grant cannot happen).
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "system.h"
#include "grant.h"
#include "vmreq.h"
#include "trace.h"
#include <lantern/safemap.h>

#define W(m, i) ((m)->m_u.m_u32[i])

static int aligned(uint32_t v) { return (v & (PAGE_SIZE - 1)) == 0; }

/* The caller's range: aligned, 1..SAFEMAP_MAX_PAGES pages of user space. */
static int range_ok(vir_bytes addr, uint32_t bytes)
{
    return aligned(addr) && aligned(bytes) && bytes != 0 &&
           bytes <= SAFEMAP_MAX_PAGES * PAGE_SIZE && addr >= USER_BASE &&
           addr < USER_LIMIT && bytes <= USER_LIMIT - addr;
}

/* Neither side may be VM or a task, and the owner not the caller. */
static int sides_ok(const struct proc *caller, const struct proc *owner)
{
    if (!vm_proc || caller == vm_proc || owner == vm_proc || !owner->p_pgdir)
        return EPERM;
    return owner == caller ? EINVAL : OK;
}

/* A call refused here, before VM: its SAFEMAP / SAFEREVMAP / SAFEUNMAP
 * record (the ones VM answers are written by vmreq.c, same fields). */
COLD static int refused(uint32_t ev, struct proc *caller, const message *m, uint32_t access,
                        uint32_t depth, int r)
{
    uint32_t me = (uint32_t)caller->p_endpoint;
    int map = ev == TEV_SAFEMAP;

    if (trace_enabled & TC_GRANT)
        TRACE_EMIT(SAFEMAP, ev, me, map ? W(m, SMAP_EP) : ev == TEV_SAFEREVMAP ? me : (uint32_t)NONE,
                   ev == TEV_SAFEREVMAP ? (uint32_t)NONE : me,
                   ev == TEV_SAFEUNMAP ? 0 : W(m, SMAP_GID), map ? W(m, SMAP_OFFSET) : 0,
                   map ? W(m, SMAP_BYTES) : 0, (uint32_t)r, access, depth, (uint32_t)NONE,
                   caller->p_recv_call_id, ev == TEV_SAFEREVMAP ? 0 : W(m, SMAP_ADDR));
    return r;
}

static int map_checks(struct proc *caller, message *m, struct grant_use *u)
{
    uint32_t flags = W(m, SMAP_FLAGS);
    int r;

    if ((flags & ~(uint32_t)SMAP_WRITE) || !aligned(u->offset) || !range_ok(W(m, SMAP_ADDR), u->bytes))
        return EINVAL;
    if (flags & SMAP_WRITE)
        u->access |= CPF_WRITE;
    if ((r = grant_verify(caller, u)) != OK)
        return r;
    if (!aligned(u->addr))                      /* a magic grant of unaligned memory */
        return EINVAL;
    return sides_ok(caller, u->owner);
}

int do_SAFEMAP(struct proc *caller, message *m)
{
    struct grant_links links = { 0 };
    struct grant_use u = { .granter = (endpoint_t)W(m, SMAP_EP), .gid = (cp_grant_id_t)W(m, SMAP_GID),
                           .offset = W(m, SMAP_OFFSET), .bytes = W(m, SMAP_BYTES),
                           .access = CPF_MAP | CPF_READ, .links = &links };
    int r;

    if ((r = map_checks(caller, m, &u)) != OK)
        return refused(TEV_SAFEMAP, caller, m, u.access, u.depth, r);
    vm_smap_request(caller, &u, W(m, SMAP_ADDR), (W(m, SMAP_FLAGS) & SMAP_WRITE) != 0);
    return EDONTREPLY;
}

int do_SAFEREVMAP(struct proc *caller, message *m)
{
    cp_grant_id_t gid = (cp_grant_id_t)W(m, SMAP_GID);

    if (!GRANT_WELL_FORMED(gid))
        return refused(TEV_SAFEREVMAP, caller, m, 0, 0, EINVAL);
    if (!vm_proc || caller == vm_proc)
        return refused(TEV_SAFEREVMAP, caller, m, 0, 0, EPERM);
    vm_smap_undo_request(caller, VMR_SAFEREVMAP, gid, 0);
    return EDONTREPLY;
}

int do_SAFEUNMAP(struct proc *caller, message *m)
{
    if (!range_ok(W(m, SMAP_ADDR), PAGE_SIZE))
        return refused(TEV_SAFEUNMAP, caller, m, 0, 0, EINVAL);
    if (!vm_proc || caller == vm_proc)
        return refused(TEV_SAFEUNMAP, caller, m, 0, 0, EPERM);
    vm_smap_undo_request(caller, VMR_SAFEUNMAP, 0, W(m, SMAP_ADDR));
    return EDONTREPLY;
}
