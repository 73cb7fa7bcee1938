/* dev.c: VFS as the client of character-device drivers (lantern/chardev.h,
 * docs/files.md "Device files", docs/tty.md).
 *
 * A device file's number (MFS_DEV(major, minor)) picks the driver by its
 * major in `drivers[]` (major 4: the label "tty"); the endpoint is asked
 * of RS by label, and again whenever a request to it fails or, on the
 * sweep alarm, when reads are waiting and the label's endpoint changed
 * (the driver was restarted).
 *
 * Every request is a sendrec that the driver answers at once (it never
 * blocks); VFS waits for nothing else.  A read the driver cannot answer
 * yet comes back CDEV_PENDING: VFS keeps a `struct devrd` for it, answers
 * its caller EDONTREPLY, and finishes it when the driver's NOTIFY leads to
 * a CDEV_STATUS naming its id.  Data moves by an indirect grant of the
 * caller's own grant, made for the driver and revoked when the read ends.
 *
 * Invariants: at most one read per (driver, minor) is sent (the driver
 * takes one per terminal); the others wait here, unsent, oldest first
 * (rd_kick).  A driver that still answers EBUSY (two minors of one
 * terminal, e.g. console and ttyS0) leaves the read unsent until another
 * read of that driver ends.  A sent read always holds a live grant (g >= 0).
 *
 * Restart: a read sent to a driver that died is sent again to the new
 * incarnation (a new grant), so the reader goes on waiting and gets the
 * next line typed; the line being edited when the driver died is lost
 * (docs/tty.md, "Restart").  Cancel: a process that is gone (dev_proc_gone)
 * or interrupted (dev_unpause) has its read cancelled with CDEV_CANCEL.
 */
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include <lantern/chardev.h>
#include <lantern/mfs_format.h>
#include "vfs.h"

struct driver {
    uint32_t major;
    const char *label;
    endpoint_t ep;            /* NONE: not looked up yet, or dead */
};

static struct driver drivers[] = {
    { 4, "tty", NONE },       /* lantern/mfs_format.h's MFS_DEV_TABLE */
};
#define NR_DRIVERS (sizeof(drivers) / sizeof(drivers[0]))

struct devrd {
    endpoint_t ep;            /* the reader; NONE = free */
    struct driver *drv;
    int32_t minor;
    int32_t ugrant;           /* the reader's grant (for VFS) */
    uint32_t count, flags;
    uint32_t id;              /* our tag for the driver; also the queue order */
    int32_t g;                /* the indirect grant for the driver; -1: not sent */
};

static struct devrd rds[NR_FPROCS];
static uint32_t next_id = 1;
static uint32_t resent;

void dev_init(void)
{
    for (int i = 0; i < NR_FPROCS; i++)
        rds[i].ep = NONE;
}

struct driver *dev_driver(uint32_t rdev)
{
    for (unsigned i = 0; i < NR_DRIVERS; i++)
        if (drivers[i].major == MFS_DEV_MAJOR(rdev))
            return &drivers[i];
    return NULL;
}

static int lookup(struct driver *d)
{
    if (d->ep == NONE && rs_lookup(d->label, &d->ep) != OK) {
        d->ep = NONE;
        return ENXIO;             /* no such driver running */
    }
    return OK;
}

/* One request: grant (user's, or -1) passed on as an indirect grant.
 * Returns the driver's answer; *state CDEV_DONE/PENDING, and *g the grant
 * kept for a pending request.  A dead driver is looked up once more. */
static int call(struct driver *d, message *m, endpoint_t user, int32_t ugrant, int32_t *g,
                uint32_t *state)
{
    message req = *m;
    int r = ENXIO;

    for (int tries = 0; tries < 2; tries++) {
        if ((r = lookup(d)) != OK)
            return r;
        *g = ugrant >= 0 ? cpf_grant_indirect(d->ep, user, ugrant) : -1;
        ((struct cdev_req *)req.m_u.m_u8)->grant = *g;
        *m = req;
        if ((r = ipc_sendrec(d->ep, m)) == OK)
            break;
        if (*g >= 0)
            cpf_revoke(*g);
        *g = -1;
        d->ep = NONE;             /* it died: ask RS again */
        r = EIO;
    }
    if (r != OK)
        return r;
    *state = m->m_u.m_u32[1];
    if (*state != CDEV_PENDING && *g >= 0) {
        cpf_revoke(*g);
        *g = -1;
    }
    return m->m_type;
}

