/* dt_bdev.c: the drivers suite's block-protocol client (dt.h). */
#include <stdio.h>
#include <string.h>
#include "dt.h"

const char *dt_name(const struct dt_dev *d, const char *what)
{
    static char name[64];
    snprintf(name, sizeof name, "%s_%s", d->label, what);
    return name;
}

void dt_sleep(uint32_t ticks)
{
    message m;
    wait_message(NONE, 0, ticks ? ticks : 1, &m);   /* a deadline wait: nothing else comes */
}

int bdev_req(struct dt_dev *d, int type, int minor, cp_grant_id_t g, uint64_t pos,
             uint32_t count, int32_t request)
{
    static uint32_t next_id = 1;
    struct bdev_req rq = { .minor = minor, .grant = g, .pos_lo = (uint32_t)pos,
                           .pos_hi = (uint32_t)(pos >> 32), .count = count,
                           .request = request, .id = next_id++ };
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    if (type == BDEV_OPEN)
        rq.access = request;
    memcpy(m.m_u.m_u8, &rq, sizeof(rq));
    int r = ipc_sendrec(d->ep, &m);
    if (r != OK)
        return r;
    if (m.m_u.m_u32[0] != rq.id)
        return EBADMSG;             /* the reply must echo the request's id */
    return m.m_type;
}

int bdev_rw(struct dt_dev *d, int write, uint64_t pos, void *buf, uint32_t count)
{
    cp_grant_id_t g = cpf_grant_direct(d->ep, (vir_bytes)buf, count,
                                       write ? CPF_READ : CPF_WRITE);
    if (g < 0)
        return g;
    int r = bdev_req(d, write ? BDEV_WRITE : BDEV_READ, d->minor, g, pos, count, 0);
    cpf_revoke(g);
    return r;
}

static int driver_died(int r)
{
    return r == EDEADSRCDST || r == ESRCDIED || r == EDSTDIED || r == EBADSRCDST;
}

/* Wait (poll RS, within the deadline) for label's endpoint to change from
 * old. */
static int new_endpoint(struct dt_dev *d, endpoint_t old, uint32_t deadline)
{
    for (;;) {
        endpoint_t ep;
        if (rs_lookup(d->label, &ep) == OK && ep != old) {
            d->ep = ep;
            return OK;
        }
        if ((int32_t)(sys_uptime() - deadline) > 0)
            return ETIMEDOUT;
        dt_sleep(1);                /* poll interval; the deadline bounds the wait */
    }
}

int bdev_retry(struct dt_dev *d, int write, uint64_t pos, void *buf, uint32_t count,
               uint32_t ticks)
{
    uint32_t deadline = sys_uptime() + ticks;
    for (;;) {
        endpoint_t old = d->ep;
        int r = bdev_rw(d, write, pos, buf, count);
        if (!driver_died(r))
            return r;
        d->retries++;
        if ((r = new_endpoint(d, old, deadline)) != OK)
            return r;
    }
}

int bdev_size(struct dt_dev *d, uint64_t *size)
{
    struct bdev_info info;
    cp_grant_id_t g = cpf_grant_direct(d->ep, (vir_bytes)&info, sizeof(info), CPF_WRITE);
    int r = bdev_req(d, BDEV_IOCTL, d->minor, g, 0, 0, BIOC_GETINFO);
    cpf_revoke(g);
    if (r == OK)
        *size = ((uint64_t)info.size_hi << 32) | info.size_lo;
    return r;
}

void fill_pattern(uint32_t seed, uint32_t off, void *buf, uint32_t bytes)
{
    uint32_t *w = buf;
    for (uint32_t i = 0; i < bytes / 4; i++)
        w[i] = pattern_word(seed, off + 4 * i);
}

int32_t check_pattern(uint32_t seed, uint32_t off, const void *buf, uint32_t bytes)
{
    const uint32_t *w = buf;
    for (uint32_t i = 0; i < bytes / 4; i++)
        if (w[i] != pattern_word(seed, off + 4 * i))
            return (int32_t)(4 * i);
    return -1;
}
