/* signal.c: the signal calls (<signal.h>, docs/signals.md), PM's
 * requests PM_KILL .. PM_GETPGID (lantern/pm.h).
 *
 * Sets and actions travel to and from PM through grants made for the one
 * call, so a bad pointer is EFAULT from PM's safe copy, never a fault here.
 * A handler returns into __sigtramp (sigtramp.S), which calls __sigreturn:
 * PM gets back the mask the frame saved, then SYS_SIGRETURN restores the
 * interrupted context.  Nothing here keeps state: PM has it all. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <safecopies.h>
#include <sys.h>
#include <lantern/pm.h>
#include "../internal.h"

void __sigtramp(void);
void __sigreturn(struct sig_context *c) __attribute__((noreturn));

static int pm(int type, message *m)
{
    m->m_type = type;
    int r = ipc_sendrec(PM_ENDPOINT, m);
    return r != OK ? r : m->m_type;
}

static int fail(int r)
{
    errno = r;
    return -1;
}

/* A grant of [p, p + n) for PM, GRANT_INVALID for NULL, < 0 unlendable. */
static int32_t lend(const void *p, uint32_t n, uint32_t access)
{
    return p ? cpf_grant_direct(PM_ENDPOINT, (vir_bytes)p, n, access) : GRANT_INVALID;
}

static void unlend(int32_t g)
{
    if (g >= 0)
        cpf_revoke(g);
}

/* One PM request with up to two lent buffers (words i2 and i3). */
static int pm_lent(int type, message *m, const void *in, void *out, uint32_t n)
{
    int32_t gi = lend(in, n, CPF_READ), go = lend(out, n, CPF_WRITE);
    int r = EFAULT;
    if ((in && gi < 0) || (out && go < 0))
        goto done;
    m->m_u.m1.i2 = gi;
    m->m_u.m1.i3 = go;
    r = pm(type, m);
done:
    unlend(gi);
    unlend(go);
    return r;
}

int kill(pid_t pid, int sig)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = pid;
    m.m_u.m1.i2 = sig;
    int r = pm(PM_KILL, &m);
    return r == OK ? 0 : fail(r);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = sig;
    m.m_u.m1.p1 = (uint32_t)(vir_bytes)__sigtramp;
    int r = pm_lent(PM_SIGACTION, &m, act, oldact, sizeof(struct sigaction));
    return r == OK ? 0 : fail(r);
}

sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction a, old;
    memset(&a, 0, sizeof(a));
    a.sa_handler = handler;
    return sigaction(sig, &a, &old) == 0 ? old.sa_handler : SIG_ERR;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = how;
    int r = pm_lent(PM_SIGPROCMASK, &m, set, oldset, sizeof(sigset_t));
    return r == OK ? 0 : fail(r);
}

int sigpending(sigset_t *set)
{
    message m;
    memset(&m, 0, sizeof(m));
    if (!set)
        return fail(EFAULT);
    int r = pm_lent(PM_SIGPENDING, &m, NULL, set, sizeof(sigset_t));
    return r == OK ? 0 : fail(r);
}

int sigsuspend(const sigset_t *mask)
{
    message m;
    memset(&m, 0, sizeof(m));
    if (!mask)
        return fail(EFAULT);
    int r = pm_lent(PM_SIGSUSPEND, &m, mask, NULL, sizeof(sigset_t));
    return fail(r == OK ? EINTR : r);
}

int pause(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i2 = GRANT_INVALID;
    int r = pm(PM_SIGSUSPEND, &m);
    return fail(r == OK ? EINTR : r);
}

unsigned alarm(unsigned seconds)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = (int32_t)(seconds > 0x7fffffu ? 0x7fffffu : seconds);
    return pm(PM_ALARM, &m) == OK ? (unsigned)m.m_u.m1.i1 : 0;
}

int setpgid(pid_t pid, pid_t pgid)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = pid;
    m.m_u.m1.i2 = pgid;
    int r = pm(PM_SETPGID, &m);
    return r == OK ? 0 : fail(r);
}

pid_t getpgid(pid_t pid)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = pid;
    int r = pm(PM_GETPGID, &m);
    return r == OK ? m.m_u.m1.i1 : fail(r);
}

pid_t getpgrp(void)
{
    return getpgid(0);
}

/* VFS answered EPIPE: the signal first, errno kept for the caller.  Only
 * a process PM knows can signal itself; anything else just gets EPIPE. */
void __raise_sigpipe(void)
{
    int saved = errno;
    raise(SIGPIPE);
    errno = saved;
}

/* The handler returned (sigtramp.S).  The mask first: a signal it
 * unblocks gets a frame of its own on this stack, and runs before the
 * interrupted code resumes. */
void __sigreturn(struct sig_context *c)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = (int32_t)c->mask;
    pm(PM_SIGRETMASK, &m);
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = (uint32_t)(vir_bytes)c;
    kernel_call(SYS_SIGRETURN, &m);
    _exit(127);                             /* a refused frame ends us before this */
}