static void make_req(message *m, int type, int32_t minor, const struct cdev_req *rq)
{
    memset(m, 0, sizeof(*m));
    m->m_type = type;
    memcpy(m->m_u.m_u8, rq, sizeof(*rq));
    ((struct cdev_req *)m->m_u.m_u8)->minor = minor;
}

/* A request that cannot stay pending (open, close, write, ioctl). */
int dev_simple(uint32_t rdev, int type, endpoint_t user, int32_t ugrant, uint32_t count,
               int32_t request)
{
    struct driver *d = dev_driver(rdev);
    struct cdev_req rq = { .count = count, .request = request, .id = next_id++ };
    uint32_t state = CDEV_DONE;
    int32_t g;
    message m;

    if (!d)
        return ENXIO;
    make_req(&m, type, (int32_t)MFS_DEV_MINOR(rdev), &rq);
    int r = call(d, &m, user, ugrant, &g, &state);
    return state == CDEV_PENDING ? EIO : r;    /* a driver must not keep these */
}

static int busy(const struct devrd *rd)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (rds[i].ep != NONE && rds[i].g >= 0 && rds[i].drv == rd->drv &&
            rds[i].minor == rd->minor)
            return 1;
    return 0;
}

/* Send rd: its answer, or EDONTREPLY (pending at the driver, or left
 * unsent because the driver's terminal is busy). */
static int rd_send(struct devrd *rd)
{
    struct cdev_req rq = { .count = rd->count, .id = rd->id, .flags = rd->flags };
    uint32_t state = CDEV_DONE;
    message m;

    make_req(&m, CDEV_READ, rd->minor, &rq);
    int r = call(rd->drv, &m, rd->ep, rd->ugrant, &rd->g, &state);
    if (state == CDEV_PENDING)
        return EDONTREPLY;
    if (r == EBUSY)               /* g is -1: stays unsent, or EAGAIN */
        return (rd->flags & CDEV_NONBLOCK) ? EAGAIN : EDONTREPLY;
    return r;
}

static void rd_free(struct devrd *rd)
{
    if (rd->g >= 0)
        cpf_revoke(rd->g);
    rd->g = -1;
    rd->ep = NONE;
}

/* The oldest unsent read whose minor is free, or NULL. */
static struct devrd *next_unsent(void)
{
    struct devrd *best = NULL;
    for (int i = 0; i < NR_FPROCS; i++) {
        struct devrd *rd = &rds[i];
        if (rd->ep == NONE || rd->g != -1 || busy(rd) || (best && best->id < rd->id))
            continue;
        best = rd;
    }
    return best;
}

/* Send the unsent reads that can go; answer those that end at once.  A
 * read the driver still calls busy is skipped this round. */
static void rd_kick(void)
{
    struct devrd *skipped[NR_FPROCS];
    int nskip = 0;
    struct devrd *rd;

    while ((rd = next_unsent())) {
        int r = rd_send(rd);
        if (r != EDONTREPLY) {
            reply(rd->ep, r, NULL);
            rd_free(rd);
        } else if (rd->g < 0) {
            skipped[nskip++] = rd;
            rd->g = -2;            /* marked (not a grant) so next_unsent skips it */
        }
    }
    for (int i = 0; i < nskip; i++)
        skipped[i]->g = -1;
}

int dev_read(struct fproc *fp, struct filp *f, int32_t ugrant, uint32_t count)
{
    struct devrd *rd = NULL;

    for (int i = 0; i < NR_FPROCS && !rd; i++)
        if (rds[i].ep == NONE)
            rd = &rds[i];
    if (!rd)
        return EAGAIN;
    *rd = (struct devrd){ fp->ep, dev_driver(f->vn->rdev), (int32_t)MFS_DEV_MINOR(f->vn->rdev),
                          ugrant, count, (f->flags & VFS_O_NONBLOCK) ? CDEV_NONBLOCK : 0,
                          next_id++, -1 };
    if (!rd->drv) {
        rd->ep = NONE;
        return ENXIO;
    }
    if (busy(rd) && !(rd->flags & CDEV_NONBLOCK))
        return EDONTREPLY;         /* waits its turn, unsent */
    int r = rd_send(rd);
    if (r != EDONTREPLY)
        rd_free(rd);
    return r;
}

