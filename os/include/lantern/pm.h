/* pm.h: the protocol of PM, the process manager.
 *
 * PM keeps the process tree.  The kernel tells it about every process start
 * and exit (SYS_PROCEVENT); PM assigns pids, makes INIT the root, RS the
 * child of INIT and the parent of every boot service, reparents orphans to
 * INIT, and tells parents about their children's exits.
 */
#ifndef LANTERN_PM_H
#define LANTERN_PM_H

#include <lantern/types.h>

#define PM_RQ_BASE   0x800
#define PM_WAIT      0x800   /* m1.i1 = WNOHANG | WNOTIFY */
#define PM_GETPROC   0x801   /* m1.i1 = endpoint (SELF = caller) */
#define PM_FORK      0x802   /* no arguments */
/* exec's block, 0x810-0x817 (docs/processes.md) */
#define PM_EXEC      0x810   /* m_u32[0] grant, [1] its base, [2] path, [3] argv, [4] envp */
#define PM_STATS     0x811   /* everyone: m1.i1 = entries in the tree (zombies too), m1.i2 = forked alive */

/* Signals, alarm and process groups (docs/signals.md), 0x818-0x82F.
 * A "grant" below is one the caller made for PM (CPF_READ to give PM a
 * value, CPF_WRITE to get one), or GRANT_INVALID for none; a copy that
 * fails answers EFAULT (or the safe copy's error) and changes nothing. */
#define PM_KILL        0x818  /* m1.i1 = pid (> 0 that process, 0 the caller's group, < -1 group
                                 -pid), m1.i2 = signal (0: only check) */
#define PM_SIGACTION   0x819  /* m1.i1 = signal, m1.i2 = grant of the new struct lt_sigaction,
                                 m1.i3 = grant for the old one, m1.p1 = the trampoline */
#define PM_SIGPROCMASK 0x81A  /* m1.i1 = how (SIG_BLOCK..), m1.i2 = grant of the set,
                                 m1.i3 = grant for the old mask */
#define PM_SIGPENDING  0x81B  /* m1.i3 = grant for the pending set */
#define PM_SIGSUSPEND  0x81C  /* m1.i2 = grant of the mask while waiting (GRANT_INVALID: pause) */
#define PM_SIGRETMASK  0x81D  /* m1.i1 = the mask a handler's frame saved (libc's trampoline) */
#define PM_ALARM       0x81E  /* m1.i1 = seconds (0 cancels); reply m1.i1 = seconds left */
#define PM_SETPGID     0x81F  /* m1.i1 = pid (0: caller), m1.i2 = group (0: that pid) */
#define PM_GETPGID     0x820  /* m1.i1 = pid (0: caller); reply m1.i1 = its group */

/* PM_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define PM_MTYPE_TABLE(X) \
    X(PM_WAIT,    "pm", "wait for (or be notified of) a child's exit") \
    X(PM_GETPROC, "pm", "pid, parent and name of a process") \
    X(PM_FORK,    "pm", "fork the caller: a copy-on-write child (a user process)") \
    X(PM_EXEC,    "pm", "replace the caller's image with an ELF program from the file system") \
    X(PM_STATS,   "pm", "PM's table use: processes in the tree, forked ones alive (leak checks)") \
    PM_SIGNAL_MTYPE_TABLE(X)

/* The signal requests (docs/signals.md): anyone may make them, for itself;
 * PM_KILL's targets are checked (EPERM: a service or INIT, unless the
 * caller is RS; RS, PM and VM never). */
#define PM_SIGNAL_MTYPE_TABLE(X) \
    X(PM_KILL,        "pm", "send a signal to a process or a process group") \
    X(PM_SIGACTION,   "pm", "set / get a signal's action (handler, mask, flags) through grants") \
    X(PM_SIGPROCMASK, "pm", "block / unblock signals (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK)") \
    X(PM_SIGPENDING,  "pm", "the caller's blocked pending signals") \
    X(PM_SIGSUSPEND,  "pm", "wait for a signal with a temporary mask (pause: none); answers EINTR") \
    X(PM_SIGRETMASK,  "pm", "a handler returns: restore the mask its frame saved") \
    X(PM_ALARM,       "pm", "SIGALRM after some seconds (0 cancels); the seconds left of the last") \
    X(PM_SETPGID,     "pm", "put the caller or its child in a process group") \
    X(PM_GETPGID,     "pm", "a process's group")

/* PM_SIGPROCMASK how */
#define PM_SIG_BLOCK   0
#define PM_SIG_UNBLOCK 1
#define PM_SIG_SETMASK 2

