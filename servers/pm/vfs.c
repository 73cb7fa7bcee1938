/* vfs.c: PM's requests to VFS (VFS_PM_*, lantern/vfs.h; docs/processes.md).
 *
 * PM tells VFS about every fork (before the child runs), every exit it
 * reads from the kernel (of any process, forked or not: VFS may have files
 * for it) and every exec past its point of no return; exec reads program
 * files through VFS_PM_READEXEC.
 *
 * Exits go without waiting: PM queues them and hands each to VFS with a
 * non-blocking send (VFS answers nothing), trying again every tick while
 * VFS is busy.  A blocking send could deadlock: when a block driver dies,
 * PM tells RS (which then asks PM, pm_wait) and VFS; if VFS is waiting for
 * MFS and MFS for RS (looking the new driver up), PM waiting for VFS
 * would close the circle.  Forks and execs still wait for VFS (the child
 * must have its descriptors before it runs): that circle remains possible
 * if a fork or exec meets a driver's restart (docs/processes.md).
 *
 * Direction rule: PM sendrecs VFS; VFS never sendrecs PM.  VFS's endpoint
 * comes from the process events (the boot process or RS's restart named
 * "vfs"), and PM sends nothing until VFS has notified it that its loop
 * runs (VFS looks MFS up before that): before then VFS still waits for
 * RS's init, and RS may itself be waiting for PM (pm_wait).  Exits PM reads
 * before VFS is ready cannot have files in VFS (it answered nobody yet).
 */
#include <string.h>
#include <stdio.h>
#include <safecopies.h>
#include <lantern/vfs.h>
#include "tree.h"

static endpoint_t vfs_ep = NONE;
static int vfs_ready;
static endpoint_t exits[NR_PM_PROCS];   /* VFS_PM_EXITs not yet delivered, in order */
static int nexits;
static int retry_tick;                  /* VFS refused a send: try next tick */

int vfs_wants_tick(void)
{
    return retry_tick && nexits > 0 && vfs_ready;
}

static void queue_exit(endpoint_t ep)
{
    if (nexits == NR_PM_PROCS) {
        printf("pm: too many exits for VFS at once; VFS's table-full sweep will find %d\n", ep);
        return;
    }
    exits[nexits++] = ep;
    vfs_flush();
}

/* Hand VFS the queued exits; while it is busy, try again next tick. */
void vfs_flush(void)
{
    message m;

    while (nexits > 0 && vfs_ready) {
        memset(&m, 0, sizeof(m));
        m.m_type = VFS_PM_EXIT;
        ((struct vfs_req *)&m.m_u)->target = exits[0];
        if (ipc_sendnb(vfs_ep, &m) != OK) {
            retry_tick = 1;
            pm_timer_rearm();           /* PM's one alarm, shared with alarm.c */
            return;
        }
        memmove(exits, exits + 1, (size_t)--nexits * sizeof(exits[0]));
    }
    retry_tick = 0;
}

void vfs_note_event(const struct proc_event *ev)
{
    if (ev->kind == PROC_EV_START && !strncmp(ev->name, "vfs", 16) &&
        (ev->parent == NONE || ev->parent == RS_ENDPOINT)) {
        vfs_ep = ev->endpoint;
        vfs_ready = 0;
    } else if (ev->kind == PROC_EV_EXIT && ev->endpoint == vfs_ep) {
        vfs_ep = NONE;
        vfs_ready = 0;
        nexits = 0;             /* a new VFS starts with empty tables */
    } else if (ev->kind == PROC_EV_EXIT && vfs_ready) {
        queue_exit(ev->endpoint);
    }
}

void vfs_note_ready(endpoint_t who)
{
    if (who != vfs_ep)
        drain_events();         /* a restarted VFS: its start may still be unread */
    if (who == vfs_ep && vfs_ep != NONE) {
        vfs_ready = 1;
        vfs_flush();
    }
}

int vfs_is_ready(void)
{
    return vfs_ready;
}

static int call(message *m)
{
    int r;
    if (!vfs_ready)
        return ENOSYS;
    if ((r = ipc_sendrec(vfs_ep, m)) != OK)
        return r;
    return m->m_type;
}

/* VFS_PM_FORK (from = parent), VFS_PM_EXEC (target): PM waits for VFS. */
int vfs_tell(int type, endpoint_t from, endpoint_t target)
{
    message m;
    struct vfs_req *rq = (struct vfs_req *)&m.m_u;

    if (!vfs_ready)
        return OK;              /* no VFS in this system (yet): nothing to tell */
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    rq->fd = from;
    rq->target = target;
    return call(&m);
}

/* Up to count bytes of the file at path (as target sees it) from offset
 * into buf: the bytes read, or an error; *size = the file's size. */
int vfs_read_exec(endpoint_t target, const char *path, uint32_t offset, void *buf,
                  uint32_t count, uint32_t *size)
{
    message m;
    struct vfs_req *rq = (struct vfs_req *)&m.m_u;
    int32_t gp, gb;
    int r;

    if (!vfs_ready)
        return ENOSYS;
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_PM_READEXEC;
    gp = cpf_grant_direct(vfs_ep, (vir_bytes)path, VFS_PATH_MAX, CPF_READ);
    gb = cpf_grant_direct(vfs_ep, (vir_bytes)buf, count ? count : 1, CPF_WRITE);
    if (gp < 0 || gb < 0)
        r = ENOMEM;
    else {
        rq->grant = gp;
        rq->addr = (uint32_t)(vir_bytes)path;
        rq->grant2 = gb;
        rq->offset = (int32_t)offset;
        rq->count = count;
        rq->target = target;
        r = call(&m);
        *size = (uint32_t)m.m_u.m_i32[12];
    }
    if (gp >= 0)
        cpf_revoke(gp);
    if (gb >= 0)
        cpf_revoke(gb);
    return r;
}
