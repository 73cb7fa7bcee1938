/* sigcalls.c: PM's signal requests (lantern/pm.h, docs/signals.md).
 *
 * Values larger than a word travel through the caller's grants, so a bad
 * pointer in sigaction() or sigprocmask() gives EFAULT (the safe copy's
 * answer) and never a fault in anyone.  Each request reads everything it
 * needs first and changes the process only when every copy worked. */
#include <string.h>
#include <safecopies.h>
#include <lantern/pm.h>
#include "tree.h"

#define KILL_BIT SIG_BIT(LT_SIGKILL)

static int valid_signal(int sig)
{
    switch (sig) {
#define SIG_VALID_CASE(name, nr, def, text) case nr:
    SIGNAL_TABLE(SIG_VALID_CASE)
#undef SIG_VALID_CASE
        return 1;
    default:
        return 0;
    }
}

static int copy_in(const struct mproc *p, int32_t g, void *buf, uint32_t n)
{
    return sys_safecopyfrom(p->ep, g, 0, (vir_bytes)buf, n);
}

static int copy_out(const struct mproc *p, int32_t g, const void *buf, uint32_t n)
{
    return g == GRANT_INVALID ? OK : sys_safecopyto(p->ep, g, 0, (vir_bytes)buf, n);
}

/* Every process of group pgrp the caller may signal gets sig. */
static int kill_group(endpoint_t caller, int pgrp, int sig)
{
    int found = 0, sent = 0;
    for (int i = 0; i < NR_PM_PROCS; i++) {
        struct mproc *t = &mproc[i];
        if (!t->used || t->zombie || t->pgrp != pgrp)
            continue;
        found++;
        if (sig_may_signal(caller, t) != OK)
            continue;
        sent++;
        if (sig)
            sig_post(t, sig);
    }
    return !found ? ESRCH : !sent ? EPERM : OK;
}

int do_kill(const message *m, message *reply)
{
    struct mproc *caller = tree_find(m->m_source), *t;
    int pid = m->m_u.m1.i1, sig = m->m_u.m1.i2, r;

    (void)reply;
    if (sig != 0 && !valid_signal(sig))
        return EINVAL;
    if (pid == -1)
        return EINVAL;                          /* "everyone": not offered */
    if (pid <= 0) {
        if (pid == 0 && !caller)
            return ESRCH;
        return kill_group(m->m_source, pid == 0 ? caller->pgrp : -pid, sig);
    }
    if (!(t = tree_find_pid(pid)))
        return ESRCH;
    if ((r = sig_may_signal(m->m_source, t)) != OK)
        return r;
    if (sig)
        sig_post(t, sig);
    return OK;
}

int do_sigaction(struct mproc *p, const message *m)
{
    int sig = m->m_u.m1.i1;
    int32_t gnew = m->m_u.m1.i2, gold = m->m_u.m1.i3;
    struct lt_sigaction a;
    int r;

    if (!valid_signal(sig) || (sig == LT_SIGKILL && gnew != GRANT_INVALID))
        return EINVAL;                          /* SIGKILL keeps its action */
    if (gnew != GRANT_INVALID && (r = copy_in(p, gnew, &a, sizeof(a))) != OK)
        return r;
    if ((r = copy_out(p, gold, &p->act[sig], sizeof(a))) != OK)
        return r;
    if (gnew == GRANT_INVALID)
        return OK;
    if (a.flags & ~(uint32_t)(LT_SA_RESETHAND | LT_SA_NODEFER | LT_SA_RESTART))
        return EINVAL;
    a.mask &= ~KILL_BIT;
    p->act[sig] = a;
    if (a.handler != SIG_DFL_H && a.handler != SIG_IGN_H)
        p->sig_tramp = m->m_u.m1.p1;
    if (a.handler == SIG_IGN_H)
        p->sig_pending &= ~SIG_BIT(sig);        /* ignoring drops a pending one */
    return OK;
}

int do_sigprocmask(struct mproc *p, const message *m)
{
    int how = m->m_u.m1.i1;
    int32_t gset = m->m_u.m1.i2, gold = m->m_u.m1.i3;
    uint32_t set = 0, old = p->sig_blocked;
    int r;

    if (gset != GRANT_INVALID && (r = copy_in(p, gset, &set, sizeof(set))) != OK)
        return r;
    if (gset != GRANT_INVALID && how != PM_SIG_BLOCK && how != PM_SIG_UNBLOCK &&
        how != PM_SIG_SETMASK)
        return EINVAL;
    if ((r = copy_out(p, gold, &old, sizeof(old))) != OK)
        return r;
    if (gset == GRANT_INVALID)
        return OK;
    if (how == PM_SIG_BLOCK)
        p->sig_blocked |= set;
    else if (how == PM_SIG_UNBLOCK)
        p->sig_blocked &= ~set;
    else
        p->sig_blocked = set;
    p->sig_blocked &= ~KILL_BIT;                /* silently: SIGKILL is never blocked */
    sig_check(p);
    return OK;
}

int do_sigpending(struct mproc *p, const message *m)
{
    return copy_out(p, m->m_u.m1.i3, &p->sig_pending, sizeof(p->sig_pending));
}

/* pause() and sigsuspend(): answered EINTR when a handler is to run
 * (signal.c, interrupt()); a signal that ends the process ends the wait. */
int do_sigsuspend(struct mproc *p, const message *m)
{
    int32_t g = m->m_u.m1.i2;
    uint32_t mask;
    int r;

    if (g != GRANT_INVALID) {
        if ((r = copy_in(p, g, &mask, sizeof(mask))) != OK)
            return r;
        p->saved_mask = p->sig_blocked;
        p->sig_blocked = mask & ~KILL_BIT;
        p->suspmask = 1;
    }
    p->paused = 1;
    sig_check(p);                               /* one may be waiting already */
    return EDONTREPLY;                          /* answered by interrupt() */
}

/* libc's trampoline: the handler returned; its frame saved this mask. */
int do_sigretmask(struct mproc *p, const message *m)
{
    p->sig_blocked = (uint32_t)m->m_u.m1.i1 & ~KILL_BIT;
    sig_check(p);
    return OK;
}
