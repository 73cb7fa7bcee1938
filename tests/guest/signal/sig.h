/* sig.h: suite `signal` (docs/signals.md, docs/testing.md), shared by its
 * files.  The test program has TEST_PROC and reports; the forked children
 * are user processes that tell what they saw through their exit status
 * (0 = as expected, another number = which check failed). */
#ifndef SIG_TEST_H
#define SIG_TEST_H

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <ltest.h>
#include <sys.h>
#include <vm.h>
#include <service.h>
#include <sef.h>

#define S        "signal"
#define DEADLINE 500            /* ticks for a condition to come true */

extern int sig_with_fs;         /* the run has VFS (not signal.nofs) */
void sleep_tick(void);          /* the poll interval of a deadline loop */
uint32_t hz(void);
/* Fork a child running fn (its return value is the exit status); the
 * child's wait status, or -1. */
int run_child(int (*fn)(void));
pid_t spawn_child(int (*fn)(void));
/* waitpid(pid) with a deadline: kills the child (SIGKILL) when it is late. */
int wait_status(pid_t pid);
int wait_for_flag(volatile int *flag, int value);   /* 1 when *flag == value in time */

void basic_tests(void);         /* sig_basic.c: handlers, defaults, masks, refusals */
void more_tests(int fs);        /* sig_more.c: alarm, SIGCHLD, EINTR, SIGPIPE, groups */
void frame_tests(void);         /* sig_frame.c: forged sigreturn frames */
void tty_tests(void);           /* sig_tty.c: ^C from the console */
void cmd_tests(void);           /* sig_cmd.c: the kill command */
void trace_tests(void);         /* sig_trace.c: SIG_FRAME and SIG_RETURN records */

#endif
