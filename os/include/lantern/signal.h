/* signal.h: the signal ABI shared by the kernel, PM and libc
 * (docs/signals.md).
 *
 * SIGNAL_TABLE(X) is the one list of signals: X(NAME, number, DEFAULT,
 * "description").  libc's <signal.h> (the SIG* names, strsignal, kill -l)
 * and docs/signals.md come from it.  DEFAULT is SIG_DEF_TERM (the process
 * ends; waitpid sees WIFSIGNALED with that number) or SIG_DEF_IGN.  A number
 * without a line is not a signal: EINVAL.  SIGKILL cannot be caught,
 * ignored or blocked.
 *
 * The frame (struct sig_frame) is what the kernel pushes on the user stack
 * before running a handler (SYS_SIGSEND, os/kernel/system/do_signal.c):
 * the handler is called as handler(signo) and returns into the trampoline
 * PM was given at sigaction time, which restores sc.mask (PM_SIGPROCMASK)
 * and calls SYS_SIGRETURN(&sc). */
#ifndef LANTERN_SIGNAL_H
#define LANTERN_SIGNAL_H

#include <lantern/types.h>

#define SIG_DEF_TERM 1
#define SIG_DEF_IGN  2

#define SIGNAL_TABLE(X) \
    X(SIGHUP,   1, SIG_DEF_TERM, "hangup") \
    X(SIGINT,   2, SIG_DEF_TERM, "interrupt (^C from the terminal)") \
    X(SIGQUIT,  3, SIG_DEF_TERM, "quit") \
    X(SIGILL,   4, SIG_DEF_TERM, "illegal instruction") \
    X(SIGTRAP,  5, SIG_DEF_TERM, "trace trap") \
    X(SIGABRT,  6, SIG_DEF_TERM, "abort") \
    X(SIGBUS,   7, SIG_DEF_TERM, "bus error") \
    X(SIGFPE,   8, SIG_DEF_TERM, "arithmetic error") \
    X(SIGKILL,  9, SIG_DEF_TERM, "kill (cannot be caught, ignored or blocked)") \
    X(SIGUSR1, 10, SIG_DEF_TERM, "user signal 1") \
    X(SIGSEGV, 11, SIG_DEF_TERM, "bad memory access (faults end the process with it)") \
    X(SIGUSR2, 12, SIG_DEF_TERM, "user signal 2") \
    X(SIGPIPE, 13, SIG_DEF_TERM, "write to a pipe without readers") \
    X(SIGALRM, 14, SIG_DEF_TERM, "alarm clock") \
    X(SIGTERM, 15, SIG_DEF_TERM, "termination request") \
    X(SIGCHLD, 17, SIG_DEF_IGN,  "a child exited (default: ignored)") \
    X(SIGWINCH,28, SIG_DEF_IGN,  "terminal size changed (default: ignored)")

#define LT_NSIG 32                     /* numbers are 1..LT_NSIG-1 */

/* LT_SIGINT, ...: the numbers for servers and drivers (libc's <signal.h>
 * has the plain names). */
#define LT_SIG_ENUM_(name, nr, def, text) LT_##name = (nr),
enum { SIGNAL_TABLE(LT_SIG_ENUM_) };
#undef LT_SIG_ENUM_

/* A mask bit per signal: bit (n - 1). */
#define SIG_BIT(n) (1u << ((n) - 1))

/* Handler values (anything else is a function address in the caller). */
#define SIG_DFL_H 0u
#define SIG_IGN_H 1u

/* sa_flags */
#define LT_SA_RESETHAND 0x1            /* back to SIG_DFL once delivered */
#define LT_SA_NODEFER   0x2            /* do not block the signal in its handler */
#define LT_SA_RESTART   0x4            /* accepted, not implemented: calls give EINTR */

/* What PM copies through the caller's grant for PM_SIGACTION; libc's
 * struct sigaction has this layout. */
struct lt_sigaction {
    uint32_t handler;
    uint32_t mask;
    uint32_t flags;
};

/* The saved context in a frame.  SYS_SIGRETURN restores it after checking
 * it: every selector must be the user one, eflags must not have IOPL, eip
 * and esp must be user addresses; else the process ends with SIGSEGV. */
struct sig_context {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, ebx, edx, ecx, eax;
    uint32_t eip, cs, eflags, esp, ss;
    uint32_t mask;                     /* blocked mask to restore (PM keeps masks) */
    uint32_t signo;
};

struct sig_frame {
    uint32_t ret;                      /* the trampoline */
    uint32_t signo;                    /* handler(signo) */
    uint32_t ctx;                      /* &sc, for the trampoline */
    struct sig_context sc;
};

/* The exit status of a process a signal's default action ended (PM ends it
 * with SYS_EXIT on the target); libc's waitpid makes it WIFSIGNALED with
 * that signal.  Kept apart from PROC_FAULT_STATUS (priv.h: -1000 - vector). */
#define PROC_SIGNAL_STATUS(sig)  (-2000 - (int)(sig))
#define PROC_STATUS_SIGNAL(st)   ((st) < -2000 && (st) > -2000 - LT_NSIG ? -2000 - (st) : 0)

/* SYS_SIGSEND (PM only): m1.i1 = target, m1.i2 = signal, m1.p1 = handler,
 * m1.p2 = trampoline, m1.p3 = mask to restore.  The frame is built when the
 * target next returns to user mode (never while it waits for a reply).
 * EPERM: not PM, or the target is a kernel task, RS, PM or VM; EINVAL: a
 * bad signal number; EAGAIN: SIG_QUEUE_MAX frames are waiting already. */
#define SIG_QUEUE_MAX 8

/* SYS_SIGRETURN (everyone, for itself): m1.p1 = &sc of its frame. */

#endif
