/* grant_bench: safe-copy benchmarks for `make bench` (boot image: rs pm
 * grant_bench grant_peer).
 *
 *   safecopy_4k_ratio   SYS_SAFECOPYFROM of 4 KiB / memcpy of 4 KiB in this
 *                       process: the median of ROUNDS alternating pairs (each
 *                       side a median of SAMPLES), with _min and _max; the
 *                       pairs alternate their order so a drift cancels;
 *   safecopy_cycles_<size>, safecopy_mbps_<size>   16 B to 4 MiB (the
 *                       granter's buffer is GP_BUF_SIZE; the window is 16 MiB);
 *   kcall_null_cycles   SYS_TIMES, the least a kernel call costs, for scale;
 *   cow_1m_ratio        a COW safecopy of 1 MiB (SYS_SAFECOPYFROM, pages
 *                       shared through VM) / a plain copy of 1 MiB (a
 *                       one-element SYS_VSAFECOPY, which never shares, into
 *                       a buffer no COW copy touches): ROUNDS alternating
 *                       pairs, with _min/_max; cow_1m_cycles, plain_1m_cycles;
 *   cow_crossover_bytes the smallest copy (whole pages, 4 KiB to 64 KiB)
 *                       from which on a COW copy beats a plain one; the run
 *                       boots with cowmin=4096 so that every size shares.
 *                       The kernel's default (cowcopy.c) is this number.
 * Under -icount shift=0 (tests/harness/bench.sh runs this image once more)
 * the TSC counts instructions, and bench.sh names the numbers so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gt.h"

#define ROUNDS  11
#define SAMPLES 201
#define BIG     (4u * 1024 * 1024)

static uint8_t dst[BIG] __attribute__((aligned(4096)));
static uint8_t src[4096] __attribute__((aligned(4096)));
static uint32_t samples[SAMPLES];
static endpoint_t peer;
static cp_grant_id_t gid;

static uint32_t median(uint32_t *v, int n)
{
    ltest_sort_u32(v, n);
    return v[n / 2];
}

/* Median cycles of n samples of a safecopy of `bytes` (0), a memcpy of
 * 4 KiB (1) or a kernel call that does nothing but answer (2, SYS_TIMES). */
static uint32_t measure(int what, uint32_t bytes, int n)
{
    for (int i = 0; i < n; i++) {
        uint64_t t0 = read_tsc();
        if (what == 1)
            memcpy(dst, src, sizeof(src));
        else if (what == 2)
            sys_times(NULL, NULL, NULL);
        else
            sys_safecopyfrom(peer, gid, 0, (vir_bytes)dst, bytes);
        samples[i] = (uint32_t)(read_tsc() - t0);
    }
    return median(samples, n);
}

static void ratio_4k(void)
{
    uint32_t ratio[ROUNDS], copy = 0, sc = 0;
    measure(0, 4096, 50);                           /* warm up both */
    measure(1, 4096, 50);
    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0)
            copy = measure(1, 4096, SAMPLES);
        sc = measure(0, 4096, SAMPLES);
        if (i % 2 == 1)
            copy = measure(1, 4096, SAMPLES);
        ratio[i] = (uint32_t)((uint64_t)sc * 1000 / (copy ? copy : 1));
    }
    ltest_sort_u32(ratio, ROUNDS);
    ltest_bench_milli("safecopy_4k_ratio", ratio[ROUNDS / 2], "ratio");
    ltest_bench_milli("safecopy_4k_ratio_min", ratio[0], "ratio");
    ltest_bench_milli("safecopy_4k_ratio_max", ratio[ROUNDS - 1], "ratio");
    ltest_bench("memcpy_4k_cycles", copy, "cycles");
}

