/* vt_bench.c: the screen's benchmarks (vga_test bench; runs bench/tty-vga
 * and bench/tty-vga-icount, docs/benchmarks.md).
 *
 *   tty_vga_line_cycles   a CDEV_WRITE of one 80-column line ending in
 *                         \n to VC 2 (the screen full, so each one also
 *                         scrolls 24 rows of uncached VGA memory): median
 *                         of SAMPLES;
 *   tty_vga_char_cycles   a CDEV_WRITE of one byte to VC 2: the request's
 *                         fixed cost (IPC, grant, safe copy, cursor ports);
 *   tty_vga_line_ratio    line / byte, the median of ROUNDS alternating
 *                         pairs (each side a median of SAMPLES), with _min
 *                         and _max.
 * Under -icount (bench.sh's second run) the TSC counts instructions. */
#include "vt.h"

#define ROUNDS  11
#define SAMPLES 51

static uint32_t samples[SAMPLES];
static char line[81];

static uint32_t measure(const char *s)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        vt_write(2, s);
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    ltest_sort_u32(samples, SAMPLES);
    return samples[SAMPLES / 2];
}

void vt_bench(void)
{
    uint64_t ratio[ROUNDS];
    uint32_t l = 0, c = 0;
    memset(line, 'x', 79);
    line[79] = '\n';
    for (int i = 0; i < 30; i++)
        vt_write(2, line);                  /* fill the screen: every line scrolls */
    for (int r = 0; r < ROUNDS; r++) {
        if (r & 1) {
            c = measure("y");
            l = measure(line);
        } else {
            l = measure(line);
            c = measure("y");
        }
        ratio[r] = c ? (uint64_t)l * 1000 / c : 0;
    }
    ltest_bench("tty_vga_line_cycles", l, "cycles");
    ltest_bench("tty_vga_char_cycles", c, "cycles");
    ltest_bench_spread_milli("tty_vga_line_ratio", ratio, ROUNDS, "ratio");
}
