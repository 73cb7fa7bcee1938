/* ft_pipe.c: pipes (one process, and a reader and a writer process),
 * concurrent writers, descriptors handed to a child, and the exit sweep
 * (a writer that dies without closing still gives its reader EOF).
 *
 * Children are user copies of fs_test (spawn_child); child_main runs the
 * role named by argv[1] and exits 0 on success.  A child gets its
 * descriptor by VFS_GIVEFD before it may run. */
#include <stdlib.h>
#include <signal.h>
#include "ft.h"

#define PIPE_BYTES 20000            /* several times VFS's 4 KiB pipe buffer */
#define CHILD_FD   5

static int pipe_write_all(int fd, uint32_t seed, uint32_t n)
{
    uint8_t buf[1000];
    for (uint32_t pos = 0; pos < n; pos += sizeof(buf)) {
        for (uint32_t i = 0; i < sizeof(buf); i++)
            buf[i] = pat(seed, pos + i);
        if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
            return -1;
    }
    return 0;
}

/* Read to EOF; the count, or -1 on a pattern mismatch or error. */
static int pipe_read_all(int fd, uint32_t seed)
{
    uint8_t buf[700];
    int n, total = 0;
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        for (int i = 0; i < n; i++, total++)
            if (buf[i] != pat(seed, (uint32_t)total))
                return -1;
    return n < 0 ? -1 : total;
}

int child_main(int argc, char **argv)
{
    const char *role = argv[1];
    int r = 1;

    if (!strcmp(role, "kw"))            /* ft_kill.c's writer */
        r = kill_writer();
    else if (!strcmp(role, "pw"))            /* pipe writer, closes at the end */
        r = pipe_write_all(CHILD_FD, 9, PIPE_BYTES) || close(CHILD_FD);
    else if (!strcmp(role, "pwdie"))    /* pipe writer that just exits */
        r = pipe_write_all(CHILD_FD, 9, 3000);
    else if (!strcmp(role, "pr"))
        r = pipe_read_all(CHILD_FD, 4) != PIPE_BYTES;
    else if (!strcmp(role, "w") && argc > 3)
        r = write_pattern(argv[3], (uint32_t)atoi(argv[2]), 64 * 1024, 700) != OK;
    else if (!strcmp(role, "app") && argc > 2) {
        int fd = open("/tmp/shared", O_WRONLY | O_APPEND);
        char rec[16];
        r = fd < 0;
        for (int i = 0; i < 200 && !r; i++) {
            snprintf(rec, sizeof(rec), "%s:%09d\n", argv[2], i);
            r = write(fd, rec, 16) != 16;
        }
        close(fd);
    }
    sys_exit(r ? 1 : 0);
}

static void t_pipe_local(void)
{
    int fds[2] = { -1, -1 }, n;
    char buf[16];
    struct stat st;

    T("pipe", pipe(fds) == 0 && fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1], "errno %d",
      errno);
    n = write(fds[1], "through", 7);
    T("pipe_write_read", n == 7 && read(fds[0], buf, sizeof(buf)) == 7 &&
      !memcmp(buf, "through", 7), "n %d", n);
    T("pipe_fstat_lseek", fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode) &&
      err_is(lseek(fds[0], 0, SEEK_SET), ESPIPE), "errno %d", errno);
    T("pipe_wrong_end_ebadf", err_is(write(fds[0], "x", 1), EBADF), "errno %d", errno);
    close(fds[1]);
    T("pipe_eof", read(fds[0], buf, sizeof(buf)) == 0, "no EOF");
    close(fds[0]);
    pipe(fds);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);       /* else write() raises SIGPIPE and we die (docs/signals.md) */
    T("pipe_epipe", err_is(write(fds[1], "x", 1), EPIPE), "errno %d", errno);
    close(fds[1]);
}

/* A child in role `role` with our pipe end `fd` as its CHILD_FD. */
static int child_with_fd(const char *role, int fd, endpoint_t *ep)
{
    int r = spawn_child(role, ep);
    if (r == OK && givefd(fd, *ep, CHILD_FD) != CHILD_FD)
        r = errno;
    if (r == OK)
        r = start_child(*ep);
    return r;
}

static void t_pipe_procs(void)
{
    int fds[2], r, got, status = -1;
    endpoint_t ep;

    pipe(fds);
    r = child_with_fd("c pw", fds[1], &ep);
    close(fds[1]);
    got = pipe_read_all(fds[0], 9);
    close(fds[0]);
    T("pipe_child_writer", r == OK && got == PIPE_BYTES && wait_child(ep, &status) == OK &&
      status == 0, "r %d got %d status %d", r, got, status);
    pipe(fds);
    r = child_with_fd("c pr", fds[0], &ep);
    close(fds[0]);
    got = pipe_write_all(fds[1], 4, PIPE_BYTES);
    close(fds[1]);
    T("pipe_child_reader", r == OK && got == 0 && wait_child(ep, &status) == OK && status == 0,
      "r %d got %d status %d", r, got, status);
    pipe(fds);
    r = child_with_fd("c pwdie", fds[1], &ep);
    close(fds[1]);
    got = pipe_read_all(fds[0], 9);         /* EOF once VFS sees the child gone */
    close(fds[0]);
    T("pipe_writer_exit_eof", r == OK && got == 3000 && wait_child(ep, &status) == OK,
      "r %d got %d", r, got);
}

static void t_concurrent(void)
{
    endpoint_t a, b, c, d;
    int sa = -1, sb = -1, sc = -1, sd = -1, r, fd, ok = 1;
    char rec[16];
    int seen[2] = { 0, 0 };

    fd = open("/tmp/shared", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(fd);
    r = spawn_child("c w 5 /tmp/w5", &a) | spawn_child("c w 6 /tmp/w6", &b) |
        spawn_child("c app a", &c) | spawn_child("c app b", &d);
    r |= start_child(a) | start_child(b) | start_child(c) | start_child(d);
    r |= wait_child(a, &sa) | wait_child(b, &sb) | wait_child(c, &sc) | wait_child(d, &sd);
    T("concurrent_writers", r == OK && !sa && !sb && check_pattern("/tmp/w5", 5, 65536) == OK &&
      check_pattern("/tmp/w6", 6, 65536) == OK, "r %d status %d %d", r, sa, sb);
    fd = open("/tmp/shared", O_RDONLY);
    while (read(fd, rec, 16) == 16) {
        int who = rec[0] == 'b', n = atoi(rec + 2);
        ok &= (rec[0] == 'a' || rec[0] == 'b') && rec[1] == ':' && n == seen[who];
        seen[who]++;
    }
    close(fd);
    T("concurrent_appends", !sc && !sd && ok && seen[0] == 200 && seen[1] == 200,
      "a %d b %d ok %d", seen[0], seen[1], ok);
    unlink("/tmp/w5");
    unlink("/tmp/w6");
    unlink("/tmp/shared");
}

static void t_givefd_eperm(void)
{
    int fd = open("/etc/motd", O_RDONLY);
    endpoint_t pm = PM_ENDPOINT;

    T("givefd_not_child_eperm", err_is(givefd(fd, pm, 3), EPERM), "errno %d", errno);
    close(fd);
}

void ft_pipe(void)
{
    t_pipe_local();
    t_pipe_procs();
    t_concurrent();
    t_givefd_eperm();
}
const int ft_pipe_n = 12;
