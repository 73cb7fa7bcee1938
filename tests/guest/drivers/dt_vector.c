/* dt_vector.c: vectored requests (BDEV_GATHER / BDEV_SCATTER): each
 * element has its own grant; the elements are consecutive on the device. */
#include <string.h>
#include "dt.h"

static uint8_t bufs[BDEV_IOV_MAX][BDEV_SECTOR * 8] __attribute__((aligned(4096)));
static struct bdev_iovec iov[BDEV_IOV_MAX];
static uint64_t dev_size;

/* A vectored request over n elements of the given sizes (grants made for
 * the driver, revoked after). */
static int vector(struct dt_dev *d, int write, uint64_t pos, const uint32_t *sizes, int n)
{
    for (int i = 0; i < n; i++) {
        iov[i].size = sizes[i];
        iov[i].grant = cpf_grant_direct(d->ep, (vir_bytes)bufs[i], sizes[i],
                                        write ? CPF_READ : CPF_WRITE);
    }
    cp_grant_id_t g = cpf_grant_direct(d->ep, (vir_bytes)iov, (uint32_t)n * sizeof(iov[0]),
                                       CPF_READ);
    int r = bdev_req(d, write ? BDEV_SCATTER : BDEV_GATHER, d->minor, g, pos, (uint32_t)n, 0);
    cpf_revoke(g);
    for (int i = 0; i < n; i++)
        cpf_revoke(iov[i].grant);
    return r;
}

/* The n elements match pattern seed from device offset pos on. */
static int bufs_match(uint32_t seed, uint64_t pos, const uint32_t *sizes, int n)
{
    for (int i = 0; i < n; pos += sizes[i], i++)
        if (check_pattern(seed, (uint32_t)pos, bufs[i], sizes[i]) >= 0)
            return 0;
    return 1;
}

static void t_gather(struct dt_dev *d, uint32_t seed)
{
    static const uint32_t sz[3] = { 512, 4096, 1536 };
    memset(bufs, 0xa5, sizeof(bufs));
    int r = vector(d, 0, 65536, sz, 3);
    LT_CHECK(DT_SUITE, dt_name(d, "gather"), r == 6144 && bufs_match(seed, 65536, sz, 3),
             "r=%d (want 6144)", r);
}

static void t_scatter(struct dt_dev *d, uint32_t seed)
{
    static const uint32_t sz[3] = { 1024, 512, 2048 };
    static uint8_t back[3584];
    uint64_t pos = 192 * 1024;
    for (int i = 0, off = 0; i < 3; off += sz[i], i++)
        fill_pattern(0x5ca7, (uint32_t)off, bufs[i], sz[i]);
    int w = vector(d, 1, pos, sz, 3);
    int r = bdev_rw(d, 0, pos, back, sizeof(back));
    int same = check_pattern(0x5ca7, 0, back, sizeof(back)) < 0;
    fill_pattern(seed, (uint32_t)pos, back, sizeof(back));     /* restore the image */
    int restore = bdev_rw(d, 1, pos, back, sizeof(back));
    LT_CHECK(DT_SUITE, dt_name(d, "scatter"), w == 3584 && r == 3584 && same && restore == 3584,
             "scatter %d read %d same %d restore %d", w, r, same, restore);
}

static void t_vector_end(struct dt_dev *d, uint32_t seed)
{
    static const uint32_t sz[2] = { 1024, 1024 };
    memset(bufs, 0xa5, sizeof(bufs));
    int r = vector(d, 0, dev_size - 1024, sz, 2);
    LT_CHECK(DT_SUITE, dt_name(d, "gather_cut_at_end"),
             r == 1024 && check_pattern(seed, (uint32_t)dev_size - 1024, bufs[0], 1024) < 0,
             "r=%d (want 1024)", r);
}

static void t_vector_max(struct dt_dev *d, uint32_t seed)
{
    static uint32_t sz[BDEV_IOV_MAX];
    for (int i = 0; i < BDEV_IOV_MAX; i++)
        sz[i] = BDEV_SECTOR;
    memset(bufs, 0xa5, sizeof(bufs));
    int r = vector(d, 0, 0, sz, BDEV_IOV_MAX);
    LT_CHECK(DT_SUITE, dt_name(d, "gather_64_elements"),
             r == BDEV_IOV_MAX * BDEV_SECTOR && bufs_match(seed, 0, sz, BDEV_IOV_MAX),
             "r=%d", r);
}

void dt_vector(struct dt_dev *d, uint32_t seed)
{
    bdev_size(d, &dev_size);
    t_gather(d, seed);
    t_scatter(d, seed);
    t_vector_end(d, seed);
    t_vector_max(d, seed);
}
