/* vfs: the POSIX file layer (servers/vfs/README.md, lantern/vfs.h).
 *
 * One loop: receive a request, find (or make) the sender's fproc, run the
 * handler, answer with SENDNB (the caller waits in SENDREC).  A handler
 * that suspends the caller (a pipe with nothing to read or no room, a
 * device read with nothing typed) answers EDONTREPLY and the pipe or
 * device code calls reply() later.  PM tells VFS about forks, exits and
 * execs (VFS_PM_*, pmreq.c): no polling for exits.  A clock alarm every
 * SWEEP_TICKS runs dev_check_restart (a restarted driver's waiting reads
 * are sent again).  A NOTIFY from a driver: dev_notify.
 *
 * Who may ask: everyone; each process reaches only its own descriptors.
 * VFS_PM_* are PM's alone (EPERM for anyone else), and are handled before
 * an fproc is made for the sender.  Unknown types get EBADREQUEST.
 *
 * Direction rule (docs/processes.md): VFS never sendrecs PM (PM sendrecs
 * VFS); VFS sendrecs only MFS, which never calls PM or VFS back. 
 */
#include <string.h>
#include <sef.h>
#include "vfs.h"

#define SWEEP_TICKS 50          /* how often a driver's restart is looked for */

typedef int (*handler_t)(struct fproc *, message *);

static const struct { int type; handler_t fn; } handlers[] = {
    { VFS_OPEN, do_open }, { VFS_CLOSE, do_close }, { VFS_READ, do_rw },
    { VFS_WRITE, do_rw }, { VFS_LSEEK, do_lseek }, { VFS_STAT, do_stat },
    { VFS_FSTAT, do_fstat }, { VFS_MKDIR, do_mkdir }, { VFS_RMDIR, do_remove },
    { VFS_UNLINK, do_remove }, { VFS_LINK, do_link }, { VFS_RENAME, do_link },
    { VFS_CHDIR, do_chdir }, { VFS_GETCWD, do_getcwd }, { VFS_GETDENTS, do_getdents },
    { VFS_DUP, do_dup }, { VFS_DUP2, do_dup }, { VFS_TRUNCATE, do_truncate },
    { VFS_FTRUNCATE, do_ftruncate }, { VFS_FSYNC, do_fsync }, { VFS_SYNC, do_sync },
    { VFS_GIVEFD, do_givefd }, { VFS_STATS, do_stats },
    { VFS_FCNTL, do_fcntl },
    /* ttyvfs: device files (ops_dev.c) */
    { VFS_IOCTL, do_ioctl },
};

void reply(endpoint_t to, int result, const message *payload)
{
    message m;

    if (payload)
        m = *payload;
    else
        memset(&m, 0, sizeof(m));
    m.m_type = result;
    ipc_sendnb(to, &m);
}

static int dispatch(message *m)
{
    int err = ENFILE;
    struct fproc *fp;

    if (is_pm_request(m->m_type))
        return pm_request(m);
    if (m->m_type == VFS_PM_UNPAUSE)
        return do_pm_unpause(m);            /* PM's, about another process */
    if (!(fp = fproc_get(m->m_source, 1, &err)))
        return err;
    if (m->m_type == VFS_PIPE)
        return pipe_make(fp, m);
    for (unsigned i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
        if (handlers[i].type == m->m_type)
            return handlers[i].fn(fp, m);
    return EBADREQUEST;
}

int main(void)
{
    message m;

    sef_startup();
    pipe_init();
    fs_connect();               /* find MFS now, not while PM may wait on us */
    dev_init();
    ipc_notify(PM_ENDPOINT);    /* PM may send VFS_PM_* from now on (pm/vfs.c) */
    sys_setalarm(SWEEP_TICKS);
    for (;;) {
        endpoint_t who;
        int r;
        if (sef_receive(ANY, &m) != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            if (m.m_source == CLOCK) {
                dev_check_restart();
                sys_setalarm(SWEEP_TICKS);
            } else {
                dev_notify(m.m_source);     /* a driver finished a read */
            }
            continue;
        }
        who = m.m_source;
        if ((r = dispatch(&m)) != EDONTREPLY)
            reply(who, r, &m);
    }
}
