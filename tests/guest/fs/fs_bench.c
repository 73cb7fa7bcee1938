/* fs_bench: file-system benchmarks for `make bench` (run bench/fs: rs pm
 * ramdisk mfs vfs fs_bench, on the RAM disk; docs/benchmarks.md).
 *
 *   file_write_mbps         1 MiB written in 64 KiB write()s, then fsync():
 *                           the data reaches the device
 *   file_read_mbps_cold     1 MiB read in 64 KiB read()s after MFS emptied
 *                           its block cache (VFS_SYNC with flags 1): every
 *                           block comes from the driver
 *   file_read_mbps_cached   the same read again: every block from the cache
 *   open_close_us           one open() + close() of /etc/motd (a two-level
 *                           path), averaged over 100 pairs
 *
 * Each is the median of ROUNDS rounds, with _min and _max rows.  The time
 * base is the TSC (sys_kinfo's tsc_khz); the data is checked once, so a
 * fast wrong answer cannot pass for a benchmark. */
#include <stdlib.h>
#include <service.h>
#include <sef.h>
#include "ft.h"

#define ROUNDS 11
#define FILE_BYTES (1u << 20)
#define IO      (64u * 1024)
#define PAIRS   100

static uint8_t buf[IO] __attribute__((aligned(4096)));
static uint32_t tsc_khz;
static int ok = 1;

/* thousandths of MB/s for `bytes` in `cycles` */
static uint64_t mbps(uint64_t cycles)
{
    return cycles ? (uint64_t)FILE_BYTES * tsc_khz / cycles : 0;
}

static uint64_t write_file(void)
{
    int fd = open("/tmp/bench", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    uint64_t t0 = read_tsc();

    for (uint32_t pos = 0; pos < FILE_BYTES; pos += IO)
        ok &= write(fd, buf, IO) == (ssize_t)IO;
    ok &= fsync(fd) == 0;
    t0 = read_tsc() - t0;
    ok &= close(fd) == 0;
    return mbps(t0);
}

static uint64_t read_file(void)
{
    int fd = open("/tmp/bench", O_RDONLY);
    uint64_t t0 = read_tsc();

    for (uint32_t pos = 0; pos < FILE_BYTES; pos += IO)
        ok &= read(fd, buf, IO) == (ssize_t)IO;
    t0 = read_tsc() - t0;
    ok &= close(fd) == 0;
    return mbps(t0);
}

static uint64_t open_close(void)
{
    uint64_t t0 = read_tsc();

    for (int i = 0; i < PAIRS; i++)
        ok &= close(open("/etc/motd", O_RDONLY)) == 0;
    /* thousandths of a microsecond per pair */
    return (read_tsc() - t0) * 1000000 / tsc_khz / PAIRS;
}

int main(void)
{
    uint64_t w[ROUNDS], cold[ROUNDS], warm[ROUNDS], oc[ROUNDS];
    struct kinfo k;

    sef_startup();
    sys_kinfo(&k);
    tsc_khz = k.tsc_khz ? k.tsc_khz : 1;
    for (uint32_t i = 0; i < IO; i++)
        buf[i] = pat(3, i);
    for (int i = 0; i < ROUNDS; i++) {
        w[i] = write_file();
        ok &= vfs_drop_cache() == OK;
        cold[i] = read_file();
        warm[i] = read_file();
        oc[i] = open_close();
    }
    ok &= buf[IO - 1] == pat(3, IO - 1) && buf[7] == pat(3, 7);
    unlink("/tmp/bench");
    ltest_bench_spread_milli("file_write_mbps", w, ROUNDS, "MB/s");
    ltest_bench_spread_milli("file_read_mbps_cold", cold, ROUNDS, "MB/s");
    ltest_bench_spread_milli("file_read_mbps_cached", warm, ROUNDS, "MB/s");
    ltest_bench_spread_milli("open_close_us", oc, ROUNDS, "us");
    if (!ok)
        printf("fs_bench: a call failed: the numbers are not to be trusted\n");
    ltest_finish();
}
