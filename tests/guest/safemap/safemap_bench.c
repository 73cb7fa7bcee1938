/* safemap_bench: safemap's cost for `make bench` (docs/benchmarks.md;
 * images bench/safemap and, under -icount shift=0, bench/safemap-icount).
 *
 *   safemap_cycles   median cost of sys_safemap of one writable page of
 *                    smap_peer's grant + one write to it + sys_safeunmap
 *                    (which leaves a private copy: a frame and a page
 *                    copy); ROUNDS rounds of SAMPLES, _min/_max the
 *                    rounds' medians' extremes;
 *   safemap_us       the same in microseconds (calibrated TSC);
 *   safecopy_page_cycles  a one-page SYS_SAFECOPYFROM + the same write,
 *                    for scale.
 * Under -icount the harness renames *_cycles* to *_instructions*. */
#include <string.h>
#include "sp.h"

#define ROUNDS  11
#define SAMPLES 101

endpoint_t me, peer;
uint32_t peer_buf;
static uint8_t buf[PAGE] __attribute__((aligned(4096)));
static uint32_t samples[SAMPLES];

static uint32_t median(uint32_t *v, int n)
{
    ltest_sort_u32(v, n);
    return v[n / 2];
}

/* Median cycles of SAMPLES map + touch + unmap (map = 1) or copy + touch. */
static uint32_t measure(cp_grant_id_t g, int map, int *bad)
{
    for (int i = 0; i < SAMPLES; i++) {
        uint64_t t0 = read_tsc();
        int r = map ? sys_safemap(peer, g, 0, (vir_bytes)buf, PAGE, 1)
                    : sys_safecopyfrom(peer, g, 0, (vir_bytes)buf, PAGE);
        *(volatile uint32_t *)buf = (uint32_t)i;
        if (map && r == OK)
            r = sys_safeunmap((vir_bytes)buf);
        samples[i] = (uint32_t)(read_tsc() - t0);
        *bad += r != OK;
    }
    return median(samples, SAMPLES);
}

int main(void)
{
    uint32_t med[ROUNDS], copy = 0, khz;
    struct whoami_info w;
    struct kinfo k;
    int bad = 0;

    sef_startup();
    sys_whoami(&w);
    me = w.endpoint;
    peer = sys_find_proc("smap_peer");
    ltest_plan(S, 1);
    khz = sys_kinfo(&k) == OK ? k.tsc_khz : 0;
    memset(buf, 0, sizeof(buf));
    cp_grant_id_t g = sp_req(peer, SP_GRANT, me, 0, PAGE, CPF_READ | CPF_WRITE | CPF_MAP, 0, NULL);
    for (int r = 0; r < ROUNDS; r++) {
        med[r] = measure(g, 1, &bad);
        copy = measure(g, 0, &bad);
    }
    ltest_sort_u32(med, ROUNDS);
    ltest_bench("safemap_cycles", med[ROUNDS / 2], "cycles");
    ltest_bench("safemap_cycles_min", med[0], "cycles");
    ltest_bench("safemap_cycles_max", med[ROUNDS - 1], "cycles");
    ltest_bench_milli("safemap_us", khz ? (uint64_t)med[ROUNDS / 2] * 1000000 / khz : 0, "us");
    ltest_bench("safecopy_page_cycles", copy, "cycles");
    LT_CHECK(S, "bench_ran", khz && !bad && g >= 0, "tsc %u kHz, %d failed calls, grant %d", khz,
             bad, g);
    ltest_finish();
}
