/* sig_cmd.c: the kill command (commands/kill.c, suite signal).  The test
 * spawns it as a user process (PRIV_SET_USER) and reads its exit status
 * with waitpid; the signalled child's status shows what it sent. */
#include "sig.h"

static int pause_child(void)
{
    for (int i = 0; i < 1000000; i++)
        pause();                            /* until a signal ends it */
    return 9;
}

/* `kill args`: its exit status, or a negative error. */
static int run_kill(const char *args)
{
    endpoint_t ep;
    int pid = 0, st = -1;
    int r = sys_spawn_args("kill", args, 0, &ep);
    if (r == OK)
        r = sys_privctl(ep, PRIV_SET_USER, NULL);
    if (r == OK)
        r = sys_privctl(ep, PRIV_ALLOW, NULL);
    if (r == OK)
        r = pm_getproc(ep, &pid, NULL, NULL, NULL);
    if (r != OK)
        return r;
    st = wait_status(pid);
    return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1000 - st;
}

static char *args_for(const char *opt, int pid)
{
    static char buf[48];
    char num[12];
    int n = 0, v = pid;
    do {
        num[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    strcpy(buf, opt);
    size_t len = strlen(buf);
    while (n)
        buf[len++] = num[--n];
    buf[len] = 0;
    return buf;
}

void cmd_tests(void)
{
    static const char *const opts[] = { "-s USR2 ", "-INT ", "-9 ", "" };
    static const int want[] = { SIGUSR2, SIGINT, SIGKILL, SIGTERM };
    int ok = 1, st[4], rc[4];
    for (int i = 0; i < 4; i++) {
        pid_t c = spawn_child(pause_child);
        rc[i] = run_kill(args_for(opts[i], c));
        st[i] = wait_status(c);
        ok &= rc[i] == 0 && st[i] >= 0 && WIFSIGNALED(st[i]) && WTERMSIG(st[i]) == want[i];
    }
    int list = run_kill("-l"), bad = run_kill("-s NOSUCH 5"), svc = run_kill(args_for("", getpid()));
    LT_CHECK(S, "kill_command", ok && list == 0 && bad == 2 && svc == 1,
             "exits %d %d %d %d, statuses %#x %#x %#x %#x, -l %d, bad name %d, a service %d",
             rc[0], rc[1], rc[2], rc[3], st[0], st[1], st[2], st[3], list, bad, svc);
}
