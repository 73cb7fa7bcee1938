/* system.c: kernel-call dispatch (the SYSTEM task).
 *
 * Any 32-bit m_type may arrive: a number outside the table gives
 * EBADREQUEST, a call the caller's kcall_mask lacks ECALLDENIED.  A call
 * whose copy found a page missing (copy_fault, xcopy.c) is parked until VM
 * has mapped it and then runs again from scratch (vmreq.c). */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "trace.h"
#include "system.h"
#include "vmreq.h"

typedef int (*kcall_handler)(struct proc *, message *);

static const kcall_handler kcall_table[NR_KCALLS] = {
#define KCALL_ENTRY(name, nr, text) [nr] = do_##name,
    KCALL_TABLE(KCALL_ENTRY)
#undef KCALL_ENTRY
};

void kernel_call(struct proc *caller)
{
    vir_bytes addr = caller->p_reg.eax;
    message m;
    uint32_t call;
    int r;

    if (vm_copy_in(caller, addr, &m, sizeof(m)) != OK) {
        caller->p_reg.eax = (uint32_t)EFAULT;
        return;
    }
    /* Unsigned: m_type - KCALL_BASE would overflow for m_type near INT_MIN,
     * and every number below KCALL_BASE wraps to one >= NR_KCALLS. */
    call = (uint32_t)m.m_type - KCALL_BASE;
    copy_fault.p = NULL;
    if (call >= NR_KCALLS || !kcall_table[call])
        r = EBADREQUEST;
    else if (!priv_may_call(caller, (int)call))
        r = ECALLDENIED;
    else
        r = kcall_table[call](caller, &m);
    TRACE(KCALL, (uint32_t)caller->p_endpoint, (uint32_t)m.m_type, (uint32_t)r,
          caller->p_recv_call_id, m.m_u.m_u32[0], m.m_u.m_u32[1]);
    if (r == EDONTREPLY || (unlikely(r == EFAULT) && vm_copy_fault_suspend(caller)))
        return;                         /* a copy fault: VM first, then again */
    caller->p_misc_flags &= ~(MF_COWDONE | MF_COWSKIP);   /* the call is over */
    m.m_type = r;
    if (vm_copy_out(caller, addr, &m, sizeof(m)) != OK)
        r = EFAULT;
    caller->p_reg.eax = (uint32_t)r;
}
