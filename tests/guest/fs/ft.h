/* ft.h: shared helpers of the fs suite's test program (fs_test.c).
 *
 * Every check reports one result (T); the parts are called in a fixed
 * order from main, and FT_PLANNED is their total, checked by the harness.
 * err_is(r, E) says "the call failed with errno E" (libc's errno holds the
 * negative lantern/errno.h code). */
#ifndef FS_FT_H
#define FS_FT_H

#include <errno.h>
#include <string.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys.h>
#include <ltest.h>
#include <lantern/vfs.h>
#include <vfs_admin.h>

/* the suite results go to: "fs", or the boot line's second argument */
extern const char *ft_suite;
#define S ft_suite
/* cond first: the message's arguments (errno) are read after the call */
#define T(name, cond, ...) \
    do { int t_ok_ = (cond); LT_CHECK(S, name, t_ok_, __VA_ARGS__); } while (0)

static inline int err_is(int r, int e)
{
    return r == -1 && errno == e;
}

/* The pattern byte at offset i of a test file `seed`. */
static inline uint8_t pat(uint32_t seed, uint32_t i)
{
    return (uint8_t)(i * 31 + seed * 7 + (i >> 10));
}

/* vfs_stats(): libsys vfs_admin.h */
int write_pattern(const char *path, uint32_t seed, uint32_t size, uint32_t chunk);
int check_pattern(const char *path, uint32_t seed, uint32_t size);
/* Spawn a user copy of fs_test running `args`; its endpoint, not yet let
 * run (call start_child); wait_child waits for it with a deadline. */
int spawn_child(const char *args, endpoint_t *ep);
int start_child(endpoint_t ep);
int wait_child(endpoint_t ep, int *status);
int child_main(int argc, char **argv);

void ft_basic(void);
void ft_dirs(void);
void ft_big(void);
void ft_pipe(void);
void ft_priv(void);
void ft_kill(void);
int kill_writer(void);
extern const char *ft_driver;
extern const int ft_basic_n, ft_dirs_n, ft_big_n, ft_pipe_n, ft_priv_n, ft_kill_n;

#endif
