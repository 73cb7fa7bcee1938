/* signal.h: signals (os/lib/libc/sys/signal.c, docs/signals.md).
 *
 * The numbers and default actions come from SIGNAL_TABLE in
 * <lantern/signal.h>, the one list.  PM keeps actions and masks; the
 * kernel runs a handler on the process's stack and libc's trampoline
 * returns from it (sigtramp.S).  Not offered: SIGSTOP/SIGCONT (no job
 * control), sa_sigaction/SA_SIGINFO, sigqueue. */
#ifndef _LANTERN_LIBC_SIGNAL_H
#define _LANTERN_LIBC_SIGNAL_H

#include <sys/types.h>
#include <lantern/signal.h>

enum {
#define LIBC_SIG_ENUM(name, nr, def, text) name = nr,
    SIGNAL_TABLE(LIBC_SIG_ENUM)
#undef LIBC_SIG_ENUM
};
#define NSIG LT_NSIG

typedef uint32_t sigset_t;
typedef void (*sighandler_t)(int);
typedef int sig_atomic_t;

#define SIG_DFL ((sighandler_t)SIG_DFL_H)
#define SIG_IGN ((sighandler_t)SIG_IGN_H)
#define SIG_ERR ((sighandler_t)-1)

#define SA_RESETHAND LT_SA_RESETHAND
#define SA_NODEFER   LT_SA_NODEFER
#define SA_RESTART   LT_SA_RESTART      /* accepted; calls still give EINTR */

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* Same layout as struct lt_sigaction: PM copies it through a grant. */
struct sigaction {
    sighandler_t sa_handler;
    sigset_t     sa_mask;
    int          sa_flags;
};

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);      /* -1/EINVAL: not a signal */
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

int kill(pid_t pid, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);       /* always -1, EINTR */
int pause(void);                            /* always -1, EINTR */
unsigned alarm(unsigned seconds);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
const char *strsignal(int sig);             /* "unknown signal" for others */
const char *signame(int sig);               /* "INT" for SIGINT, NULL for others */
int sig_by_name(const char *name);          /* "INT" or "SIGINT": the number, or -1 */

#endif
