/* do_fork.c: SYS_FORK, the kernel's half of PM's fork (docs/processes.md).
 *
 * PM calls it while the parent waits in a SENDREC to PM.  The child gets a
 * copy of the parent's registers and IPC state, so it too waits for PM's
 * reply (which carries 0 where the parent's carries the child's pid); its
 * memory is an empty page directory that VM fills copy-on-write (VM_FORK)
 * before PM answers, so the child never runs before its memory exists.
 * The child is always a user process: a fork never hands down privileges. */
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "system.h"
#include "memory.h"
#include "vmreq.h"

/* The parent must be a process waiting for PM's answer, not a core one. */
static int check_parent(const struct proc *pm, const struct proc *p)
{
    if (iskernelp(p) || p == pm_proc || p == vm_proc || !p->p_pgdir || !p->p_window ||
        (p->p_priv && (p->p_priv->pi.flags & ROOT_SYS_PROC)))
        return EPERM;
    if ((p->p_rts_flags & ~RTS_RECEIVING) || !(p->p_misc_flags & MF_SENDREC) ||
        p->p_getfrom_e != pm->p_endpoint)
        return EINVAL;
    return OK;
}

/* Identity, layout and IPC state: the child awaits the same reply. */
static void copy_parent(struct proc *c, const struct proc *p)
{
    c->p_reg = p->p_reg;
    memcpy(c->p_name, p->p_name, sizeof(c->p_name));
    memcpy(c->p_args, p->p_args, sizeof(c->p_args));
    c->p_parent = p->p_endpoint;
    c->p_module = p->p_module;
    c->p_window = p->p_window;
    c->p_heap_start = p->p_heap_start;
    c->p_grant_table = p->p_grant_table;       /* in memory the child shares */
    c->p_grant_entries = p->p_grant_entries;
    c->p_getfrom_e = p->p_getfrom_e;
    c->p_msg_addr = p->p_msg_addr;
    c->p_ipc_op = IPC_RECEIVE;
    c->p_misc_flags = MF_SENDREC;
}

int do_FORK(struct proc *caller, message *m)
{
    struct proc *parent, *child;
    uint32_t *pd;
    int r;

    if (caller != pm_proc)
        return EPERM;
    if ((r = endpoint_lookup(m->m_u.m1.i1, &parent)) != OK)
        return r;
    if ((r = check_parent(caller, parent)) != OK)
        return r;
    if (!(child = proc_alloc()))
        return EAGAIN;
    if (!(pd = pgdir_create()))
        return ENOMEM;                          /* the slot stays free */
    copy_parent(child, parent);
    child->p_pgdir = pd;
    child->p_cr3 = (uint32_t)pd;
    child->p_priority = USER_Q;
    priv_set_user(child);
    child->p_rts_flags = RTS_RECEIVING;
    exec_announce(child, parent->p_endpoint);
    m->m_u.m1.i1 = child->p_endpoint;
    m->m_u.m1.p1 = parent->p_msg_addr;
    return OK;
}
