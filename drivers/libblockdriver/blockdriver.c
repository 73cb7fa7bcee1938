/* blockdriver.c: the block-driver main loop: SEF, receive, dispatch,
 * reply (blockdriver.h).  Data movement is in bd_io.c.
 *
 * Every request gets exactly one reply: m_type = bytes moved or -errno,
 * payload u32[0] = the request's id.  A notification from the kernel gets
 * none (the driver's notify hook sees it).  A reply that cannot be delivered (the
 * client died meanwhile) is dropped. */
#include <string.h>
#include <sef.h>
#include <safecopies.h>
#include "blockdriver.h"

static const struct blockdriver *driver;

static int init_cb(int type, const sef_init_info_t *info)
{
    (void)info;
    return driver->init(type);
}

/* BDEV_OPEN: the access bits must be R and/or W; a write open of a
 * read-only device is EROFS. */
static int do_open(const struct bdev_req *rq)
{
    struct bdev_info info;
    int r = driver->getinfo(rq->minor, &info);
    if (r != OK)
        return r;
    if (!rq->access || (rq->access & ~(BDEV_R_BIT | BDEV_W_BIT)))
        return EINVAL;
    if ((rq->access & BDEV_W_BIT) && (info.flags & BDEV_INFO_READONLY))
        return EROFS;
    return OK;
}

/* BDEV_IOCTL: BIOC_GETINFO copies struct bdev_info into the grant;
 * any other request is ENOTTY. */
static int do_ioctl(endpoint_t client, const struct bdev_req *rq)
{
    struct bdev_info info;
    int r = driver->getinfo(rq->minor, &info);
    if (r != OK)
        return r;
    if (rq->request != BIOC_GETINFO)
        return ENOTTY;
    return sys_safecopyto(client, rq->grant, 0, (vir_bytes)&info, sizeof(info));
}

static int dispatch(const message *m)
{
    const struct bdev_req *rq = (const struct bdev_req *)m->m_u.m_u8;
    struct bdev_info info;

    switch (m->m_type) {
    case BDEV_OPEN:    return do_open(rq);
    case BDEV_CLOSE:   return driver->getinfo(rq->minor, &info);
    case BDEV_READ:    return bd_rw(driver, m->m_source, rq, 0);
    case BDEV_WRITE:   return bd_rw(driver, m->m_source, rq, 1);
    case BDEV_GATHER:  return bd_vector(driver, m->m_source, rq, 0);
    case BDEV_SCATTER: return bd_vector(driver, m->m_source, rq, 1);
    case BDEV_IOCTL:   return do_ioctl(m->m_source, rq);
    }
    return EBADREQUEST;
}

static void next_request(message *m)
{
    while (sef_receive(ANY, m) != OK)
        ;
}

void blockdriver_task(const struct blockdriver *bd)
{
    message m;

    driver = bd;
    sef_setcb_init_fresh(init_cb);
    sef_setcb_init_restart(init_cb);
    sef_setcb_init_lu(init_cb);
    if (sef_startup() != OK)
        sys_exit(1);
    next_request(&m);
    for (;;) {
        /* Only the kernel's notifications (IRQs, alarms) skip the reply: a
         * process that sends a NOTIFY-typed request in a sendrec gets
         * EBADREQUEST, not a wait for ever; a real notification from a
         * process is not waiting, and the reply to it is dropped. */
        if (IS_NOTIFY(m.m_type) && m.m_source < 0) {
            if (driver->notify)
                driver->notify(&m);
            next_request(&m);
            continue;
        }
        endpoint_t client = m.m_source;
        uint32_t id = ((const struct bdev_req *)m.m_u.m_u8)->id;
        int r = dispatch(&m);
        memset(&m, 0, sizeof(m));
        m.m_type = r;
        m.m_u.m_u32[0] = id;
        if (sef_reply_receive(client, &m, ANY) != OK)
            next_request(&m);
    }
}
