/* bench: guest micro-benchmarks for `make bench` (boot image: bench bench_peer).
 *
 * Every number is a median over many iterations, in TSC cycles (under
 * `-icount shift=0` the TSC counts instructions).  The floor is what an IPC
 * round trip cannot avoid on this machine: two traps and two CR3 loads.
 * Tracing overhead compares the same round trip with every trace category
 * on and off, in the same boot, in alternating pairs of runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include <lantern/trace_events.h>

#define SAMPLES 2000

static uint32_t samples[SAMPLES];

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static uint32_t median(void)
{
    qsort(samples, SAMPLES, sizeof(samples[0]), cmp_u32);
    return samples[SAMPLES / 2];
}

static uint32_t floor_roundtrip(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        __asm__ volatile("int %0; int %0" :: "i"(BENCH_FLOOR_VECTOR) : "memory");
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    return median();
}

static uint32_t ipc_roundtrip(endpoint_t server)
{
    message m;
    memset(&m, 0, sizeof(m));
    for (int i = 0; i < 200; i++)                 /* warm up */
        ipc_sendrec(server, &m);
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        ipc_sendrec(server, &m);
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    return median();
}

/* Tracing on against off: ROUNDS pairs of runs, back to back so that a slow
 * spell of the host hits both sides, off first in even pairs and on first in
 * odd ones so that a drift cancels; the ratio is the median of the pairs'
 * ratios (in thousandths). */
#define ROUNDS 11
static void trace_overhead(endpoint_t server, const struct kinfo *k)
{
    uint32_t off[ROUNDS], on[ROUNDS], ratio[ROUNDS], events_per_rt;
    message st;
    uint64_t head0;

    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0) {                         /* odd pairs run in the other order */
            sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
            off[i] = ipc_roundtrip(server);
        }
        if (sys_tracectl(TRACECTL_ENABLE, TC_ALL, 0, 0, &st) != OK)
            return;                               /* no trace ring: no numbers */
        head0 = st.m_u.m2.t1;
        on[i] = ipc_roundtrip(server);
        sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
        events_per_rt = (uint32_t)((st.m_u.m2.t1 - head0) / (SAMPLES + 200));
        sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
        if (i % 2 == 1)
            off[i] = ipc_roundtrip(server);
        ratio[i] = (uint32_t)((uint64_t)on[i] * 1000 / off[i]);
    }
    sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
    qsort(off, ROUNDS, sizeof(off[0]), cmp_u32);
    qsort(on, ROUNDS, sizeof(on[0]), cmp_u32);
    qsort(ratio, ROUNDS, sizeof(ratio[0]), cmp_u32);
    ltest_bench("trace_off_roundtrip_cycles", off[ROUNDS / 2], "cycles");
    ltest_bench("trace_on_roundtrip_cycles", on[ROUNDS / 2], "cycles");
    ltest_bench("trace_overhead_permille", ratio[ROUNDS / 2], "permille");
    ltest_bench_milli("trace_overhead_ratio", ratio[ROUNDS / 2], "ratio");
    ltest_bench("trace_events_per_roundtrip", events_per_rt, "events");
    if (events_per_rt && k->tsc_khz && on[ROUNDS / 2] > off[ROUNDS / 2])
        ltest_bench("trace_event_ns", (uint64_t)(on[ROUNDS / 2] - off[ROUNDS / 2]) * 1000000 /
                                      k->tsc_khz / events_per_rt, "ns");
}

int main(void)
{
    sef_startup();                  /* RS's init request (or none, when spawned) */
    endpoint_t server = sys_find_proc("bench_peer");
    struct kinfo k;
    uint32_t ipc, floor;

    sys_kinfo(&k);
    floor = floor_roundtrip();
    ipc = ipc_roundtrip(server);
    ltest_bench("floor_roundtrip_cycles", floor, "cycles");
    ltest_bench("ipc_roundtrip_cycles", ipc, "cycles");
    trace_overhead(server, &k);
    ltest_finish();
}
