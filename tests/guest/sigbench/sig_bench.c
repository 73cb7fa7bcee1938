/* sig_bench: signal benchmarks for `make bench` (runs bench/signal and
 * bench/signal-icount: rs vm pm sig_bench).
 *
 *   signal_deliver_cycles   raise(SIGUSR1) with a handler: getpid and
 *                           PM_KILL, SYS_SIGSEND, the frame built when the
 *                           process resumes, the (empty) handler, the
 *                           trampoline's PM_SIGRETMASK and SYS_SIGRETURN
 *   signal_null_kill_cycles kill(getpid(), 0): the same two PM requests
 *                           without a delivery
 *   signal_deliver_ratio    deliver / null kill, the median of 11
 *                           alternating pairs (each side a median of 101),
 *                           with _min and _max: what a delivery adds to
 *                           the bare requests
 * Under -icount shift=0 the harness reports *_cycles as *_instructions. */
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sef.h>
#include <ltest.h>
#include <sys.h>

#define SAMPLES 101
#define ROUNDS  11

static volatile int hits;
static uint32_t samples[SAMPLES];

static void on_usr1(int sig)
{
    (void)sig;
    hits++;
}

static uint32_t measure(int deliver)
{
    pid_t me = getpid();
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        kill(me, deliver ? SIGUSR1 : 0);
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    ltest_sort_u32(samples, SAMPLES);
    return samples[SAMPLES / 2];
}

int main(void)
{
    uint32_t ratio[ROUNDS], dl = 0, nk = 0;
    struct sigaction a;

    sef_startup();
    memset(&a, 0, sizeof(a));
    a.sa_handler = on_usr1;
    sigaction(SIGUSR1, &a, NULL);
    measure(1);                                 /* warm up */
    measure(0);
    for (int i = 0; i < ROUNDS; i++) {          /* alternate the order */
        if (i & 1) {
            nk = measure(0);
            dl = measure(1);
        } else {
            dl = measure(1);
            nk = measure(0);
        }
        ratio[i] = (uint32_t)((uint64_t)dl * 1000 / (nk ? nk : 1));
    }
    ltest_sort_u32(ratio, ROUNDS);
    ltest_bench_milli("signal_deliver_ratio", ratio[ROUNDS / 2], "ratio");
    ltest_bench_milli("signal_deliver_ratio_min", ratio[0], "ratio");
    ltest_bench_milli("signal_deliver_ratio_max", ratio[ROUNDS - 1], "ratio");
    ltest_bench("signal_deliver_cycles", dl, "cycles");
    ltest_bench("signal_null_kill_cycles", nk, "cycles");
    ltest_bench("signal_handler_runs", (uint64_t)hits, "count");
    ltest_finish();
}
