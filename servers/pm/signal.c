/* signal.c: PM's signal model (docs/signals.md): pending and blocked
 * masks, actions, default actions, and delivery.
 *
 * A signal posted to a process is dropped at once if its action is to
 * ignore it; otherwise it is pending until it is not blocked, and then
 * delivered: a default action ends the process (PM ends it with SYS_EXIT,
 * status PROC_SIGNAL_STATUS(sig), so waitpid sees WIFSIGNALED); a handler
 * makes PM ask the kernel for a frame (SYS_SIGSEND), block the handler's
 * mask, and interrupt whatever the process waits for: PM answers a
 * PM_WAIT or PM_SIGSUSPEND itself with EINTR, and asks VFS to answer a
 * suspended request with EINTR (VFS_PM_UNPAUSE).  The frame runs when the
 * process next returns to user mode, after that answer.
 *
 * Invariants: SIGKILL is never blocked, pending or caught; a signal whose
 * action is to ignore it is never pending. */
#include <string.h>
#include <stdio.h>
#include <lantern/pm.h>
#include <lantern/vfs.h>
#include "tree.h"

#define KILL_BIT SIG_BIT(LT_SIGKILL)

static int default_action(int sig)
{
    switch (sig) {
#define SIG_DEF_CASE(name, nr, def, text) case nr: return def;
    SIGNAL_TABLE(SIG_DEF_CASE)
#undef SIG_DEF_CASE
    default:
        return SIG_DEF_TERM;
    }
}

struct mproc *tree_find_pid(int pid)
{
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used && !mproc[i].zombie && mproc[i].pid == pid)
            return &mproc[i];
    return NULL;
}

static int ignored(const struct mproc *p, int sig)
{
    uint32_t h = p->act[sig].handler;
    return h == SIG_IGN_H || (h == SIG_DFL_H && default_action(sig) == SIG_DEF_IGN);
}

static void terminate(struct mproc *p, int sig)
{
    p->sig_pending = 0;
    sys_kill(p->ep, PROC_SIGNAL_STATUS(sig));   /* the exit event comes next */
}

/* The process was told to run a handler: end what it waits for. */
static void interrupt(struct mproc *p)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = EINTR;
    if (p->paused || p->waiting) {
        p->paused = p->suspmask = 0;
        p->waiting = 0;
        ipc_sendnb(p->ep, &m);
    } else if (p->ep != pm_caller) {
        vfs_unpause(p->ep);     /* it may wait in a VFS request (pipe read) */
    }
}

/* 1: delivered (a frame is queued); 0: the process ends or must wait. */
static int deliver(struct mproc *p, int sig)
{
    struct lt_sigaction *a = &p->act[sig];
    uint32_t old = p->paused && p->suspmask ? p->saved_mask : p->sig_blocked;
    message m;

    if (a->handler == SIG_DFL_H) {
        terminate(p, sig);
        return 0;
    }
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = p->ep;
    m.m_u.m1.i2 = sig;
    m.m_u.m1.p1 = a->handler;
    m.m_u.m1.p2 = p->sig_tramp;
    m.m_u.m1.p3 = old;
    if (kernel_call(SYS_SIGSEND, &m) != OK) {
        p->sig_pending |= SIG_BIT(sig);          /* its frames are full: later */
        return 0;
    }
    p->sig_blocked = (old | a->mask | ((a->flags & LT_SA_NODEFER) ? 0 : SIG_BIT(sig))) & ~KILL_BIT;
    if (a->flags & LT_SA_RESETHAND)
        a->handler = SIG_DFL_H;
    interrupt(p);
    return 1;
}

void sig_check(struct mproc *p)
{
    uint32_t ready;
    while ((ready = p->sig_pending & ~p->sig_blocked) != 0) {
        int sig = __builtin_ctz(ready) + 1;
        p->sig_pending &= ~SIG_BIT(sig);
        if (!deliver(p, sig))
            return;
    }
}

void sig_post(struct mproc *p, int sig)
{
    if (sig == LT_SIGKILL) {
        terminate(p, sig);
        return;
    }
    if (ignored(p, sig))
        return;
    p->sig_pending |= SIG_BIT(sig);
    sig_check(p);
}

/* The child keeps the actions, the mask, the trampoline and the group;
 * nothing is pending in it and it has no alarm (POSIX fork). */
void sig_fork(const struct mproc *parent, struct mproc *child)
{
    memcpy(child->act, parent->act, sizeof(child->act));
    child->sig_blocked = parent->sig_blocked;
    child->sig_tramp = parent->sig_tramp;
    child->pgrp = parent->pgrp;
    child->sig_pending = 0;
    child->alarm_at = 0;
}

/* exec (POSIX): caught signals go back to their default action (the
 * handlers were in the old image); ignored ones stay ignored; the mask and
 * the pending signals stay.  The new image's libc names its trampoline at
 * its first sigaction. */
void sig_exec(struct mproc *p)
{
    for (int sig = 1; sig < LT_NSIG; sig++)
        if (p->act[sig].handler != SIG_IGN_H)
            memset(&p->act[sig], 0, sizeof(p->act[sig]));
    p->sig_tramp = 0;
}

void sig_child_exited(struct mproc *parent)
{
    if (parent->used && !parent->zombie)      /* RS, INIT: default, ignored */
        sig_post(parent, LT_SIGCHLD);
}

static int is_service(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
    for (int i = 0; i < n; i++)
        if (tab[i].endpoint == ep)
            return (tab[i].flags & PI_SYS) != 0;
    return 1;                                   /* unknown: refuse */
}

/* Anyone may signal itself and user processes; INIT and services only RS;
 * RS, PM and VM nobody (their end is the system's). */
int sig_may_signal(endpoint_t caller, const struct mproc *t)
{
    if (t->ep == RS_ENDPOINT || t->ep == PM_ENDPOINT || t->ep == (endpoint_t)VM_PROC_NR)
        return EPERM;
    if (t->ep == caller)
        return OK;
    if (t->pid == INIT_PID || is_service(t->ep))
        return caller == RS_ENDPOINT ? OK : EPERM;
    return OK;
}