/* PM_WAIT flags */
#define WNOHANG  0x1   /* answer EAGAIN instead of waiting */
#define WNOTIFY  0x2   /* from now on, notify me when a child exits */

/* PM_WAIT reply: OK and m1.i1 = child endpoint, m1.i2 = exit status (see
 * PROC_FAULT_STATUS), m1.i3 = who ended it, m1.i4 = child pid; ECHILD when
 * the caller has no children; EAGAIN with WNOHANG when none has exited.
 * A parent that never used WNOTIFY and is not waiting when a child exits
 * does not get a zombie: the exit is reaped at once (like SIGCHLD ignored). */

/* PM_WAIT m1.i2 = which child: 0 or -1 any, > 0 that pid (ECHILD if it is
 * not the caller's child).  A process that ever forked keeps zombies (as
 * with WNOTIFY, without the notification) until it waits for them.
 *
 * PM_FORK: anyone but RS, PM and VM (EPERM from the kernel) may fork.  The
 * child is a user process with a copy-on-write copy of the caller's 16 MiB
 * window and registers; it gets the reply OK, m1.i1 = 0; the parent gets
 * OK, m1.i1 = the child's pid, m1.i2 = its endpoint.  EAGAIN: the process
 * limit (PM_MAX_FORKED processes made by fork alive at once) or no kernel
 * slot; ENOMEM: no memory (the half-made child is ended).  The child has
 * copies of the parent's descriptors (VFS_PM_FORK, docs/processes.md). */
#define PM_MAX_FORKED 24

/* PM_EXEC: a user process (else EPERM) replaces its image with the
 * program file at path (as its cwd sees it).  The caller lends PM its
 * whole window (m_u32[0]: a CPF_READ grant starting at m_u32[1]); path,
 * argv and envp (m_u32[2..4]: addresses in it; argv/envp NULL-terminated,
 * NULL = empty) are read through it, so a bad pointer is EFAULT, never a
 * fault.  Errors, the caller running on: ENOENT / ENOTDIR / ENAMETOOLONG
 * (the path), EACCES (a directory or not a regular file), ENOEXEC (not a
 * valid i386 ELF executable: every header field is checked), E2BIG (more
 * than PM_EXEC_ARGS_MAX bytes of strings and pointers or more than
 * PM_EXEC_NARGS_MAX strings), EFAULT, ENOSYS (no VFS).  Success: no reply;
 * the process runs the program, with argc, argv and envp on its new stack
 * (crt0.S).  A failure after the point of no return (the old image is
 * gone: out of memory, the file changed under exec) ends the process as
 * if PM killed it (its parent's wait reads SIGKILL). */
#define PM_EXEC_ARGS_MAX   16384
#define PM_EXEC_NARGS_MAX  512

/* PM_GETPROC reply: m1.i1 = pid, m1.i2 = parent pid, m1.i3 = parent
 * endpoint, m_str[PM_NAME_OFF..+15] = name. */
#define PM_NAME_OFF  28
#define INIT_PID     1

/* ---- shexec (issue 15): the process list, for ps (0x830-0x83F) --------
 *
 * PM_PROCLIST: m1.i1 = a grant (CPF_WRITE, to PM) of an array of struct
 * pm_proc_row, m1.i2 = its size in bytes.  Anyone may ask (nothing in a
 * row is secret: the kernel's GETINFO_PROCTAB is open to all too).  PM
 * writes one row per process it knows (every process but the kernel's
 * tasks), in its table's order, as many as fit, and answers OK with
 * m1.i1 = rows written, m1.i2 = rows it has (more than m1.i1: the array
 * was too small; a size of 0 just counts).  EINVAL: a negative size; a
 * bad grant: the error of the safe copy (docs/grants.md: EPERM, EINVAL,
 * EFAULT...), nothing written. */
#define PM_PROCLIST  0x830

#define PM_PS_MTYPE_TABLE(X) \
    X(PM_PROCLIST, "pm", "list every process for ps (rows through the caller's grant)")

struct pm_proc_row {
    int32_t pid;
    int32_t ppid;
    int32_t endpoint;
    int32_t state;          /* PS_* */
    int32_t waits_for;      /* PS_SENDING / PS_RECEIVING: the IPC partner's
                             * endpoint (ANY: anyone); else NONE */
    char    name[16];       /* the program (boot label or exec'ed name) */
};

#define PS_RUNNING    0     /* runnable */
#define PS_SENDING    1     /* blocked sending to waits_for */
#define PS_RECEIVING  2     /* blocked receiving from waits_for (a SENDREC
                             * waiting for its reply included) */
#define PS_ZOMBIE     3     /* exited, its parent has not collected it */
#define PS_WAITING    4     /* blocked otherwise (VM, no privileges yet) */

#endif
