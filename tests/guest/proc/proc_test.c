/* proc_test: suite `proc` (docs/processes.md, docs/testing.md): fork,
 * wait/waitpid, getpid/getppid, exit statuses, copy-on-write isolation,
 * the process limit and the refusals of the new calls.
 *
 * The parent has TEST_PROC and reports; a forked child is a user process,
 * which cannot report, so each child tells what it saw through its exit
 * status (0 = as expected), which the parent reads with waitpid.  At the
 * end VM's free frames and the kernel's process count must be back where
 * they were (deadline polls: VM reaps dead address spaces lazily).
 *
 * `proc_test fs` (run proc/fs, with VFS and MFS on a RAM disk) runs the
 * descriptor tests instead (pt_fd.c), then exec's (pt_exec.c). */
#include <sef.h>
#include "pt.h"

#define PLANNED  13
#define STRESS   1000
#define SIG_KILL 9
#define SIG_SEGV 11

static volatile int shared_word = 5;          /* COW isolation */
static char big[3 * 4096] = { 1 };             /* data pages to share */

#define sleep_tick     pt_sleep_tick
#define free_frames    pt_free_frames
#define nprocs         pt_nprocs
#define block_forever  pt_block_forever
#define raw_fork       pt_raw_fork

/* Fork a child that exits with `code`; its wait status, or -1. */
static int child_status(int code)
{
    int st = -1;
    pid_t pid = fork();
    if (pid == 0)
        _exit(code);
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

static void basic_tests(void)
{
    int st = child_status(7);
    LT_CHECK(S, "exit_status", st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 7, "status %#x", st);
    st = child_status(0x1ff);
    LT_CHECK(S, "exit_status_low8", st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0xff,
             "status %#x", st);

    pid_t me = getpid(), pid = fork();
    if (pid == 0)
        _exit(getppid() == me && getpid() != me ? 0 : 1);
    int got = pid > 0 ? waitpid(pid, &st, 0) : -1;
    LT_CHECK(S, "getpid_getppid", me > 1 && got == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
             "me %d, child %d, wait %d, status %#x", me, pid, got, st);
    errno = 0;
    got = wait(&st);
    LT_CHECK(S, "wait_no_child_echild", got == -1 && errno == ECHILD, "%d errno %d", got, errno);
}

static void cow_test(void)
{
    int st = -1;
    shared_word = 5;
    big[4096] = 'p';
    pid_t pid = fork();
    if (pid == 0) {
        int saw = shared_word == 5 && big[4096] == 'p';
        shared_word = 9;
        big[4096] = 'c';
        _exit(saw && shared_word == 9 && big[4096] == 'c' ? 0 : 1);
    }
    shared_word = 6;
    big[4096] = 'q';
    int got = pid > 0 ? waitpid(pid, &st, 0) : -1;
    LT_CHECK(S, "cow_isolation", got == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
             shared_word == 6 && big[4096] == 'q', "child status %#x, parent sees %d %c",
             st, shared_word, big[4096]);
}

static void wait_tests(void)
{
    int st1 = -1, st2 = -1, st = -1;
    pid_t a = fork();
    if (a == 0)
        _exit(3);
    pid_t b = fork();
    if (b == 0)
        _exit(4);
    int gb = waitpid(b, &st2, 0), ga = waitpid(a, &st1, 0);
    LT_CHECK(S, "waitpid_by_pid", a > 0 && b > 0 && gb == b && ga == a &&
             WEXITSTATUS(st1) == 3 && WEXITSTATUS(st2) == 4, "a %d/%d %#x, b %d/%d %#x",
             a, ga, st1, b, gb, st2);

    endpoint_t ep = NONE;
    pid_t pid = raw_fork(&ep);
    if (pid == 0)
        block_forever();
    int nohang = waitpid(pid, &st, WNOHANG);
    int kill_r = sys_kill(ep, 0);
    int got = waitpid(pid, &st, 0);
    LT_CHECK(S, "wnohang_then_killed", pid > 0 && nohang == 0 && kill_r == OK && got == pid &&
             WIFSIGNALED(st) && WTERMSIG(st) == SIG_KILL, "pid %d, nohang %d, kill %d, wait %d %#x",
             pid, nohang, kill_r, got, st);

    pid = fork();
    if (pid == 0)
        *(volatile int *)0 = 1;                 /* a fault: the kernel ends it */
    got = waitpid(pid, &st, 0);
    LT_CHECK(S, "fault_is_sigsegv", got == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIG_SEGV,
             "wait %d status %#x", got, st);
}

/* The child is a user process: no test results, no privileged requests. */
static void child_rights_test(void)
{
    int st = -1;
    pid_t pid = fork();
    if (pid == 0) {
        message m;
        memset(&m, 0, sizeof(m));
        int tr = kernel_call(SYS_TESTRESULT, &m), vf = vm_fork(SELF, SELF, 0);
        endpoint_t c;
        uint32_t a;
        int kf = sys_fork(SELF, &c, &a);
        _exit(tr == ECALLDENIED && vf == EPERM && kf == ECALLDENIED ? 0 : 1);
    }
    int got = waitpid(pid, &st, 0);
    LT_CHECK(S, "child_is_user", got == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
             "status %#x", st);
    endpoint_t c;
    uint32_t a;
    int kf = sys_fork(SELF, &c, &a), vf = vm_fork(SELF, SELF, 0);
    LT_CHECK(S, "fork_calls_pm_only", kf == EPERM && vf == EPERM, "SYS_FORK %d, VM_FORK %d", kf, vf);
}

static void stress_test(void)
{
    int bad = 0, i;
    for (i = 0; i < STRESS && bad == 0; i++) {
        int st = child_status(i & 0x7f);
        bad = st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != (i & 0x7f);
    }
    LT_CHECK(S, "fork_wait_stress_1000", !bad, "failed at %d", i);
}

/* Fork until the limit: EAGAIN, PM still answers, all reaped after. */
static void limit_test(void)
{
    endpoint_t eps[PM_MAX_FORKED + 8];
    int n = 0, pid = 0, st, reaped = 0;
    while (n < PM_MAX_FORKED + 8 && (pid = raw_fork(&eps[n])) > 0)
        n++;
    if (pid == 0)
        block_forever();
    errno = 0;
    int again = fork(), err = errno, me = getpid();
    for (int i = 0; i < n; i++)
        sys_kill(eps[i], 0);
    while (wait(&st) > 0)
        reaped++;
    LT_CHECK(S, "fork_limit_eagain", n > 0 && n <= PM_MAX_FORKED && again == -1 && err == EAGAIN &&
             me > 1 && reaped == n, "%d forks, then %d errno %d, getpid %d, reaped %d",
             n, again, err, me, reaped);
}

static int fs_main(void)
{
    ltest_plan(S, pt_fd_n + pt_exec_n + 1);
    pt_fs_leaks_start();
    pt_fd_tests();
    pt_exec_tests();
    pt_fs_leaks_check();
    ltest_finish();
    return 0;
}

int main(int argc, char **argv)
{
    sef_startup();                              /* answer RS's init: the run is long under Bochs */
    endpoint_t vfs;
    /* An ISO boot (proc/fs-bochs) passes no arguments: VFS in the image
     * means the fs run. */
    if ((argc > 1 && !strcmp(argv[1], "fs")) || (argc == 1 && rs_lookup("vfs", &vfs) == OK))
        return fs_main();
    if (argc > 1 && !strcmp(argv[1], "bench")) {
        ltest_plan(S, 1);
        pt_bench();
        ltest_finish();
    }
    ltest_plan(S, PLANNED);
    basic_tests();                              /* also warms up stack and heap */
    uint32_t frames = free_frames();
    int procs = nprocs();
    cow_test();
    wait_tests();
    child_rights_test();
    stress_test();
    limit_test();
    uint32_t f = 0;
    int p = 0;
    for (int t = 0; t < DEADLINE && ((f = free_frames()) != frames || (p = nprocs()) != procs); t++)
        sleep_tick();
    LT_CHECK(S, "no_leak", f == frames && p == procs, "frames %u -> %u, processes %d -> %d",
             frames, f, procs, p);
    ltest_finish();
}
