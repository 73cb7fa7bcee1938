/* ds_bench: DS benchmarks for `make bench` (image: rs pm ds ds_bench).
 *
 *   ds_publish_us          one ds_publish_u32 with DSF_OVERWRITE (an update:
 *                          the request, the store, the mirror write into
 *                          RS's area, the reply)
 *   ds_retrieve_us         one ds_retrieve_u32
 *   ds_retrieve_mem_4k_us  one ds_retrieve_mem of 4 KiB (grant, copy, revoke)
 * Each is the median of SAMPLES calls, in microseconds (TSC / tsc_khz).
 * Each also as <name>_cycles; under -icount shift=0 (bench/ds-icount) the
 * TSC counts instructions and the harness reports those rows as
 * <name>_instructions (ds_publish_instructions, ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sef.h>
#include <ltest.h>
#include <datastore.h>

#define SAMPLES 501

static uint32_t samples[SAMPLES];
static uint8_t blk[4096];

static uint32_t measure(int what)
{
    uint32_t v;
    size_t len;
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        if (what == 0)
            ds_publish_u32("bench.u32", (uint32_t)i, DSF_OVERWRITE);
        else if (what == 1)
            ds_retrieve_u32("bench.u32", &v);
        else {
            len = sizeof(blk);
            ds_retrieve_mem("bench.mem", blk, &len, NULL);
        }
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    ltest_sort_u32(samples, SAMPLES);
    return samples[SAMPLES / 2];
}

/* name_us (microseconds) and name_cycles, which the icount run turns
 * into name_instructions. */
static void report(const char *name, uint32_t cycles, uint32_t khz)
{
    char row[48];
    snprintf(row, sizeof(row), "%s_cycles", name);
    ltest_bench(row, cycles, "cycles");
    snprintf(row, sizeof(row), "%s_us", name);
    if (khz)
        ltest_bench_milli(row, (uint64_t)cycles * 1000000 / khz, "us");
}

int main(void)
{
    struct kinfo k;
    static const char *const names[] = { "ds_publish", "ds_retrieve", "ds_retrieve_mem_4k" };

    sef_startup();
    sys_kinfo(&k);
    ds_publish_u32("bench.u32", 1, DSF_OVERWRITE);
    ds_publish_mem("bench.mem", blk, sizeof(blk), DSF_OVERWRITE);
    for (int w = 0; w < 3; w++) {
        measure(w);                           /* warm up */
        report(names[w], measure(w), k.tsc_khz);
    }
    ltest_finish();
}
