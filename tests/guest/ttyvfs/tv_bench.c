/* tv_bench.c: `ttyvfs_test bench`, the terminal's benchmarks for `make
 * bench` (docs/benchmarks.md; runs bench/ttyvfs and bench/ttyvfs-icount).
 *
 *   tty_read_ratio      a 2-byte read of a line already typed, from
 *                       /dev/console (VFS -> tty driver -> safe copy through
 *                       VFS's indirect grant) / the same read from a pipe
 *                       (VFS alone): the median of ROUNDS alternating pairs
 *                       (each side a median of SAMPLES reads), _min, _max;
 *   tty_read_cycles, pipe_read_cycles (and _us): the last pair's medians.
 * Only the read is timed; the line is typed (TIOCSTI, echo off) or the
 * pipe filled before it.  Under -icount the cycles are instructions. */
#include "tv.h"

#define ROUNDS  11
#define SAMPLES 51

static uint32_t samples[SAMPLES];

/* Median cycles of SAMPLES 2-byte reads: from the tty (fd, typed first)
 * or from the pipe (p[0], filled first from p[1]). */
static uint32_t measure(int tty, int fd, const int p[2])
{
    char buf[4];
    for (int i = 0; i < SAMPLES; i++) {
        if (tty)
            inject(fd, "x\n");
        else
            write(p[1], "x\n", 2);
        uint64_t t0 = read_tsc();
        read(tty ? fd : p[0], buf, sizeof(buf));
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    ltest_sort_u32(samples, SAMPLES);
    return samples[SAMPLES / 2];
}

static void report(const char *name, uint32_t cycles, uint32_t khz)
{
    char row[48];
    snprintf(row, sizeof(row), "%s_cycles", name);
    ltest_bench(row, cycles, "cycles");
    snprintf(row, sizeof(row), "%s_us", name);
    if (khz)
        ltest_bench_milli(row, (uint64_t)cycles * 1000000 / khz, "us");
}

void tv_bench(void)
{
    uint64_t ratio[ROUNDS];
    uint32_t t = 0, pp = 0;
    struct termios saved, quiet;
    struct kinfo k;
    int p[2];
    int fd = open("/dev/console", O_RDWR);
    sys_kinfo(&k);
    pipe(p);
    tcgetattr(fd, &saved);
    quiet = saved;
    quiet.c_lflag &= ~(tcflag_t)ECHO;          /* no echo on COM1 while typing */
    tcsetattr(fd, TCSANOW, &quiet);
    measure(1, fd, p);                          /* warm up both */
    measure(0, fd, p);
    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0)
            pp = measure(0, fd, p);
        t = measure(1, fd, p);
        if (i % 2 == 1)
            pp = measure(0, fd, p);
        ratio[i] = (uint64_t)t * 1000 / (pp ? pp : 1);
    }
    tcsetattr(fd, TCSANOW, &saved);
    ltest_bench_spread_milli("tty_read_ratio", ratio, ROUNDS, "ratio");
    report("tty_read", t, k.tsc_khz);
    report("pipe_read", pp, k.tsc_khz);
}
