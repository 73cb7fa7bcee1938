/* pt.h: suite proc's shared helpers (proc_test.c, pt_fd.c, pt_exec.c,
 * pt_bench.c; docs/testing.md). */
#ifndef PROC_TEST_PT_H
#define PROC_TEST_PT_H

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <ltest.h>
#include <sys.h>
#include <vm.h>
#include <service.h>
#include <stdio.h>
#include <lantern/vfs.h>
#include <vfs_admin.h>

#define S        "proc"
#define DEADLINE 500            /* ticks for a condition to come true */

void pt_sleep_tick(void);                       /* one tick: a poll interval */
uint32_t pt_free_frames(void);
int pt_nprocs(void);
int pt_vfs_raw(int type, endpoint_t target);    /* a bare VFS request: its answer */
int pt_wait_code(pid_t pid);
int pt_raw_fork(endpoint_t *ep);                /* fork(), with the child's endpoint */
void pt_block_forever(void) __attribute__((noreturn));                    /* exit code, or -1 (not exited, signal) */

/* pt_fd.c: descriptors across fork and exit, fcntl, the pipe stress */
extern const int pt_fd_n;
void pt_fd_tests(void);
/* pt_exec.c: execve */
extern const int pt_exec_n;
void pt_exec_tests(void);
/* pt_bench.c: fork_exec_wait_us, pipe_roundtrip_us (one result) */
void pt_bench(void);
/* the leak check of the runs with VFS */
void pt_fs_leaks_start(void);
void pt_fs_leaks_check(void);

#endif
