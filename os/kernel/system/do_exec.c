/* do_exec.c: SYS_EXEC (33) and SYS_EXECCOPY (34), the kernel's half of
 * PM's execve (docs/processes.md).
 *
 * PM reads and checks the program, VM gives the process its new memory
 * (VM_EXEC_RESET, VM_EXEC_SEG); then PM fills it (SYS_EXECCOPY: bytes from
 * PM's own memory into the target's pages, read-only text included) and
 * starts it (SYS_EXEC: registers, layout, name; the SENDREC to PM that the
 * process made for exec ends without a reply).  Both are PM's alone
 * (EPERM), and only on a user process (the shared user priv: a system
 * process never execs, so no privilege ever passes to a new image; EPERM)
 * that waits in a SENDREC to PM (EINVAL), i.e. one that cannot run while
 * PM changes it. */
#include "kernel.h"
#include "proc.h"
#include "priv.h"
#include "system.h"
#include "memory.h"
#include "trace.h"
#include "segments.h"
#include "boot.h"

#define EXEC_COPY_MAX 0x10000u          /* bytes one SYS_EXECCOPY may move */

/* The process exec changes: a user process waiting for PM's reply. */
static int exec_target(struct proc *caller, endpoint_t ep, struct proc **out)
{
    struct proc *p;
    int r;

    if (caller != pm_proc)
        return EPERM;
    if ((r = endpoint_lookup(ep, &p)) != OK)
        return r;
    if (iskernelp(p) || p->p_priv != &priv_table[USER_PRIV_ID] || !p->p_pgdir)
        return EPERM;
    if ((p->p_rts_flags & ~RTS_RECEIVING) || !(p->p_rts_flags & RTS_RECEIVING) ||
        !(p->p_misc_flags & MF_SENDREC) || p->p_getfrom_e != pm_proc->p_endpoint)
        return EINVAL;
    *out = p;
    return OK;
}

/* m_u32: [0] target, [1] destination address in it, [2] source address in
 * PM, [3] length (<= EXEC_COPY_MAX).  Every destination page must be
 * mapped (VM mapped them): EFAULT if one is not, or if PM's range is bad. */
int do_EXECCOPY(struct proc *caller, message *m)
{
    uint32_t *w = m->m_u.m_u32;
    vir_bytes dst = w[1], src = w[2];
    uint32_t len = w[3];
    struct proc *p;
    int r;

    if ((r = exec_target(caller, (endpoint_t)w[0], &p)) != OK)
        return r;
    if (len > EXEC_COPY_MAX || dst + len < dst)
        return EINVAL;
    while (len > 0) {
        uint32_t chunk = PAGE_SIZE - (dst & (PAGE_SIZE - 1));
        phys_bytes pa = user_lookup(p->p_pgdir, dst, 0);
        if (!pa)
            return EFAULT;
        if (chunk > len)
            chunk = len;
        if (vm_copy_in(caller, src, (void *)pa, chunk) != OK)
            return EFAULT;
        dst += chunk;
        src += chunk;
        len -= chunk;
    }
    return OK;
}

/* The new image's registers: only eip and esp matter, the rest is zero. */
static void fresh_registers(struct proc *p, vir_bytes eip, vir_bytes esp)
{
    memset(&p->p_reg, 0, sizeof(p->p_reg));
    p->p_reg.cs = SEG_UCODE;
    p->p_reg.ds = p->p_reg.es = p->p_reg.fs = p->p_reg.gs = p->p_reg.ss = SEG_UDATA;
    p->p_reg.eip = eip;
    p->p_reg.esp = esp;
    p->p_reg.eflags = 0x202;                    /* IF on, IOPL 0 */
}

/* m_u32: [0] target, [1] entry, [2] initial esp, [3] window, [4] heap
 * start, [5] address and [6] length in PM of the argument words for ps
 * (<= ARGS_MAX, cut there), m_str[EXEC_NAME_OFF..+15] the new name.  The old grant
 * table was in the old memory: the process has none until it registers
 * one again. */
int do_EXEC(struct proc *caller, message *m)
{
    uint32_t *w = m->m_u.m_u32;
    char args[ARGS_MAX + 1];
    uint32_t alen = w[6] > ARGS_MAX ? ARGS_MAX : w[6];
    struct proc *p;
    int r;

    if ((r = exec_target(caller, (endpoint_t)w[0], &p)) != OK)
        return r;
    if (w[3] < USER_BASE || w[3] >= USER_LIMIT || (w[3] & (USER_WINDOW - 1)) ||
        w[1] - w[3] >= USER_WINDOW || w[2] - w[3] > USER_WINDOW)
        return EINVAL;
    if (alen && vm_copy_in(caller, w[5], args, alen) != OK)
        return EFAULT;
    args[alen] = 0;
    fresh_registers(p, w[1], w[2]);
    p->p_window = w[3];
    p->p_heap_start = w[4];
    p->p_grant_table = 0;
    p->p_grant_entries = 0;
    p->p_module = -1;
    p->p_sigq_n = 0;                            /* frames for the old image's handlers */
    memcpy(p->p_args, args, alen + 1);
    memcpy(p->p_name, m->m_u.m_str + EXEC_NAME_OFF, sizeof(p->p_name));
    p->p_name[sizeof(p->p_name) - 1] = 0;
    TRACE(PROC_EXEC, (uint32_t)p->p_endpoint, w[1], w[3], p->p_name);
    trace_set_label(p->p_endpoint, p->p_name);
    p->p_misc_flags &= ~MF_SENDREC;
    rts_clear(p, RTS_RECEIVING);               /* runs the new image */
    return OK;
}
