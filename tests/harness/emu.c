/* emu.c: starting and stopping an emulator (or any helper program).
 *
 * The child runs in a session of its own, so that stopping its process group
 * stops everything it started.  Bochs gets a pseudo terminal (its term
 * display needs one) whose output is drained into a file. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include "harness.h"

char *argv_buf[MAX_ARGS];

void split_cmd(const char *cmd, char **argv, int *argc)
{
    char *s = xstrdup(cmd);
    char *save, *t = strtok_r(s, " \t", &save);
    while (t) {
        if (*argc >= MAX_ARGS - 1)
            die("emulator command too long");
        argv[(*argc)++] = t;
        t = strtok_r(NULL, " \t", &save);
    }
}

void print_argv(char **argv)
{
    printf("#   $");
    for (int i = 0; argv[i]; i++)
        printf(strchr(argv[i], ' ') ? " '%s'" : " %s", argv[i]);
    printf("\n");
}

/* Start the emulator in its own session (process group) so that it and
 * everything it starts can be stopped at once.  stdin is /dev/null; stdout
 * and stderr go to `out`.  With use_pty, the child gets a pseudo terminal
 * instead (Bochs' term display needs one); the master is drained into `out`. */
void emu_start(struct emu *e, char **argv, const char *out, int use_pty)
{
    memset(e, 0, sizeof *e);
    e->ptm = -1;
    e->term_fd = -1;
    char *slave = NULL;
    if (use_pty) {
        e->ptm = posix_openpt(O_RDWR | O_NOCTTY);
        if (e->ptm < 0 || grantpt(e->ptm) < 0 || unlockpt(e->ptm) < 0)
            die("cannot allocate a pseudo terminal: %s", strerror(errno));
        slave = xstrdup(ptsname(e->ptm));
        fcntl(e->ptm, F_SETFL, O_NONBLOCK);
        fcntl(e->ptm, F_SETFD, FD_CLOEXEC);
        e->term_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        setsid();
        int in, o;
        if (use_pty) {
            in = open(slave, O_RDWR);       /* becomes the controlling tty */
            if (in < 0)
                _exit(126);
            struct winsize ws = { .ws_row = 30, .ws_col = 100 };
            ioctl(in, TIOCSWINSZ, &ws);
            o = in;
            setenv("TERM", "xterm", 1);
        } else {
            in = open("/dev/null", O_RDONLY);
            o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        }
        if (in < 0 || o < 0)
            _exit(126);
        dup2(in, 0);
        dup2(o, 1);
        dup2(o, 2);
        if (in > 2)
            close(in);
        if (o > 2 && o != in)
            close(o);
        execvp(argv[0], argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    free(slave);
    e->pid = pid;
}

static void emu_drain(struct emu *e)
{
    if (e->ptm < 0)
        return;
    char buf[8192];
    for (;;) {
        ssize_t n = read(e->ptm, buf, sizeof buf);
        if (n <= 0)
            break;
        if (e->term_fd >= 0 && write(e->term_fd, buf, (size_t)n) < 0)
            break;
    }
}

int emu_poll(struct emu *e)
{
    emu_drain(e);
    if (!e->exited) {
        pid_t w = waitpid(e->pid, &e->status, WNOHANG);
        if (w == e->pid)
            e->exited = 1;
    }
    return e->exited;
}

/* The emulator's CPU time so far (user + system, all its threads), from
 * /proc/<pid>/stat fields 14 and 15; 0 once it has exited or if unreadable.
 * Field 2, the command name, may hold spaces: parse after its ')'. */
double emu_cpu_s(const struct emu *e)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)e->pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    unsigned long ut = 0, st = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                     &ut, &st) != 2)
        return 0;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Stop the emulator's whole process group: SIGTERM, then SIGKILL. */
void emu_stop(struct emu *e)
{
    if (!e->exited) {
        kill(-e->pid, SIGTERM);
        double t = now_s();
        while (!emu_poll(e) && now_s() - t < 3.0)
            sleep_ms(10);           /* poll for the exit, 3 s deadline */
        if (!e->exited) {
            kill(-e->pid, SIGKILL);
            waitpid(e->pid, &e->status, 0);
            e->exited = 1;
        }
    }
    kill(-e->pid, SIGKILL);      /* stragglers in the group, if any */
    emu_drain(e);
    if (e->ptm >= 0)
        close(e->ptm);
    if (e->term_fd >= 0)
        close(e->term_fd);
    e->ptm = e->term_fd = -1;
}

void subst_file(const char *tmpl, const char *out, const char *keys[],
                       const char *vals[], int n)
{
    FILE *in = fopen(tmpl, "r");
    if (!in)
        die("cannot open %s: %s", tmpl, strerror(errno));
    FILE *o = fopen(out, "w");
    if (!o)
        die("cannot write %s: %s", out, strerror(errno));
    char line[4096];
    while (fgets(line, sizeof line, in)) {
        char *p = line;
        while (*p) {
            int hit = 0;
            for (int i = 0; i < n; i++) {
                size_t kl = strlen(keys[i]);
                if (!strncmp(p, keys[i], kl)) {
                    fputs(vals[i], o);
                    p += kl;
                    hit = 1;
                    break;
                }
            }
            if (!hit)
                fputc(*p++, o);
        }
    }
    fclose(in);
    fclose(o);
}
