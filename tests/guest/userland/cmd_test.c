/* cmd_test: suite "commands": the programs of commands/ before the shell
 * can run them (docs/testing.md, "commands").
 *
 * Boots with the RAM disk (build/fs/ramdisk.img: /etc/motd,
 * /data/hello.txt, /data/big.txt, /tmp) and the commands as boot modules
 * kept for spawning (RS: SF_NOSTART).  Each case spawns one command as a
 * user process with its arguments (SYS_SPAWN's argument string: words
 * split at blanks), hands it descriptors with givefd (0: a file or
 * nothing, 1 and 2: files in /tmp), waits for its exit with a deadline and
 * compares the exit status, stdout and stderr byte for byte.
 * At the end, VFS's counters (open files, vnodes, pipes) must be back to
 * where they started. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys.h>
#include <sef.h>
#include <service.h>
#include <safecopies.h>
#include <ltest.h>
#include <lantern/priv.h>
#include <lantern/vfs.h>
#include <vfs_admin.h>
#include <lantern/kcall.h>
#include "cases.h"

#define S "commands"
#define OUT_PATH "/tmp/cmd.out"
#define ERR_PATH "/tmp/cmd.err"
#define CHILD_DEADLINE 3000         /* ticks */

/* The counters that must come back: tables and free space, not the cache. */
static int same_use(const struct vfs_stats *a, const struct vfs_stats *b)
{
    return a->procs == b->procs && a->filps == b->filps && a->vnodes == b->vnodes &&
           a->pipes == b->pipes && a->free_blocks == b->free_blocks &&
           a->free_inodes == b->free_inodes;
}

/* Poll PM for the child's exit (WNOTIFY keeps it for us); one tick of
 * poll interval inside the deadline. */
static int wait_child(endpoint_t ep, int *status)
{
    uint32_t deadline = sys_uptime() + CHILD_DEADLINE;
    struct pm_child c;
    message m;
    int r;

    for (;;) {
        r = pm_wait(WNOHANG | WNOTIFY, &c);
        if (r == OK && c.endpoint == ep) {
            *status = c.status;
            return OK;
        }
        if (r != OK && r != EAGAIN)
            return r;
        if ((int32_t)(deadline - sys_uptime()) <= 0)
            return ETIMEDOUT;
        if (r == EAGAIN)
            wait_message(NONE, 0, 1, &m);       /* poll interval */
    }
}

static int read_file(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY), n, got = 0;

    if (fd < 0)
        return -1;
    while ((size_t)got < cap - 1 && (n = (int)read(fd, buf + got, cap - 1 - (size_t)got)) > 0)
        got += n;
    buf[got] = '\0';
    close(fd);
    return got;
}

/* Spawn the command with descriptors 0 (optional), 1 and 2 set up. */
static int start(const struct cmd_case *c, endpoint_t *ep)
{
    int out = open(OUT_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(ERR_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = c->in ? open(c->in, O_RDONLY) : -1;
    int r = out < 0 || err < 0 || (c->in && in < 0) ? EIO : OK;

    if (r == OK)
        r = sys_spawn_args(c->prog, c->args, 0, ep);
    if (r == OK)
        r = sys_privctl(*ep, PRIV_SET_USER, NULL);
    if (r == OK && (givefd(out, *ep, 1) != 1 || givefd(err, *ep, 2) != 2 ||
                    (in >= 0 && givefd(in, *ep, 0) != 0)))
        r = EIO;
    if (r == OK)
        r = sys_privctl(*ep, PRIV_ALLOW, NULL);
    close(out);
    close(err);
    if (in >= 0)
        close(in);
    return r;
}

/* Clock ticks per second: SYS_TIMES answers it in m2.w4. */
static uint32_t clock_hz(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    return kernel_call(SYS_TIMES, &m) == OK && m.m_u.m2.w4 ? m.m_u.m2.w4 : 100;
}

/* A successful `sleep N` must take at least N seconds. */
static int min_secs(const struct cmd_case *c)
{
    return strcmp(c->prog, "sleep") == 0 && c->status == 0 && c->args ? atoi(c->args) : 0;
}

static void run_case(const struct cmd_case *c)
{
    static char out[4096], err[1024];
    endpoint_t ep;
    int status = -1, r;
    uint32_t t0 = sys_uptime(), took;

    if ((r = start(c, &ep)) != OK || (r = wait_child(ep, &status)) != OK) {
        ltest_result(S, c->name, 0, "spawn/wait: %d", r);
        return;
    }
    took = sys_uptime() - t0;
    read_file(OUT_PATH, out, sizeof(out));
    read_file(ERR_PATH, err, sizeof(err));
    if (status != c->status)
        ltest_result(S, c->name, 0, "status %d, want %d (stderr \"%s\")", status, c->status, err);
    else if (c->prefix ? strncmp(out, c->out, strlen(c->out)) != 0 : strcmp(out, c->out) != 0)
        ltest_result(S, c->name, 0, "stdout \"%s\", want \"%s\"", out, c->out);
    else if (c->err != NULL && strcmp(err, c->err) != 0)
        ltest_result(S, c->name, 0, "stderr \"%s\", want \"%s\"", err, c->err);
    else if (took < (uint32_t)min_secs(c) * clock_hz())
        ltest_result(S, c->name, 0, "took %u ticks, want at least %d s", took, min_secs(c));
    else
        ltest_result(S, c->name, 1, "%s", "");
}

/* Boot line cmd_test (the "files" cases) or cmd_test:time. */
int main(int argc, char **argv)
{
    struct vfs_stats before, after;
    struct pm_child c;
    int time_run = argc > 1 && strcmp(argv[1], "time") == 0;
    const struct cmd_case *cases = time_run ? cmd_time_cases : cmd_cases;
    int n = time_run ? cmd_time_ncases : cmd_ncases;

    sef_startup();
    ltest_plan(S, n + 1);
    pm_wait(WNOHANG | WNOTIFY, &c);     /* keep our children's exits */
    vfs_stats(&before);
    for (int i = 0; i < n; i++)
        run_case(&cases[i]);
    unlink(OUT_PATH);
    unlink(ERR_PATH);
    vfs_stats(&after);
    LT_CHECK(S, "no_leak", same_use(&before, &after),
             "VFS procs/filps/vnodes/pipes/blocks/inodes %u/%u/%u/%u/%u/%u -> %u/%u/%u/%u/%u/%u",
             before.procs, before.filps, before.vnodes, before.pipes, before.free_blocks,
             before.free_inodes, after.procs, after.filps, after.vnodes, after.pipes,
             after.free_blocks, after.free_inodes);
    sync();
    ltest_finish();
}
