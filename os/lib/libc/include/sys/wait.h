/* sys/wait.h: wait() and waitpid() (os/lib/libc/sys/proc.c).
 *
 * The status word is POSIX's: a normal exit keeps the low 8 bits of the
 * exit code in bits 8..15; a process ended by a signal has the signal
 * number in bits 0..6.  A fault (the kernel ended it: page fault, general
 * protection...) reads as SIGSEGV; a process ended by another one (RS, its
 * parent, PM) as SIGKILL (docs/processes.md). */
#ifndef _LANTERN_LIBC_SYS_WAIT_H
#define _LANTERN_LIBC_SYS_WAIT_H

#include <sys/types.h>
#include <lantern/pm.h>          /* WNOHANG */

#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0)
#define WTERMSIG(s)     ((s) & 0x7f)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);   /* options: 0 or WNOHANG */

#endif
