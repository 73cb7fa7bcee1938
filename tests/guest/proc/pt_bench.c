/* pt_bench.c: suite proc's benchmarks (`proc_test bench`, runs bench/proc
 * and bench/proc-icount; docs/benchmarks.md).
 *
 *   fork_exec_wait_cycles, fork_exec_wait_us (_min, _max)
 *       fork + execv of /bin/exec_tiny (which exits at once) + waitpid:
 *       the median of ROUNDS rounds, each the median of FEW_SAMPLES;
 *   pipe_roundtrip_cycles, pipe_roundtrip_us (_min, _max)
 *       one byte to a child over one pipe and back over another (the
 *       child echoes it): the median of ROUNDS rounds of PIPE_SAMPLES.
 * Under -icount shift=0 the harness renames *_cycles to *_instructions.
 * Times in µs are thousandths (ltest_bench_spread_milli) from the
 * calibrated TSC.  One result, bench_ran, says both ran sensibly. */
#include "pt.h"

#define ROUNDS        11
#define FEW_SAMPLES   15
#define PIPE_SAMPLES  301

static uint32_t samples[PIPE_SAMPLES];

static uint32_t median(uint32_t *v, int n)
{
    ltest_sort_u32(v, n);
    return v[n / 2];
}

static uint32_t one_fork_exec_wait(void)
{
    uint64_t t0 = read_tsc();
    pid_t pid = fork();
    if (pid == 0) {
        char *const argv[] = { "exec_tiny", "0", NULL };
        execv("/bin/exec_tiny", argv);
        _exit(100);
    }
    int code = pt_wait_code(pid);
    uint32_t t = (uint32_t)(read_tsc() - t0);
    return code == 0 ? t : 0;
}

/* The child: echo bytes from `in` to `out` until end-of-file. */
static void __attribute__((noreturn)) echo_child(int in, int out)
{
    char c;
    while (read(in, &c, 1) == 1)
        if (write(out, &c, 1) != 1)
            _exit(1);
    _exit(0);
}

static uint32_t pipe_round(int to, int from, int *bad)
{
    for (int i = 0; i < PIPE_SAMPLES; i++) {
        char c = (char)i, back = 0;
        uint64_t t0 = read_tsc();
        if (write(to, &c, 1) != 1 || read(from, &back, 1) != 1 || back != c)
            (*bad)++;
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    return median(samples, PIPE_SAMPLES);
}

static uint64_t to_us_milli(uint32_t cycles, uint32_t khz)
{
    return khz ? (uint64_t)cycles * 1000000 / khz : 0;
}

static uint32_t report(const char *name, uint32_t *rounds, uint32_t khz)
{
    char metric[48];
    uint64_t us[ROUNDS];
    for (int i = 0; i < ROUNDS; i++)
        us[i] = to_us_milli(rounds[i], khz);
    uint32_t med = median(rounds, ROUNDS);
    snprintf(metric, sizeof metric, "%s_cycles", name);
    ltest_bench(metric, med, "cycles");
    snprintf(metric, sizeof metric, "%s_us", name);
    ltest_bench_spread_milli(metric, us, ROUNDS, "us");
    return med;
}

static int pipes(int a[2], int b[2])
{
    return pipe(a) == 0 && pipe(b) == 0 ? 0 : -1;
}

void pt_bench(void)
{
    uint32_t few[ROUNDS], rt[ROUNDS], khz;
    struct kinfo k;
    int bad = 0, a[2], b[2];

    khz = sys_kinfo(&k) == OK ? k.tsc_khz : 0;
    one_fork_exec_wait();                       /* warm up: exec_tiny in MFS's cache */
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < FEW_SAMPLES; i++)
            bad += (samples[i] = one_fork_exec_wait()) == 0;
        few[r] = median(samples, FEW_SAMPLES);
    }
    pid_t pid = pipes(a, b) == 0 ? fork() : -1;
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        echo_child(a[0], b[1]);
    }
    close(a[0]);
    close(b[1]);
    for (int r = 0; r < ROUNDS && pid > 0; r++)
        rt[r] = pipe_round(a[1], b[0], &bad);
    close(a[1]);                                /* the child reads end-of-file */
    int code = pt_wait_code(pid);
    close(b[0]);
    uint32_t f = report("fork_exec_wait", few, khz), p = report("pipe_roundtrip", rt, khz);
    LT_CHECK(S, "bench_ran", bad == 0 && code == 0 && f > p && p > 0,
             "%d bad samples, echo child %d, fork_exec_wait %u, pipe %u cycles", bad, code, f, p);
}
