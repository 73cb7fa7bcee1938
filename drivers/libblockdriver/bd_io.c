/* bd_io.c: moving a request's data between the client's grants and the
 * device, BD_BUF_SIZE bytes at a time through one local buffer.
 *
 * Checks, in order (lantern/blockdev.h): the minor exists (ENXIO); the
 * position and every size are sector multiples (EINVAL); an iovec count is
 * 1..BDEV_IOV_MAX (EINVAL); a write to a read-only device is EROFS.  A
 * transfer that runs past the device's end is cut there (a start at or past
 * the end moves 0 bytes).  A failed copy or device access returns its
 * error if nothing moved yet, else the bytes moved before it (the client
 * sees a short count and asks again for the rest). */
#include <string.h>
#include <safecopies.h>
#include "blockdriver.h"

static uint8_t buf[BD_BUF_SIZE] __attribute__((aligned(4096)));

static uint64_t req_pos(const struct bdev_req *rq)
{
    return ((uint64_t)rq->pos_hi << 32) | rq->pos_lo;
}

/* Bytes of [pos, pos + count) inside the device of size `size`. */
static uint32_t clip(uint64_t pos, uint32_t count, uint64_t size)
{
    if (pos >= size)
        return 0;
    return size - pos < count ? (uint32_t)(size - pos) : count;
}

/* One grant's worth: count bytes between the grant (from its offset 0) and
 * the device at pos.  Bytes moved, or an error if none moved. */
static int move(const struct blockdriver *bd, endpoint_t client, int minor, int write,
                cp_grant_id_t grant, uint64_t pos, uint32_t count)
{
    uint32_t done = 0;
    while (done < count) {
        uint32_t n = count - done < BD_BUF_SIZE ? count - done : BD_BUF_SIZE;
        int r = write ? sys_safecopyfrom(client, grant, done, (vir_bytes)buf, n) : OK;
        if (r == OK)
            r = bd->transfer(minor, write, pos + done, buf, n);
        if (r == OK && !write)
            r = sys_safecopyto(client, grant, done, (vir_bytes)buf, n);
        if (r != OK)
            return done ? (int)done : r;
        done += n;
    }
    return (int)done;
}

/* The device's size, after the checks every transfer shares. */
static int check_dev(const struct blockdriver *bd, const struct bdev_req *rq, int write,
                     uint64_t *size)
{
    struct bdev_info info;
    int r = bd->getinfo(rq->minor, &info);
    if (r != OK)
        return r;
    if (req_pos(rq) % BDEV_SECTOR)
        return EINVAL;
    if (write && (info.flags & BDEV_INFO_READONLY))
        return EROFS;
    *size = ((uint64_t)info.size_hi << 32) | info.size_lo;
    *size -= *size % BDEV_SECTOR;
    return OK;
}

int bd_rw(const struct blockdriver *bd, endpoint_t client, const struct bdev_req *rq, int write)
{
    uint64_t size, pos = req_pos(rq);
    int r = check_dev(bd, rq, write, &size);
    if (r != OK)
        return r;
    if (rq->count % BDEV_SECTOR || rq->count > 0x7fffffffu)
        return EINVAL;
    uint32_t n = clip(pos, rq->count, size);
    return n ? move(bd, client, rq->minor, write, rq->grant, pos, n) : 0;
}

int bd_vector(const struct blockdriver *bd, endpoint_t client, const struct bdev_req *rq,
              int write)
{
    static struct bdev_iovec iov[BDEV_IOV_MAX];
    uint64_t size, pos = req_pos(rq);
    int r = check_dev(bd, rq, write, &size), total = 0;

    if (r != OK)
        return r;
    if (rq->count == 0 || rq->count > BDEV_IOV_MAX)
        return EINVAL;
    if ((r = sys_safecopyfrom(client, rq->grant, 0, (vir_bytes)iov,
                              rq->count * sizeof(iov[0]))) != OK)
        return r;
    uint32_t sum = 0;
    for (uint32_t i = 0; i < rq->count; i++) {
        if (iov[i].size % BDEV_SECTOR || iov[i].size > 0x7fffffffu - sum)
            return EINVAL;           /* the total must fit the reply's int */
        sum += iov[i].size;
    }
    for (uint32_t i = 0; i < rq->count; i++) {
        uint32_t n = clip(pos, iov[i].size, size);
        r = n ? move(bd, client, rq->minor, write, iov[i].grant, pos, n) : 0;
        if (r < 0)
            return total ? total : r;
        total += r;
        pos += (uint32_t)r;
        if ((uint32_t)r < iov[i].size)
            break;                  /* the device's end, or a failure after some bytes */
    }
    return total;
}
