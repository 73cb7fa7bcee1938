/* userland_test: suite "userland" (docs/testing.md): the shell scripts of
 * tests/userland run by /bin/sh from the disk, the way a user runs them.
 *
 * The case names are compiled in (build/gen/userland/userland_cases.h,
 * made from the .sh files of tests/userland), so the plan never depends on what the
 * image happens to hold.  For each case the test forks; the child moves
 * into a fresh directory /tmp/u/NAME, puts stdin on an empty file and
 * stdout/stderr on /tmp/ul.out and /tmp/ul.err, and execs
 * `/bin/sh /tests/userland/NAME.sh` with PATH=/bin and HOME=that
 * directory.  The parent waits for it (poll with a deadline) and compares:
 * the exit status with NAME.status, stdout byte for byte with NAME.out,
 * and, when NAME.err exists, that stderr contains its text (the fork bomb
 * must have met EAGAIN: "sh: fork: ").  At the end nothing may have
 * leaked: VM's free frames, PM's process count (PM_PROCLIST) and VFS's
 * processes, open files, vnodes and pipes are back where they started
 * (deadline polls: exits and reaping are asynchronous). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <ltest.h>
#include <safecopies.h>
#include <sef.h>
#include <service.h>
#include <sys.h>
#include <vm.h>
#include <lantern/pm.h>
#include <lantern/vfs.h>
#include <vfs_admin.h>

#define S            "userland"
#define CASE_DIR     "/tests/userland/"
#define WORK_DIR     "/tmp/u"
#define OUT_PATH     "/tmp/ul.out"
#define ERR_PATH     "/tmp/ul.err"
#define EMPTY_PATH   "/tmp/ul.in"
#define CASE_TICKS   6000           /* one script's deadline (Bochs is slow) */
#define LEAK_TICKS   500

static const char *const cases[] = {
#include "userland_cases.h"
};
#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

static char want_out[8192], got_out[8192], got_err[2048], extra[256];

/* Poll interval: one clock tick, inside a deadline loop. */
static void sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

/* A whole (small) file into buf, NUL-terminated; its length or -1. */
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

static void put_fd(const char *path, int flags, int target)
{
    int fd = open(path, flags, 0644);
    if (fd < 0 || (fd != target && dup2(fd, target) < 0))
        _exit(125);
    if (fd != target)
        close(fd);
}

/* In the child: the case's directory and descriptors, then the shell. */
static void __attribute__((noreturn)) child(const char *name, const char *dir)
{
    char script[96], home[80];
    char *argv[] = { "sh", script, NULL };
    char *envp[] = { "PATH=/bin", home, NULL };

    snprintf(script, sizeof(script), CASE_DIR "%s.sh", name);
    snprintf(home, sizeof(home), "HOME=%s", dir);
    if (chdir(dir) < 0)
        _exit(125);
    put_fd(EMPTY_PATH, O_RDONLY, 0);
    put_fd(OUT_PATH, O_WRONLY | O_CREAT | O_TRUNC, 1);
    put_fd(ERR_PATH, O_WRONLY | O_CREAT | O_TRUNC, 2);
    execve("/bin/sh", argv, envp);
    _exit(126);
}

/* Wait for pid within the deadline: its status word, or -1. */
static int wait_case(pid_t pid)
{
    int st;
    for (int t = 0; t < CASE_TICKS; t++) {
        pid_t got = waitpid(pid, &st, WNOHANG);
        if (got == pid)
            return st;
        if (got < 0)
            return -1;
        sleep_tick();
    }
    return -1;
}

/* The result of one case, with the reason of a failure in `why`. */
static int check(const char *name, int st, char *why, size_t size)
{
    char path[96], num[16];
    int want;

    snprintf(path, sizeof(path), CASE_DIR "%s.status", name);
    if (read_file(path, num, sizeof(num)) <= 0) {
        snprintf(why, size, "no %s", path);
        return 0;
    }
    want = atoi(num);
    snprintf(path, sizeof(path), CASE_DIR "%s.out", name);
    int nw = read_file(path, want_out, sizeof(want_out));
    int ng = read_file(OUT_PATH, got_out, sizeof(got_out));
    read_file(ERR_PATH, got_err, sizeof(got_err));
    snprintf(path, sizeof(path), CASE_DIR "%s.err", name);
    int ne = read_file(path, extra, sizeof(extra));
    if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != want)
        snprintf(why, size, "status %#x, want exit %d; stderr \"%.120s\"", st, want, got_err);
    else if (nw < 0 || ng != nw || memcmp(got_out, want_out, (size_t)nw) != 0)
        snprintf(why, size, "stdout \"%.150s\", want \"%.150s\"", got_out, nw < 0 ? "?" : want_out);
    else if (ne > 0 && strstr(got_err, extra) == NULL)
        snprintf(why, size, "stderr \"%.150s\" lacks \"%s\"", got_err, extra);
    else
        return 1;
    return 0;
}

static void run_case(const char *name)
{
    char dir[80], why[400];
    int st = -1;
    pid_t pid;

    snprintf(dir, sizeof(dir), WORK_DIR "/%s", name);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        ltest_result(S, name, 0, "mkdir %s: %d", dir, errno);
        return;
    }
    if ((pid = fork()) == 0)
        child(name, dir);
    if (pid < 0) {
        ltest_result(S, name, 0, "fork: %d", errno);
        return;
    }
    st = wait_case(pid);
    int ok = check(name, st, why, sizeof(why));
    ltest_result(S, name, ok, "%s", ok ? "" : why);
}

struct usage {
    uint32_t frames;
    int procs;
    struct vfs_stats vfs;
};

static void measure(struct usage *u)
{
    uint32_t info[VM_INFO_WORDS];
    static struct pm_proc_row row;

    u->frames = vm_info(info) == OK ? info[VM_INFO_FREE] : 0;
    if (pm_proclist(&row, 1, &u->procs) < 0)
        u->procs = -1;
    vfs_stats(&u->vfs);
}

static int same(const struct usage *a, const struct usage *b)
{
    return a->frames == b->frames && a->procs == b->procs && a->vfs.procs == b->vfs.procs &&
           a->vfs.filps == b->vfs.filps && a->vfs.vnodes == b->vfs.vnodes &&
           a->vfs.pipes == b->vfs.pipes;
}

static void no_leak(const struct usage *before)
{
    struct usage after;

    for (int t = 0; t < LEAK_TICKS; t++) {
        measure(&after);
        if (same(before, &after))
            break;
        sleep_tick();
    }
    LT_CHECK(S, "no_leak", same(before, &after),
             "frames %u -> %u, PM processes %d -> %d, VFS procs/files/vnodes/pipes "
             "%u/%u/%u/%u -> %u/%u/%u/%u", before->frames, after.frames, before->procs,
             after.procs, before->vfs.procs, before->vfs.filps, before->vfs.vnodes,
             before->vfs.pipes, after.vfs.procs, after.vfs.filps, after.vfs.vnodes,
             after.vfs.pipes);
}

int main(void)
{
    struct usage before;
    int fd;

    sef_startup();
    ltest_plan(S, NCASES + 1);
    mkdir(WORK_DIR, 0755);
    if ((fd = open(EMPTY_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0)
        close(fd);
    measure(&before);
    for (int i = 0; i < NCASES; i++)
        run_case(cases[i]);
    unlink(OUT_PATH);
    unlink(ERR_PATH);
    no_leak(&before);
    sync();
    ltest_finish();
}
