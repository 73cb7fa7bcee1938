/* seed_race: a test built to show an interleaving (suite `seed`).
 *
 * The parent spawns two user processes, copies of itself with the argument
 * `worker A` and `worker B`, at the same priority.  Each spins through
 * ROUNDS rounds of busy work and writes a trace MARK ("A" or "B", with the
 * round number) after each one.  Which worker runs when is up to the
 * scheduler: the order of the MARKs in the trace is the interleaving.  With
 * seed=<n> the kernel's jitter (os/kernel/jitter.c) moves the preemptions
 * and reorders the run queue; tests/harness/seed-test.sh checks that one
 * seed gives the same trace twice and that two seeds give two different
 * orders.  The parent's one result says both workers ran to the end. */
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <service.h>
#include <ltest.h>

#define S       "seed"
#define ROUNDS  24
#define SPIN    400000      /* loop iterations per round: ~1/5 of a tick under icount */
#define MARK_TAG 0x5eed

static volatile uint32_t sink;

static void worker(const char *name)
{
    for (uint32_t round = 0; round < ROUNDS; round++) {
        for (uint32_t i = 0; i < SPIN; i++)
            sink += i;
        sys_trace_mark(MARK_TAG, (uint32_t)name[0], round, name);
    }
    sys_exit(0);
}

static int start_worker(const char *name, endpoint_t *ep)
{
    char args[16] = "worker ";
    int r;
    strcat(args, name);
    if ((r = sys_spawn_args("seed_race", args, 0, ep)) != OK ||
        (r = sys_privctl(*ep, PRIV_SET_USER, NULL)) != OK)
        return r;
    return OK;
}

/* Both workers exist before either may run, so neither gets a head start
 * from the order of the spawns alone.  WNOTIFY first: PM then keeps a
 * worker that exits while we are not waiting (lantern/pm.h). */
static int run_workers(int *exited_ok)
{
    endpoint_t a, b;
    struct pm_child c;
    int r;

    if ((r = pm_wait(WNOHANG | WNOTIFY, &c)) != EAGAIN && r != ECHILD)
        return r;
    if ((r = start_worker("A", &a)) != OK || (r = start_worker("B", &b)) != OK ||
        (r = sys_privctl(a, PRIV_ALLOW, NULL)) != OK ||
        (r = sys_privctl(b, PRIV_ALLOW, NULL)) != OK)
        return r;
    for (int n = 0; n < 2; n++) {
        if ((r = pm_wait(0, &c)) != OK)
            return r;
        *exited_ok += (c.endpoint == a || c.endpoint == b) && c.status == 0;
    }
    return OK;
}

int main(int argc, char **argv)
{
    int ok = 0, r;

    if (argc > 2 && !strcmp(argv[1], "worker"))
        worker(argv[2]);
    sef_startup();
    ltest_plan(S, 1);
    r = run_workers(&ok);
    LT_CHECK(S, "race_ran", r == OK && ok == 2, "got r=%d and %d workers done, want 0 and 2",
             r, ok);
    ltest_finish();
}