static void by_size(uint32_t khz)
{
    static const struct { uint32_t bytes; const char *name; } sizes[] = {
        { 16, "16" }, { 64, "64" }, { 256, "256" }, { 1024, "1k" }, { 4096, "4k" },
        { 16384, "16k" }, { 65536, "64k" }, { 262144, "256k" }, { 1u << 20, "1m" },
        { 4u << 20, "4m" },
    };
    char name[48];
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        uint32_t b = sizes[i].bytes;
        uint32_t c = measure(0, b, b >= (1u << 20) ? 15 : b >= 65536 ? 51 : SAMPLES);
        snprintf(name, sizeof(name), "safecopy_cycles_%s", sizes[i].name);
        ltest_bench(name, c, "cycles");
        snprintf(name, sizeof(name), "safecopy_mbps_%s", sizes[i].name);
        /* MB/s = b / (c / (khz * 1000)) / 1e6; in thousandths: b * khz / c */
        if (khz && c)
            ltest_bench_milli(name, (uint64_t)b * khz / c, "MB/s");
    }
}

/* One copy of `bytes` from the granter's start: COW (safecopy, into dst) or
 * plain (a vector element, into the upper half of dst); its cycles. */
static uint32_t cow_or_plain(int cow, uint32_t bytes)
{
    struct vscp_vec v = { .v_from = peer, .v_to = SELF, .v_gid = gid,
                          .v_addr = (vir_bytes)dst + BIG / 2, .v_bytes = bytes };
    uint64_t t0 = read_tsc();
    if (cow)
        sys_safecopyfrom(peer, gid, 0, (vir_bytes)dst, bytes);
    else
        sys_vsafecopy(&v, 1);
    return (uint32_t)(read_tsc() - t0);
}

static uint32_t cow_median(int cow, uint32_t bytes, int n)
{
    for (int i = 0; i < n; i++)
        samples[i] = cow_or_plain(cow, bytes);
    return median(samples, n);
}

static void cow_ratio(void)
{
    uint32_t ratio[ROUNDS], cow = 0, plain = 0;
    cow_median(1, 1u << 20, 3);                          /* warm up both */
    cow_median(0, 1u << 20, 3);
    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2 == 0)
            plain = cow_median(0, 1u << 20, 9);
        cow = cow_median(1, 1u << 20, 9);
        if (i % 2 == 1)
            plain = cow_median(0, 1u << 20, 9);
        ratio[i] = (uint32_t)((uint64_t)cow * 1000 / (plain ? plain : 1));
    }
    ltest_sort_u32(ratio, ROUNDS);
    ltest_bench_milli("cow_1m_ratio", ratio[ROUNDS / 2], "ratio");
    ltest_bench_milli("cow_1m_ratio_min", ratio[0], "ratio");
    ltest_bench_milli("cow_1m_ratio_max", ratio[ROUNDS - 1], "ratio");
    ltest_bench("cow_1m_cycles", cow, "cycles");
    ltest_bench("plain_1m_cycles", plain, "cycles");
}

/* The first size (in pages) where COW wins, each side a median of 31. */
static void cow_crossover(void)
{
    uint32_t pages = 1;
    for (; pages <= 16; pages++)
        if (cow_median(1, pages * 4096, 31) < cow_median(0, pages * 4096, 31))
            break;
    ltest_bench("cow_crossover_bytes", pages * 4096, "bytes");
}

int main(void)
{
    struct kinfo k;
    sef_startup();
    sys_kinfo(&k);
    peer = sys_find_proc("grant_peer");
    gid = gt_req(peer, GP_GRANT, sys_find_proc("grant_bench"), 0, (int32_t)BIG, CPF_READ, 0, NULL);
    if (gid < 0 || sys_safecopyfrom(peer, gid, 0, (vir_bytes)dst, BIG) != OK) {
        printf("grant_bench: no grant from grant_peer (%d)\n", gid);
        ltest_finish();
    }
    ratio_4k();
    ltest_bench("kcall_null_cycles", measure(2, 0, SAMPLES), "cycles");
    by_size(k.tsc_khz);
    cow_ratio();
    cow_crossover();
    ltest_finish();
}
