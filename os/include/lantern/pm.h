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

/* PM_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define PM_MTYPE_TABLE(X) \
    X(PM_WAIT,    "pm", "wait for (or be notified of) a child's exit") \
    X(PM_GETPROC, "pm", "pid, parent and name of a process") \
    X(PM_FORK,    "pm", "fork the caller: a copy-on-write child (a user process)") \
    X(PM_EXEC,    "pm", "replace the caller's image with an ELF program from the file system") \
    X(PM_STATS,   "pm", "PM's table use: processes in the tree, forked ones alive (leak checks)")

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

#endif
