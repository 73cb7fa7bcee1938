/* rs_bench: RS numbers for `make bench` (image: rs pm init crashd rs_bench).
 *
 *   rs_restart_ms        median over 20 RS_REFRESH cycles of crashd: from the
 *                        request (RS kills it) to crashd answering again
 *   rs_crash_restart_ms  one real crash (a page fault) to answering again
 *   boot_ms.<label>      when each boot service finished its init, in ms
 *                        since the kernel started (the boot broken down;
 *                        boot_ms itself is host time to TR_BOOTED)
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ltest.h>
#include "../rs/common.h"

#define ROUNDS 20

static uint32_t tsc_khz;

static uint64_t micro(uint64_t cycles) { return cycles * 1000 / tsc_khz; }

int main(void)
{
    uint64_t t[ROUNDS];
    endpoint_t cd = NONE;
    struct kinfo k;
    struct rs_pub p;
    struct rs_status st;
    message m;
    int ok = 1;

    sef_startup();
    sys_kinfo(&k);
    tsc_khz = k.tsc_khz ? k.tsc_khz : 1000000;
    for (int i = 0; rs_pubtab(i, &p) == OK; i++) {
        char metric[48];
        if (!p.in_use || rs_status(p.label, &st) != OK || !st.ready_us)
            continue;
        snprintf(metric, sizeof(metric), "boot_ms.%s", p.label);
        ltest_bench_milli(metric, st.ready_us, "ms");
    }
    ok &= crashd_echo("crashd", &cd, &m) == OK;
    uint64_t t0 = read_tsc();
    ok &= crashd_poke("crashd", CD_CRASH) == OK;
    ok &= crashd_echo("crashd", &cd, &m) == OK;
    ltest_bench_milli("rs_crash_restart_ms", micro(read_tsc() - t0), "ms");
    for (int i = 0; i < ROUNDS; i++) {
        t0 = read_tsc();
        ok &= rs_refresh("crashd") == OK;
        ok &= crashd_echo("crashd", &cd, &m) == OK;
        t[i] = micro(read_tsc() - t0);
    }
    ltest_sort_u64(t, ROUNDS);
    ltest_bench_milli("rs_restart_ms", t[ROUNDS / 2], "ms");
    if (!ok)
        printf("rs_bench: some restart did not answer\n");
    ltest_finish();
}
