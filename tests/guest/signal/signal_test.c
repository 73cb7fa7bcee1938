/* signal_test: suite `signal` (docs/signals.md): handlers, default
 * actions, masks, SIGKILL, SIGCHLD, alarm, EINTR, SIGPIPE, process
 * groups, refusals, forged frames and ^C from the console.
 *
 * At the end VM's free frames and the kernel's process count must be back
 * where they were (deadline polls: VM reaps dead address spaces lazily). */
#include "sig.h"

#define PLANNED 28
#define FS_TESTS 3              /* the pipe tests: not in a run with signal.nofs */

int sig_with_fs;

void sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

uint32_t hz(void)
{
    static uint32_t h;
    struct kinfo k;
    if (!h)
        h = sys_kinfo(&k) == OK && k.hz ? k.hz : 100;
    return h;
}

pid_t spawn_child(int (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn());
    return pid;
}

int wait_status(pid_t pid)
{
    int st = -1;
    for (int t = 0; t < 4 * DEADLINE; t++) {
        int got = waitpid(pid, &st, WNOHANG);
        if (got == pid)
            return st;
        if (got < 0)
            return -1;
        sleep_tick();                       /* poll interval */
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -2;                              /* late: a failure */
}

int run_child(int (*fn)(void))
{
    pid_t pid = spawn_child(fn);
    return pid > 0 ? wait_status(pid) : -1;
}

int wait_for_flag(volatile int *flag, int value)
{
    for (int t = 0; t < DEADLINE; t++) {
        if (*flag == value)
            return 1;
        sleep_tick();                       /* poll interval */
    }
    return *flag == value;
}

static uint32_t free_frames(void)
{
    uint32_t info[VM_INFO_WORDS];
    return vm_info(info) == OK ? info[VM_INFO_FREE] : 0;
}

static int nprocs(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    return sys_proctab(tab, NR_TASKS + NR_PROCS);
}

static int exit0(void) { return 0; }

/* signal.nofs on the command line: the run has no file servers (Bochs
 * boots the ISO, where MFS gets no device), so the pipe tests are not
 * planned (tests/suites.txt, signal/bochs). */
static int with_fs(void)
{
    struct kinfo k;
    return sys_kinfo(&k) != OK || !strstr(k.cmdline, "signal.nofs");
}

int main(void)
{
    sef_startup();                          /* answer RS's init: the run is long under Bochs */
    int fs = sig_with_fs = with_fs();
    ltest_plan(S, fs ? PLANNED : PLANNED - FS_TESTS);
    run_child(exit0);                       /* warms up stack, heap and fork */
    uint32_t frames = free_frames();
    int procs = nprocs();
    basic_tests();
    frame_tests();
    more_tests(fs);
    tty_tests();
    cmd_tests();
    trace_tests();
    uint32_t f = 0;
    int p = 0;
    for (int t = 0; t < DEADLINE && ((f = free_frames()) != frames || (p = nprocs()) != procs); t++)
        sleep_tick();                       /* poll interval */
    LT_CHECK(S, "no_leak", f == frames && p == procs, "frames %u -> %u, processes %d -> %d",
             frames, f, procs, p);
    ltest_finish();
}
