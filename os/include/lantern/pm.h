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

/* PM_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define PM_MTYPE_TABLE(X) \
    X(PM_WAIT,    "pm", "wait for (or be notified of) a child's exit") \
    X(PM_GETPROC, "pm", "pid, parent and name of a process") \
    X(PM_FORK,    "pm", "fork the caller: a copy-on-write child (a user process)")

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

/* PM_GETPROC reply: m1.i1 = pid, m1.i2 = parent pid, m1.i3 = parent
 * endpoint, m_str[PM_NAME_OFF..+15] = name. */
#define PM_NAME_OFF  28
#define INIT_PID     1

#endif
