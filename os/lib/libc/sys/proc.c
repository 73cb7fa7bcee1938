/* proc.c: fork, wait, waitpid, getpid, getppid, _exit (PM's requests,
 * lantern/pm.h; docs/processes.md).
 *
 * PM answers a wait with the child's exit status and who ended it; the
 * POSIX status word (sys/wait.h) is made here: a fault status
 * (PROC_FAULT_STATUS) reads as SIGSEGV, an end by another process as
 * SIGKILL, an exit as the low 8 bits of the code. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <service.h>
#include <lantern/signal.h>

#define SIG_KILL 9
#define SIG_SEGV 11

static int fail(int r)
{
    errno = r;
    return -1;
}

pid_t fork(void)
{
    int pid, r = pm_fork(&pid);
    return r == OK ? pid : fail(r);
}

static int encode(const struct pm_child *c)
{
    if (PROC_STATUS_SIGNAL(c->status))      /* a signal's default action (PM) */
        return PROC_STATUS_SIGNAL(c->status);
    if (c->status <= PROC_FAULT_STATUS(0))
        return SIG_SEGV;
    if (c->by != c->endpoint)
        return SIG_KILL;
    return (c->status & 0xff) << 8;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    struct pm_child c;
    int r;

    if (options & ~WNOHANG)
        return fail(EINVAL);
    r = pm_waitpid(options, pid, &c);
    if (r == EAGAIN && (options & WNOHANG))
        return 0;                           /* no child has exited yet */
    if (r != OK)
        return fail(r);
    if (status)
        *status = encode(&c);
    return c.pid;
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
    int pid, r = pm_getproc(SELF, &pid, NULL, NULL, NULL);
    return r == OK ? pid : fail(r);
}

pid_t getppid(void)
{
    int ppid, r = pm_getproc(SELF, NULL, &ppid, NULL, NULL);
    return r == OK ? ppid : fail(r);
}

void _exit(int status)
{
    _Exit(status);
}
