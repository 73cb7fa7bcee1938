/* drv_bench: block-driver numbers for `make bench` (image: rs pm ata
 * ramdisk drv_bench, with the drivers suite's disk and RAM-disk images).
 *
 *   ata_read_mbps         4 MiB read from the ATA disk in 64 KiB requests
 *                         (PIO: an IRQ and one SYS_SDEVIO per 16 sectors):
 *                         median of ROUNDS, with _min and _max
 *   ata_write_mbps        1 MiB written the same way (each request ends
 *                         with FLUSH CACHE)
 *   ramdisk_read_mbps     its whole 1 MiB image read the same way, for scale
 *   driver_restart_ms     RS_REFRESH of the ATA driver until the new one
 *                         answers a request: median of ROUNDS, _min, _max
 *   ramdisk_restart_ms    the same for the RAM disk
 * MB/s are 10^6 bytes per second of the calibrated TSC. */
#include <stdlib.h>
#include <stdio.h>
#include "dt.h"

#define ROUNDS   11
#define REQ      65536u

static uint8_t buf[REQ] __attribute__((aligned(4096)));
static uint32_t tsc_khz;

/* Thousandths of MB/s for `bytes` moved through d in REQ requests. */
static uint64_t mbps_milli(struct dt_dev *d, int write, uint32_t bytes, int *ok)
{
    uint64_t t0 = read_tsc();
    for (uint32_t off = 0; off < bytes; off += REQ)
        *ok &= bdev_rw(d, write, off, buf, REQ) == (int)REQ;
    uint64_t c = read_tsc() - t0;
    /* MB/s = bytes / (c / (khz * 1000)) / 1e6; in thousandths: bytes * khz / c */
    return c ? (uint64_t)bytes * tsc_khz / c : 0;
}

static void throughput(struct dt_dev *d, const char *metric, int write, uint32_t bytes, int *ok)
{
    uint64_t v[ROUNDS];
    for (int i = 0; i < ROUNDS; i++)
        v[i] = mbps_milli(d, write, bytes, ok);
    ltest_bench_spread_milli(metric, v, ROUNDS, "MB/s");
}

/* RS_REFRESH, then the first answered request from the new driver. */
static void restart(struct dt_dev *d, const char *metric, int *ok)
{
    uint64_t v[ROUNDS], size;
    for (int i = 0; i < ROUNDS; i++) {
        uint64_t t0 = read_tsc();
        *ok &= rs_refresh(d->label) == OK;
        *ok &= rs_lookup(d->label, &d->ep) == OK;
        *ok &= bdev_size(d, &size) == OK;
        v[i] = (read_tsc() - t0) * 1000 / tsc_khz;    /* microseconds = thousandths of ms */
    }
    ltest_bench_spread_milli(metric, v, ROUNDS, "ms");
}

int main(void)
{
    static struct dt_dev ata = { .label = "ata" }, rd = { .label = "ramdisk" };
    struct kinfo k;
    int ok = 1;

    sef_startup();
    sys_kinfo(&k);
    tsc_khz = k.tsc_khz ? k.tsc_khz : 1;
    ok &= rs_lookup("ata", &ata.ep) == OK && rs_lookup("ramdisk", &rd.ep) == OK;
    throughput(&ata, "ata_read_mbps", 0, 4u << 20, &ok);
    throughput(&ata, "ata_write_mbps", 1, 1u << 20, &ok);
    throughput(&rd, "ramdisk_read_mbps", 0, 1u << 20, &ok);
    restart(&ata, "driver_restart_ms", &ok);
    restart(&rd, "ramdisk_restart_ms", &ok);
    if (!ok)
        printf("drv_bench: a request or restart failed: numbers are not to be trusted\n");
    ltest_finish();
}
