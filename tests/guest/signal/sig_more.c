/* sig_more.c: alarm, SIGCHLD, EINTR, SIGPIPE and process groups (suite
 * signal). */
#include "sig.h"

static volatile int hits, reaped, chld_hits;

static void on_sig(int sig)
{
    (void)sig;
    hits++;
}

static void catch(int sig, void (*h)(int))
{
    struct sigaction a;
    memset(&a, 0, sizeof(a));
    a.sa_handler = h;
    sigaction(sig, &a, NULL);
}

static int pause_child(void)
{
    for (int i = 0; i < 1000000; i++)
        pause();                            /* until a signal ends it */
    return 9;
}

static int alarm_child(void)
{
    hits = 0;
    catch(SIGALRM, on_sig);
    if (alarm(1) != 0)
        return 2;
    errno = 0;
    int r = pause();
    return r == -1 && errno == EINTR && hits == 1 ? 0 : 3;
}

/* The absence of SIGALRM needs a window: two seconds, twice the alarm. */
static int cancel_child(void)
{
    unsigned a = alarm(5), b = alarm(1), c = alarm(0);
    for (uint32_t t = 0; t < 2 * hz(); t++)
        sleep_tick();
    return a == 0 && (b == 5 || b == 4) && c == 1 ? 0 : 2;
}

static void alarm_tests(void)
{
    int st = run_child(alarm_child);
    LT_CHECK(S, "alarm_delivers_sigalrm", st == 0, "status %#x", st);
    st = run_child(cancel_child);
    LT_CHECK(S, "alarm_zero_cancels", st == 0, "status %#x", st);
}

/* A process reading its own empty pipe: only the alarm can end the read. */
static int pipe_read_child(void)
{
    int fds[2];
    char c;
    hits = 0;
    if (pipe(fds))
        return 2;
    catch(SIGALRM, on_sig);
    alarm(1);
    errno = 0;
    int n = (int)read(fds[0], &c, 1);
    return n == -1 && errno == EINTR && hits == 1 ? 0 : 3;
}

static int wait_child(void)
{
    int st;
    hits = 0;
    pid_t gc = fork();
    if (gc == 0)
        _exit(pause_child());
    catch(SIGALRM, on_sig);
    alarm(1);
    errno = 0;
    int w = wait(&st), e = errno;
    kill(gc, SIGKILL);
    int w2 = waitpid(gc, &st, 0);
    return w == -1 && e == EINTR && hits == 1 && w2 == gc && WTERMSIG(st) == SIGKILL ? 0 : 2;
}

static void eintr_tests(int fs)
{
    int st;
    if (fs) {
        st = run_child(pipe_read_child);
        LT_CHECK(S, "eintr_pipe_read", st == 0, "status %#x", st);
    }
    st = run_child(wait_child);
    LT_CHECK(S, "eintr_wait", st == 0, "status %#x", st);
}

static void on_chld(int sig)
{
    int st;
    (void)sig;
    chld_hits++;
    while (waitpid(-1, &st, WNOHANG) > 0)
        reaped++;
}

static int exit0(void) { return 0; }

static void sigchld_test(void)
{
    reaped = chld_hits = 0;
    catch(SIGCHLD, on_chld);
    pid_t a = spawn_child(exit0), b = spawn_child(exit0), c = spawn_child(exit0);
    int ok = wait_for_flag(&reaped, 3);
    signal(SIGCHLD, SIG_DFL);
    LT_CHECK(S, "sigchld_handler_reaps", a > 0 && b > 0 && c > 0 && ok && chld_hits >= 1,
             "reaped %d, handler ran %d times", reaped, chld_hits);
}

static int write_closed_pipe(void)
{
    int fds[2];
    if (pipe(fds))
        return -100;
    close(fds[0]);
    errno = 0;
    int n = (int)write(fds[1], "x", 1);
    return n == -1 && errno == EPIPE ? 0 : 1;
}

static int sigpipe_ignored(void)
{
    signal(SIGPIPE, SIG_IGN);
    int a = write_closed_pipe();
    hits = 0;
    catch(SIGPIPE, on_sig);
    int b = write_closed_pipe();
    return a == 0 && b == 0 && hits == 1 ? 0 : 2;
}

static void sigpipe_tests(void)
{
    int st = run_child(write_closed_pipe);
    LT_CHECK(S, "sigpipe_default_kills", st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
             "status %#x", st);
    st = run_child(sigpipe_ignored);
    LT_CHECK(S, "sigpipe_ignored_or_caught_epipe", st == 0, "status %#x", st);
}

static void group_test(void)
{
    int sa = -1, sb = -1, sc = -1;
    pid_t a = spawn_child(pause_child), b = spawn_child(pause_child), c = spawn_child(pause_child);
    int g1 = setpgid(a, a), g2 = setpgid(b, a), pg = getpgid(b);
    int k = kill(-a, SIGTERM);
    sa = wait_status(a);
    sb = wait_status(b);
    int alive = waitpid(c, &sc, WNOHANG) == 0;
    kill(c, SIGKILL);
    sc = wait_status(c);
    LT_CHECK(S, "kill_group_reaches_members_only", g1 == 0 && g2 == 0 && pg == a && k == 0 &&
             WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM && WIFSIGNALED(sb) &&
             WTERMSIG(sb) == SIGTERM && alive && WTERMSIG(sc) == SIGKILL,
             "setpgid %d %d, group %d (want %d), kill %d, a %#x, b %#x, c alive %d",
             g1, g2, pg, a, k, sa, sb, alive);
    errno = 0;
    int r1 = setpgid(1, 1), e1 = errno;         /* INIT is not our child */
    errno = 0;
    int r2 = setpgid(0, 30000), e2 = errno;     /* no such group */
    errno = 0;
    int r3 = kill(-30000, SIGTERM), e3 = errno;
    LT_CHECK(S, "setpgid_refusals", r1 == -1 && e1 == ESRCH && r2 == -1 && e2 == EPERM &&
             r3 == -1 && e3 == ESRCH && getpgrp() == getpid(),
             "%d/%d %d/%d %d/%d, group %d", r1, e1, r2, e2, r3, e3, getpgrp());
}

void more_tests(int fs)
{
    alarm_tests();
    eintr_tests(fs);
    sigchld_test();
    if (fs)
        sigpipe_tests();
    group_test();
}
