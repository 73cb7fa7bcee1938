/* sig_basic.c: handlers, default actions, masks, SIGKILL and the
 * refusals of the signal calls (suite signal). */
#include "sig.h"

#define LOOPS 3000000u

static volatile int hits, last_sig, bad_sig;
static uint32_t expected_sum;

static void on_sig(int sig)
{
    hits++;
    if (last_sig && sig != last_sig)
        bad_sig = sig;
    last_sig = sig;
}

static int catch(int sig, void (*h)(int))
{
    struct sigaction a;
    memset(&a, 0, sizeof(a));
    a.sa_handler = h;
    return sigaction(sig, &a, NULL);
}

/* A register-heavy loop: a corrupted register after the handler shows. */
static uint32_t mix(uint32_t n, int wait_hit)
{
    uint32_t a = 1, b = 0, c = 7;
    for (uint32_t i = 0; i < n || (wait_hit && !hits && i < 0xfffffff0u); i++) {
        if (i < n) {
            a = a * 1103515245u + 12345u;
            b += a >> 3;
            c ^= b + i;
        }
    }
    return a + b * 3 + c * 5;
}

static void handler_tests(void)
{
    hits = last_sig = bad_sig = 0;
    int r = catch(SIGUSR1, on_sig);
    int k = raise(SIGUSR1);
    LT_CHECK(S, "handler_runs_with_signo", r == 0 && k == 0 && hits == 1 && last_sig == SIGUSR1,
             "sigaction %d, raise %d, hits %d, signal %d", r, k, hits, last_sig);
}

static int busy_child(void)
{
    uint32_t got = mix(LOOPS, 1);
    return got != expected_sum ? 1 : hits != 1 ? 10 + hits : last_sig != SIGUSR1 ? 3 : 0;
}

/* The signal comes while the child computes: the handler runs, the loop
 * resumes with every register intact. */
static void resume_test(void)
{
    hits = last_sig = 0;
    expected_sum = mix(LOOPS, 0);
    catch(SIGUSR1, on_sig);                 /* the child inherits the handler */
    pid_t pid = spawn_child(busy_child);
    sleep_tick();                           /* let it start computing (not needed for the check) */
    int k = kill(pid, SIGUSR1);
    int st = wait_status(pid);
    LT_CHECK(S, "interrupted_code_resumes", k == 0 && st == 0, "kill %d, status %#x", k, st);
    signal(SIGUSR1, SIG_DFL);
}

static int pause_child(void)
{
    for (int i = 0; i < 1000000; i++)
        pause();                            /* until a signal ends it */
    return 9;
}

static void default_tests(void)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGUSR2 };
    static const char *const names[] = { "default_sigterm_kills", "default_sigint_kills",
                                         "default_sigusr2_kills" };
    for (int i = 0; i < 3; i++) {
        pid_t pid = spawn_child(pause_child);
        int k = kill(pid, sigs[i]), st = wait_status(pid);
        LT_CHECK(S, names[i], k == 0 && st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == sigs[i],
                 "kill %d, status %#x", k, st);
    }
}

static int sigchld_child(void)
{
    return raise(SIGCHLD) == 0 ? 0 : 1;     /* ignored by default: it goes on */
}

static int mask_child(void)
{
    sigset_t set, pend = 0, old = 0;
    hits = 0;
    catch(SIGUSR1, on_sig);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if (sigprocmask(SIG_BLOCK, &set, &old) || old != 0)
        return 2;
    raise(SIGUSR1);
    raise(SIGUSR1);                          /* one pending: not counted twice */
    if (hits != 0 || sigpending(&pend) || !sigismember(&pend, SIGUSR1))
        return 3;
    if (sigprocmask(SIG_UNBLOCK, &set, NULL))
        return 4;
    return hits == 1 && sigpending(&pend) == 0 && pend == 0 ? 0 : 5;
}

static int kill_child(void)
{
    sigset_t all, now = 0;
    sigfillset(&all);
    all |= SIG_BIT(SIGKILL);                /* asking for it anyway: silently kept out */
    if (sigprocmask(SIG_SETMASK, &all, NULL) || sigprocmask(SIG_BLOCK, NULL, &now))
        return 2;
    if (now & SIG_BIT(SIGKILL))
        return 3;
    for (int i = 0; i < 1000000; i++)
        pause();                            /* until a signal ends it */
    return 9;
}

static void mask_tests(void)
{
    int st = run_child(sigchld_child);
    LT_CHECK(S, "sigchld_default_ignored", st == 0, "status %#x", st);
    st = run_child(mask_child);
    LT_CHECK(S, "mask_defers_until_unblocked", st == 0, "status %#x", st);

    errno = 0;
    int a = catch(SIGKILL, on_sig), ea = errno;
    errno = 0;
    void (*old)(int) = signal(SIGKILL, SIG_IGN);
    int eb = errno;
    pid_t pid = spawn_child(kill_child);
    sleep_tick();                           /* not needed: a blocked SIGKILL would show anyway */
    int k = kill(pid, SIGKILL);
    st = wait_status(pid);
    LT_CHECK(S, "sigkill_not_caught_or_blocked", a == -1 && ea == EINVAL && old == SIG_ERR &&
             eb == EINVAL && k == 0 && st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
             "sigaction %d/%d, signal %d, kill %d, status %#x", a, ea, eb, k, st);
}

