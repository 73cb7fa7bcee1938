/* dt_protocol.c: the block protocol on one driver (lantern/blockdev.h):
 * size, open/close, reads of the known image, writes read back, the cut at
 * the device's end, and requests with bad grants (the driver survives and
 * the data does not change).  Test names start with the driver's label. */
#include <string.h>
#include "dt.h"

#define BIG (256u * 1024)
static uint8_t big[BIG] __attribute__((aligned(4096)));
static uint8_t small[8192] __attribute__((aligned(4096)));
static uint32_t img_seed;
static uint64_t dev_size;

static void t_getinfo(struct dt_dev *d, uint64_t want)
{
    int r = bdev_size(d, &dev_size);
    LT_CHECK(DT_SUITE, dt_name(d, "getinfo"), r == OK && dev_size == want,
             "r=%d size=%u want %u", r, (unsigned)dev_size, (unsigned)want);
}

static void t_open_close(struct dt_dev *d)
{
    int o = bdev_req(d, BDEV_OPEN, d->minor, 0, 0, 0, BDEV_R_BIT | BDEV_W_BIT);
    int c = bdev_req(d, BDEV_CLOSE, d->minor, 0, 0, 0, 0);
    LT_CHECK(DT_SUITE, dt_name(d, "open_close"), o == OK && c == OK, "open %d close %d", o, c);
}

/* count bytes at pos read in one request match the image. */
static int read_ok(struct dt_dev *d, uint64_t pos, uint32_t count, int *r)
{
    memset(big, 0xa5, count);
    *r = bdev_rw(d, 0, pos, big, count);
    return *r == (int)count && check_pattern(img_seed, (uint32_t)pos, big, count) < 0;
}

static void t_reads(struct dt_dev *d)
{
    int r1, r2, r3;
    /* 512 KiB is where the kill test writes: a run that finds it changed got
     * a disk an earlier run wrote (the harness must attach a fresh copy) */
    int ok = read_ok(d, 0, 65536, &r1) && read_ok(d, dev_size / 2, 8192, &r2) &&
             read_ok(d, 512 * 1024, 65536, &r2);
    LT_CHECK(DT_SUITE, dt_name(d, "read_pattern"), ok, "r=%d", r1);
    /* larger than the driver's buffer: several device transfers */
    ok = read_ok(d, BDEV_SECTOR * 3, BIG, &r3);
    LT_CHECK(DT_SUITE, dt_name(d, "read_256k"), ok, "r=%d", r3);
    (void)r2;
}

static void t_write_readback(struct dt_dev *d)
{
    uint64_t pos = 128 * 1024;
    fill_pattern(0x1234, 0, small, sizeof(small));
    int w = bdev_rw(d, 1, pos, small, sizeof(small));
    memset(small, 0, sizeof(small));
    int r = bdev_rw(d, 0, pos, small, sizeof(small));
    int same = check_pattern(0x1234, 0, small, sizeof(small)) < 0;
    fill_pattern(img_seed, (uint32_t)pos, small, sizeof(small));   /* restore the image */
    int back = bdev_rw(d, 1, pos, small, sizeof(small));
    LT_CHECK(DT_SUITE, dt_name(d, "write_readback"),
             w == (int)sizeof(small) && r == w && same && back == w,
             "write %d read %d same %d restore %d", w, r, same, back);
}

static void t_end(struct dt_dev *d)
{
    int r;
    memset(small, 0xa5, 4096);
    r = bdev_rw(d, 0, dev_size - 1024, small, 4096);
    LT_CHECK(DT_SUITE, dt_name(d, "read_cut_at_end"),
             r == 1024 && check_pattern(img_seed, (uint32_t)dev_size - 1024, small, 1024) < 0,
             "r=%d (want 1024)", r);
    r = bdev_rw(d, 0, dev_size, small, 4096);
    int r2 = bdev_rw(d, 0, dev_size + (1ull << 32), small, 512);
    LT_CHECK(DT_SUITE, dt_name(d, "read_at_end_zero"), r == 0 && r2 == 0, "r=%d r2=%d", r, r2);
}

/* A grant id nobody made, then a grant of the wrong direction: refused,
 * the driver still answers, and the sector is unchanged. */
static void t_bad_grants(struct dt_dev *d)
{
    int bad = bdev_req(d, BDEV_READ, d->minor, 4000, 0, 512, 0);
    int after = bdev_rw(d, 0, 0, small, 512);
    LT_CHECK(DT_SUITE, dt_name(d, "bad_grant"), bad < 0 && after == 512,
             "bad grant %d, next read %d", bad, after);
    memset(small, 0x5a, 512);
    cp_grant_id_t g = cpf_grant_direct(d->ep, (vir_bytes)small, 512, CPF_WRITE);
    int w = bdev_req(d, BDEV_WRITE, d->minor, g, 0, 512, 0);
    cpf_revoke(g);
    int r = bdev_rw(d, 0, 0, small, 512);
    LT_CHECK(DT_SUITE, dt_name(d, "write_needs_read_grant"),
             w == EPERM && r == 512 && check_pattern(img_seed, 0, small, 512) < 0,
             "write through a CPF_WRITE grant %d (want EPERM), read %d", w, r);
}

void dt_protocol(struct dt_dev *d, uint32_t seed, uint64_t want_size)
{
    img_seed = seed;
    t_getinfo(d, want_size);
    t_open_close(d);
    t_reads(d);
    t_write_readback(d);
    t_end(d);
    t_bad_grants(d);
}
