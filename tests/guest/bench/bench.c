/* bench: guest micro-benchmarks for `make bench` (boot image: bench bench_peer).
 *
 * Every number is a median over many iterations, in TSC cycles (under
 * `-icount shift=0` the TSC counts instructions).  The floor is what an IPC
 * round trip cannot avoid on this machine: two traps and two CR3 loads.
 *
 * Every ratio compares two measurements taken back to back, never at
 * different moments of a noisy host: ROUNDS alternating pairs in this boot
 * (A then B in even pairs, B then A in odd ones, so a drift cancels), and
 * the ratio reported is the median of the pairs' ratios, with the smallest
 * and largest as <metric>_min and <metric>_max so a reader sees the spread.
 * The ratios: the IPC round trip against the floor, and the round trip with
 * every trace category on against off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include <lantern/trace_events.h>

#define SAMPLES 2000

static uint32_t samples[SAMPLES];

static uint32_t median(void)
{
    ltest_sort_u32(samples, SAMPLES);
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

/* A ratio from ROUNDS pairs (b / a, in thousandths per pair). */
#define ROUNDS 11
struct pairs {
    uint32_t a[ROUNDS], b[ROUNDS], ratio[ROUNDS];
};

static void pair_done(struct pairs *p, int i)
{
    p->ratio[i] = (uint32_t)((uint64_t)p->b[i] * 1000 / p->a[i]);
}

/* Sort the three series; report the median ratio and its spread. */
static void report_ratio(struct pairs *p, const char *metric)
{
    char name[48];
    ltest_sort_u32(p->a, ROUNDS);
    ltest_sort_u32(p->b, ROUNDS);
    ltest_sort_u32(p->ratio, ROUNDS);
    ltest_bench_milli(metric, p->ratio[ROUNDS / 2], "ratio");
    snprintf(name, sizeof(name), "%s_min", metric);
    ltest_bench_milli(name, p->ratio[0], "ratio");
    snprintf(name, sizeof(name), "%s_max", metric);
    ltest_bench_milli(name, p->ratio[ROUNDS - 1], "ratio");
}

/* The IPC round trip against the floor. */
static void ipc_overhead(endpoint_t server)
{
    static struct pairs p;
    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0)
            p.a[i] = floor_roundtrip();
        p.b[i] = ipc_roundtrip(server);
        if (i % 2 == 1)
            p.a[i] = floor_roundtrip();
        pair_done(&p, i);
    }
    report_ratio(&p, "ipc_roundtrip_ratio");
    ltest_bench("floor_roundtrip_cycles", p.a[ROUNDS / 2], "cycles");
    ltest_bench("ipc_roundtrip_cycles", p.b[ROUNDS / 2], "cycles");
}

/* Tracing on against off; also the records per round trip and the time
 * per record. */
static void trace_overhead(endpoint_t server, const struct kinfo *k)
{
    static struct pairs p;                    /* a: off, b: on */
    uint32_t events_per_rt = 0;
    message st;
    uint64_t head0;

    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0) {                         /* odd pairs run in the other order */
            sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
            p.a[i] = ipc_roundtrip(server);
        }
        if (sys_tracectl(TRACECTL_ENABLE, TC_ALL, 0, 0, &st) != OK)
            return;                               /* no trace ring: no numbers */
        head0 = st.m_u.m2.t1;
        p.b[i] = ipc_roundtrip(server);
        sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
        events_per_rt = (uint32_t)((st.m_u.m2.t1 - head0) / (SAMPLES + 200));
        sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
        if (i % 2 == 1)
            p.a[i] = ipc_roundtrip(server);
        pair_done(&p, i);
    }
    sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
    report_ratio(&p, "trace_overhead_ratio");
    uint32_t off = p.a[ROUNDS / 2], on = p.b[ROUNDS / 2];
    ltest_bench("trace_off_roundtrip_cycles", off, "cycles");
    ltest_bench("trace_on_roundtrip_cycles", on, "cycles");
    ltest_bench("trace_overhead_permille", p.ratio[ROUNDS / 2], "permille");
    ltest_bench("trace_events_per_roundtrip", events_per_rt, "events");
    if (events_per_rt && k->tsc_khz && on > off)
        ltest_bench("trace_event_ns", (uint64_t)(on - off) * 1000000 / k->tsc_khz /
                                      events_per_rt, "ns");
}

int main(void)
{
    sef_startup();                  /* RS's init request (or none, when spawned) */
    endpoint_t server = sys_find_proc("bench_peer");
    struct kinfo k;

    sys_kinfo(&k);
    ipc_overhead(server);
    trace_overhead(server, &k);
    ltest_finish();
}
