/* driver.c: MFS's block I/O, over the block protocol (lantern/blockdev.h).
 *
 * Each transfer grants the driver the buffer for the one request
 * (CPF_WRITE for a read, CPF_READ for a write) and revokes it after.
 *
 * The promise of restartable drivers: when the driver dies with a request
 * of ours in flight (sendrec fails with a dead-endpoint error), RS starts a
 * new copy under the same label.  We look the label up again until RS
 * gives an endpoint other than the dead one, open the device again, and
 * send the same request once more.  Block reads and writes are idempotent,
 * so a request that did happen before the crash does no harm twice.  We
 * give up after DRV_DEADLINE ticks and the request fails with EIO.
 */
#include <stdio.h>
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include <lantern/blockdev.h>
#include "mfs.h"

#define DRV_DEADLINE 500          /* ticks (5 s) to wait for a restarted driver */

static char label[16];
static int minor;
static endpoint_t ep = NONE;
uint32_t drv_retries;

int drv_init(const char *l, int m)
{
    strncpy(label, l, sizeof(label) - 1);
    minor = m;
    return rs_lookup(label, &ep);
}

static int gone(int r)
{
    return r == EDEADSRCDST || r == ESRCDIED || r == EDSTDIED || r == EBADSRCDST;
}

/* One request; the ipc error or the reply's m_type. */
static int request(int type, int32_t grant, uint64_t pos, uint32_t count, int32_t access)
{
    message m;
    struct bdev_req *rq = (struct bdev_req *)&m.m_u;
    int r;

    memset(&m, 0, sizeof(m));
    m.m_type = type;
    rq->minor = minor;
    rq->grant = grant;
    rq->access = access;
    rq->request = BIOC_GETINFO;
    rq->pos_lo = (uint32_t)pos;
    rq->pos_hi = (uint32_t)(pos >> 32);
    rq->count = count;
    if ((r = ipc_sendrec(ep, &m)) != OK)
        return r;
    return m.m_type;
}

static int open_dev(uint32_t *dev_blocks)
{
    struct bdev_info info;
    int32_t g;
    int r = request(BDEV_OPEN, -1, 0, 0, BDEV_R_BIT | BDEV_W_BIT);

    if (r < 0)
        return r;
    if ((g = cpf_grant_direct(ep, (vir_bytes)&info, sizeof(info), CPF_WRITE)) < 0)
        return g;
    r = request(BDEV_IOCTL, g, 0, 0, 0);
    cpf_revoke(g);
    if (r >= 0 && dev_blocks)
        *dev_blocks = (uint32_t)(((uint64_t)info.size_hi << 32 | info.size_lo) / MFS_BLOCK);
    return r < 0 ? r : OK;
}

int drv_open(uint32_t *dev_blocks)
{
    return open_dev(dev_blocks);
}

/* Wait (a poll interval of one tick inside the deadline) until RS names a
 * live driver other than `dead`, and open it. */
static int reconnect(endpoint_t dead, uint32_t deadline)
{
    message m;

    printf("mfs: driver %s died (endpoint %d); waiting for its restart\n", label, dead);
    while ((int32_t)(deadline - sys_uptime()) > 0) {
        if (rs_lookup(label, &ep) == OK && ep != dead && open_dev(NULL) == OK) {
            printf("mfs: driver %s is back (endpoint %d); sending the request again\n",
                   label, ep);
            return OK;
        }
        wait_message(NONE, 0, 1, &m);   /* poll interval: one tick */
    }
    ep = NONE;
    return EIO;
}

int drv_transfer(int write, uint32_t block, void *buf, uint32_t nblocks)
{
    uint32_t bytes = nblocks * MFS_BLOCK, deadline = sys_uptime() + DRV_DEADLINE;
    int r;

    for (;;) {
        int32_t g = ep == NONE ? EDEADSRCDST
                               : cpf_grant_direct(ep, (vir_bytes)buf, bytes,
                                                  write ? CPF_READ : CPF_WRITE);
        if (g >= 0) {
            r = request(write ? BDEV_WRITE : BDEV_READ, g, (uint64_t)block * MFS_BLOCK,
                        bytes, 0);
            cpf_revoke(g);
        } else
            r = g;
        if (!gone(r))
            break;
        drv_retries++;
        if (reconnect(ep, deadline) != OK)
            return EIO;
    }
    if (r < 0)
        return r;
    return (uint32_t)r == bytes ? OK : EIO;
}