static volatile int depth, max_depth;

/* SA_NODEFER: the handler raises its own signal once more; the second
 * frame goes on top of the first and both return in order. */
static void nested(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (hits++ == 0)
        raise(sig);
    depth--;
}

static int flags_child(void)
{
    struct sigaction a, now;
    memset(&a, 0, sizeof(a));
    a.sa_handler = on_sig;
    a.sa_flags = SA_RESETHAND;
    hits = 0;
    if (sigaction(SIGUSR1, &a, NULL) || raise(SIGUSR1) || hits != 1)
        return 2;
    if (sigaction(SIGUSR1, NULL, &now) || now.sa_handler != SIG_DFL)
        return 3;                           /* reset once delivered */
    a.sa_handler = nested;
    a.sa_flags = SA_NODEFER;
    hits = depth = max_depth = 0;
    if (sigaction(SIGUSR2, &a, NULL) || raise(SIGUSR2))
        return 4;
    if (hits != 2 || max_depth != 2 || depth != 0)
        return 5;
    a.sa_flags = 0;                         /* deferred: the second runs after the first */
    hits = depth = max_depth = 0;
    sigaction(SIGUSR2, &a, NULL);
    raise(SIGUSR2);
    return hits == 2 && max_depth == 1 && depth == 0 ? 0 : 6;
}

static void flags_test(void)
{
    int st = run_child(flags_child);
    LT_CHECK(S, "sa_resethand_nodefer_nesting", st == 0, "status %#x", st);
}

static void einval_tests(void)
{
    int r[6], e[6];
    struct sigaction a;
    memset(&a, 0, sizeof(a));
    a.sa_handler = on_sig;
    errno = 0; r[0] = kill(getpid(), 99); e[0] = errno;
    errno = 0; r[1] = kill(getpid(), 16); e[1] = errno;     /* no such signal */
    errno = 0; r[2] = sigaction(0, &a, NULL); e[2] = errno;
    errno = 0; r[3] = sigaction(NSIG, &a, NULL); e[3] = errno;
    errno = 0; r[4] = kill(getpid(), -3); e[4] = errno;
    sigset_t set = 0;
    errno = 0; r[5] = sigprocmask(7, &set, NULL); e[5] = errno;
    int ok = 1;
    for (int i = 0; i < 6; i++)
        ok &= r[i] == -1 && e[i] == EINVAL;
    LT_CHECK(S, "bad_signal_numbers_einval", ok, "%d/%d %d/%d %d/%d %d/%d %d/%d %d/%d",
             r[0], e[0], r[1], e[1], r[2], e[2], r[3], e[3], r[4], e[4], r[5], e[5]);
}

static void efault_tests(void)
{
    static void *const bad[] = { (void *)0x10, (void *)0x100000, (void *)0xfffffff0u };
    int ok = 1, n = 0;
    for (int i = 0; i < 3; i++) {
        errno = 0; ok &= sigaction(SIGUSR1, bad[i], NULL) == -1 && errno == EFAULT; n++;
        errno = 0; ok &= sigaction(SIGUSR1, NULL, bad[i]) == -1 && errno == EFAULT; n++;
        errno = 0; ok &= sigprocmask(SIG_BLOCK, bad[i], NULL) == -1 && errno == EFAULT; n++;
        errno = 0; ok &= sigprocmask(SIG_BLOCK, NULL, bad[i]) == -1 && errno == EFAULT; n++;
        errno = 0; ok &= sigpending(bad[i]) == -1 && errno == EFAULT; n++;
        errno = 0; ok &= sigsuspend(bad[i]) == -1 && errno == EFAULT; n++;
    }
    struct sigaction now;
    sigset_t mask = 1;
    int same = sigaction(SIGUSR1, NULL, &now) == 0 && now.sa_handler == SIG_DFL &&
               sigprocmask(SIG_BLOCK, NULL, &mask) == 0 && mask == 0;
    LT_CHECK(S, "bad_pointers_efault", ok && same, "%d calls, all EFAULT %d, nothing changed %d",
             n, ok, same);
}

static int user_kills_service(void)
{
    pid_t parent = getppid();
    errno = 0;
    int a = kill(parent, SIGTERM), ea = errno;
    errno = 0;
    int b = kill(1, SIGTERM), eb = errno;     /* INIT */
    errno = 0;
    int c = kill(parent, 0), ec = errno;      /* checking is refused too */
    errno = 0;
    int d = kill(30000, SIGTERM), ed = errno;
    return a == -1 && ea == EPERM && b == -1 && eb == EPERM && c == -1 && ec == EPERM &&
           d == -1 && ed == ESRCH ? 0 : 1;
}

static void eperm_test(void)
{
    int st = run_child(user_kills_service);
    LT_CHECK(S, "user_signals_service_eperm", st == 0, "status %#x", st);
}

void basic_tests(void)
{
    handler_tests();
    resume_test();
    default_tests();
    mask_tests();
    flags_test();
    einval_tests();
    efault_tests();
    eperm_test();
}