static struct devrd *find_sent(struct driver *d, uint32_t id)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (rds[i].ep != NONE && rds[i].drv == d && rds[i].g >= 0 && rds[i].id == id)
            return &rds[i];
    return NULL;
}

/* The driver's NOTIFY: fetch every finished request and answer it. */
int dev_notify(endpoint_t from)
{
    struct driver *d = NULL;

    for (unsigned i = 0; i < NR_DRIVERS; i++)
        if (drivers[i].ep == from && from != NONE)
            d = &drivers[i];
    if (!d)
        return 0;
    for (int n = 0; n < NR_FPROCS * 2; n++) {   /* bounded: a driver cannot loop us */
        struct cdev_req rq = { .id = 0 };
        message m;
        make_req(&m, CDEV_STATUS, 0, &rq);
        if (ipc_sendrec(d->ep, &m) != OK || m.m_u.m_u32[1] != CDEV_DONE)
            break;
        struct devrd *rd = find_sent(d, m.m_u.m_u32[0]);
        if (rd) {
            reply(rd->ep, m.m_type, NULL);
            rd_free(rd);
        }
    }
    rd_kick();
    return 1;
}

/* Cancel rd at its driver: the read's own result if it finished meanwhile
 * (bytes already copied), else EINTR. */
static int rd_cancel(struct devrd *rd)
{
    int r = EINTR;

    if (rd->g >= 0) {
        struct cdev_req rq = { .id = next_id++, .target = rd->id };
        uint32_t state = CDEV_DONE;
        int32_t g;
        message m;
        make_req(&m, CDEV_CANCEL, rd->minor, &rq);
        r = call(rd->drv, &m, NONE, -1, &g, &state);
        if (r < 0)
            r = EINTR;             /* EINTR, or EINVAL: unknown to a restarted driver */
    }
    rd_free(rd);
    return r;
}

static struct devrd *find_reader(endpoint_t ep)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (rds[i].ep == ep && ep != NONE)
            return &rds[i];
    return NULL;
}

/* The process is gone: its waiting read is cancelled, nobody answered. */
void dev_proc_gone(endpoint_t ep)
{
    struct devrd *rd = find_reader(ep);

    if (!rd)
        return;
    rd_cancel(rd);
    rd_kick();
}

/* The process was interrupted (a signal): its waiting read ends with EINTR,
 * or with its bytes if it finished meanwhile.  1 if it had one. */
int dev_unpause(endpoint_t ep)
{
    struct devrd *rd = find_reader(ep);

    if (!rd)
        return 0;
    int r = rd_cancel(rd);
    reply(ep, r, NULL);
    rd_kick();
    return 1;
}

/* Sweep alarm: a driver with reads sent that now has another endpoint was
 * restarted; its reads died with it and are sent again. */
void dev_check_restart(void)
{
    for (unsigned i = 0; i < NR_DRIVERS; i++) {
        struct driver *d = &drivers[i];
        endpoint_t now = NONE;
        int waiting = 0;
        for (int j = 0; j < NR_FPROCS; j++)
            waiting |= rds[j].ep != NONE && rds[j].drv == d && rds[j].g >= 0;
        /* not registered (between two incarnations): look at the next alarm */
        if (!waiting || rs_lookup(d->label, &now) != OK || now == d->ep)
            continue;
        for (int j = 0; j < NR_FPROCS; j++)
            if (rds[j].ep != NONE && rds[j].drv == d && rds[j].g >= 0) {
                cpf_revoke(rds[j].g);
                rds[j].g = -1;
                resent++;
            }
        d->ep = now;
    }
    rd_kick();
}

uint32_t dev_reads_waiting(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NR_FPROCS; i++)
        n += rds[i].ep != NONE;
    return n;
}

uint32_t dev_reads_resent(void)
{
    return resent;
}
