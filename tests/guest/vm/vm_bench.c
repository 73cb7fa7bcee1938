/* vm_bench: page-fault benchmarks for `make bench` (docs/benchmarks.md;
 * images bench/vm and, under -icount shift=0, bench/vm-icount).
 *
 *   vm_pagefault_cycles   median cost of touching a heap page never touched
 *                         before: the fault, VM's query and map (with the
 *                         zeroing), the resume, the write; ROUNDS rounds of
 *                         PAGES pages, the heap given back between rounds
 *                         (_min, _max: the rounds' medians' extremes);
 *   vm_pagefault_us       the same in microseconds (calibrated TSC);
 *   vm_touch_cycles       the same write to a page already mapped, for scale.
 * Under -icount the harness renames *_cycles* to *_instructions*. */
#include <stdlib.h>
#include <unistd.h>
#include "vt.h"

#define ROUNDS 11
#define PAGES  128

static uint32_t samples[PAGES];

static uint32_t median(uint32_t *v, int n)
{
    ltest_sort_u32(v, n);
    return v[n / 2];
}

/* Median cycles of one write to each of PAGES pages at h. */
static uint32_t touch_all(volatile uint8_t *h)
{
    for (int i = 0; i < PAGES; i++) {
        uint64_t t0 = read_tsc();
        h[i * 4096] = 1;
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    return median(samples, PAGES);
}

int main(void)
{
    uint32_t fault[ROUNDS], touch = 0, khz;
    struct kinfo k;

    sef_startup();
    ltest_plan(S, 1);
    khz = sys_kinfo(&k) == OK ? k.tsc_khz : 0;
    for (int r = 0; r < ROUNDS; r++) {
        volatile uint8_t *h = sbrk(PAGES * 4096);
        if (h == (void *)-1) {
            LT_CHECK(S, "bench_ran", 0, "sbrk of %u pages failed", PAGES);
            ltest_finish();
        }
        fault[r] = touch_all(h);
        touch = touch_all(h);
        sbrk(-(PAGES * 4096));
    }
    uint32_t last = fault[ROUNDS - 1];
    ltest_sort_u32(fault, ROUNDS);
    ltest_bench("vm_pagefault_cycles", fault[ROUNDS / 2], "cycles");
    ltest_bench("vm_pagefault_cycles_min", fault[0], "cycles");
    ltest_bench("vm_pagefault_cycles_max", fault[ROUNDS - 1], "cycles");
    ltest_bench_milli("vm_pagefault_us", khz ? (uint64_t)fault[ROUNDS / 2] * 1000000 / khz : 0, "us");
    ltest_bench("vm_touch_cycles", touch, "cycles");
    LT_CHECK(S, "bench_ran", khz && last > touch, "tsc %u kHz, fault %u touch %u", khz, last, touch);
    ltest_finish();
}
