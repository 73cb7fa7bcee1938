/* tv.h: the ttyvfs suite's test program (ttyvfs_test.c says what it
 * tests): helpers (tv_common.c) and the groups (tv_io.c, tv_term.c,
 * tv_restart.c), each reporting a fixed number of results. */
#ifndef TESTS_TTYVFS_TV_H
#define TESTS_TTYVFS_TV_H

#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys.h>
#include <service.h>
#include <ltest.h>
#include <lantern/vfs.h>

#define SUITE    "ttyvfs"
#define DEADLINE 1000                /* ticks (10 s): a condition's deadline */
/* cond first: the message's arguments (errno) are read after the call */
#define T(name, cond, ...) \
    do { int t_ok_ = (cond); LT_CHECK(SUITE, name, t_ok_, __VA_ARGS__); } while (0)

static inline int err_is(int r, int e)
{
    return r == -1 && errno == e;
}

int vfs_stats(struct vfs_stats *st);
/* Wait (deadline) until VFS holds n device reads; OK or ETIMEDOUT. */
int wait_reads(uint32_t n);
/* Type s into the terminal behind fd (TIOCSTI per byte): 0 or -1. */
int inject(int fd, const char *s);
/* A user copy of this program running `args`, let run; its exit status
 * through wait_child (deadline). */
int spawn_child(const char *args, endpoint_t *ep);
int wait_child(endpoint_t ep, int *status);
int child_main(int argc, char **argv);

#define TV_IO_TESTS 10
void tv_io(void);
#define TV_TERM_TESTS 10
void tv_term(void);
#define TV_RESTART_TESTS 4
void tv_restart(void);
void tv_bench(void);                 /* `ttyvfs_test bench`: make bench */

#endif
