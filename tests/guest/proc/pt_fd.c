/* pt_fd.c: suite proc, descriptors across fork and exit (VFS_PM_FORK,
 * VFS_PM_EXIT), fcntl and O_CLOEXEC, PM's VFS requests refused to anyone
 * but PM, and a pipe stress between two processes.
 *
 * A forked child cannot report: it exits 0 when it saw what it should.
 * A read that would hang when a hook is missing (the pipe's end-of-file
 * comes only once VFS closed the dead writer's end) makes the run time out,
 * which the harness counts as a failure. */
#include "pt.h"

#define STRESS_BYTES (1024u * 1024)

static uint8_t pat(uint32_t i) { return (uint8_t)(i * 7 + (i >> 9)); }

/* A pipe made before fork: the child writes, the parent reads to EOF. */
static void pipe_inherit_test(void)
{
    int p[2], n = -1, eof = -1;
    char buf[16] = { 0 };
    if (pipe(p) != 0) {
        LT_CHECK(S, "fork_inherits_pipe", 0, "pipe: errno %d", errno);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        _exit(write(p[1], "hello", 5) == 5 ? 0 : 1);
    }
    close(p[1]);
    n = (int)read(p[0], buf, sizeof buf);
    eof = (int)read(p[0], buf + 8, 4);          /* 0 only once the child's end is closed */
    int code = pt_wait_code(pid);
    close(p[0]);
    LT_CHECK(S, "fork_inherits_pipe", n == 5 && !memcmp(buf, "hello", 5) && eof == 0 && code == 0,
             "read %d '%.5s', then %d, child %d", n, buf, eof, code);
}

/* The child shares the open file's position (POSIX) and the cwd. */
static void offset_cwd_test(void)
{
    char buf[8] = { 0 };
    int fd = open("/data/hello.txt", O_RDONLY);
    chdir("/data");
    pid_t pid = fork();
    if (pid == 0) {
        int fd2 = open("hello.txt", O_RDONLY);
        _exit(read(fd, buf, 7) == 7 && fd2 >= 0 ? 0 : 1);
    }
    int code = pt_wait_code(pid);
    int n = (int)read(fd, buf, 4);
    close(fd);
    chdir("/");
    LT_CHECK(S, "fork_shares_offset_and_cwd", fd >= 0 && code == 0 && n == 4 &&
             !memcmp(buf, "file", 4), "fd %d, child %d, read %d '%.4s'", fd, code, n, buf);
}

/* A killed writer: its end closes at its exit, so the reader sees EOF. */
static void exit_closes_test(void)
{
    int p[2];
    char c;
    if (pipe(p) != 0) {
        LT_CHECK(S, "exit_closes_pipe_end", 0, "pipe: errno %d", errno);
        return;
    }
    endpoint_t ep = NONE;
    pid_t pid = pt_raw_fork(&ep);
    if (pid == 0)
        pt_block_forever();                     /* holds the write end */
    close(p[1]);
    int st = -1, code_k = pid > 0 ? sys_kill(ep, 0) : -1;
    int got = waitpid(pid, &st, 0);
    int eof = (int)read(p[0], &c, 1);
    close(p[0]);
    LT_CHECK(S, "exit_closes_pipe_end", code_k == OK && got == pid && eof == 0,
             "kill %d, wait %d, read %d", code_k, got, eof);
}

static void fcntl_test(void)
{
    int fd = open("/data/hello.txt", O_RDONLY | O_CLOEXEC);
    int a = fcntl(fd, F_GETFD), b = fcntl(fd, F_SETFD, 0), c = fcntl(fd, F_GETFD);
    int d = fcntl(fd, F_SETFD, FD_CLOEXEC), e = fcntl(fd, F_GETFD);
    int dup_fd = fcntl(fd, F_DUPFD, 9), f = fcntl(dup_fd, F_GETFD), g = fcntl(fd, F_GETFL);
    int w = open("/tmp/fcntl", O_WRONLY | O_CREAT | O_APPEND, 0644), h = fcntl(w, F_GETFL);
    errno = 0;
    int bad = fcntl(14, F_GETFD), bad_err = errno;
    errno = 0;
    int badc = fcntl(fd, 77), badc_err = errno;
    close(dup_fd);
    close(fd);
    close(w);
    unlink("/tmp/fcntl");
    LT_CHECK(S, "fcntl_flags", fd >= 0 && a == FD_CLOEXEC && b == 0 && c == 0 && d == 0 &&
             e == FD_CLOEXEC && dup_fd >= 9 && f == 0 && g == O_RDONLY &&
             h == (O_WRONLY | O_APPEND) && bad == -1 && bad_err == EBADF && badc == -1 &&
             badc_err == EINVAL, "%d: %d %d %d %d %d dup %d %d fl %d %d bad %d/%d %d/%d",
             fd, a, b, c, d, e, dup_fd, f, g, h, bad, bad_err, badc, badc_err);
}

/* VFS_PM_* from anyone but PM: EPERM, and nothing happens. */
static void refusal_test(void)
{
    int fd = open("/data/hello.txt", O_RDONLY | O_CLOEXEC);
    int f = pt_vfs_raw(VFS_PM_FORK, SELF), x = pt_vfs_raw(VFS_PM_EXIT, SELF);
    int r = pt_vfs_raw(VFS_PM_READEXEC, SELF), e = pt_vfs_raw(VFS_PM_EXEC, SELF);
    int still = fcntl(fd, F_GETFD);
    close(fd);
    LT_CHECK(S, "vfs_pm_requests_refused", f == EPERM && x == EPERM && r == EPERM && e == EPERM &&
             still == FD_CLOEXEC, "fork %d exit %d readexec %d exec %d, fd still %d",
             f, x, r, e, still);
}

static int stress_writer(int wfd)
{
    static uint8_t buf[5000];
    uint32_t done = 0, chunk = 1;
    while (done < STRESS_BYTES) {
        uint32_t n = chunk < STRESS_BYTES - done ? chunk : STRESS_BYTES - done;
        for (uint32_t i = 0; i < n; i++)
            buf[i] = pat(done + i);
        if (write(wfd, buf, n) != (ssize_t)n)
            return 1;
        done += n;
        chunk = chunk * 3 % (sizeof buf - 1) + 1;      /* 1 .. 4999, uneven */
    }
    return 0;
}

/* 1 MiB through one pipe between two processes, every byte checked. */
static void pipe_stress_test(void)
{
    static uint8_t buf[3000];
    uint32_t got = 0, bad_at = 0xffffffffu;
    int p[2], n;
    if (pipe(p) != 0) {
        LT_CHECK(S, "pipe_stress_1m", 0, "pipe: errno %d", errno);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        _exit(stress_writer(p[1]));
    }
    close(p[1]);
    while ((n = (int)read(p[0], buf, sizeof buf)) > 0) {
        for (int i = 0; i < n && bad_at == 0xffffffffu; i++)
            if (buf[i] != pat(got + (uint32_t)i))
                bad_at = got + (uint32_t)i;
        got += (uint32_t)n;
    }
    close(p[0]);
    int code = pt_wait_code(pid);
    LT_CHECK(S, "pipe_stress_1m", got == STRESS_BYTES && bad_at == 0xffffffffu && n == 0 &&
             code == 0, "%u bytes, first bad %#x, last read %d, writer %d", got, bad_at, n, code);
}

const int pt_fd_n = 6;

void pt_fd_tests(void)
{
    pipe_inherit_test();
    offset_cwd_test();
    exit_closes_test();
    fcntl_test();
    refusal_test();
    pipe_stress_test();
}
