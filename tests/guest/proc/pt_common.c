/* pt_common.c: suite proc's helpers (pt.h). */
#include <safecopies.h>
#include "pt.h"

/* Poll interval: one clock tick, inside a DEADLINE loop. */
void pt_sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

uint32_t pt_free_frames(void)
{
    uint32_t info[VM_INFO_WORDS];
    return vm_info(info) == OK ? info[VM_INFO_FREE] : 0;
}

int pt_nprocs(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    return sys_proctab(tab, NR_TASKS + NR_PROCS);
}

int pt_vfs_raw(int type, endpoint_t target)
{
    endpoint_t vfs;
    message m;
    int r;

    if ((r = rs_lookup("vfs", &vfs)) != OK)
        return r;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    ((struct vfs_req *)&m.m_u)->target = target;
    ((struct vfs_req *)&m.m_u)->fd = target;
    r = ipc_sendrec(vfs, &m);
    return r != OK ? r : m.m_type;
}

int pt_wait_code(pid_t pid)
{
    int st = -1;
    if (pid <= 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

int pt_raw_fork(endpoint_t *ep)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_FORK;
    int r = ipc_sendrec(PM_ENDPOINT, &m);
    if (r != OK || m.m_type != OK)
        return -1;
    *ep = m.m_u.m1.i2;
    return m.m_u.m1.i1;
}

void pt_block_forever(void)
{
    message m;
    for (;;)
        ipc_receive(ANY, &m);
}

static struct vfs_stats fs0;
static uint32_t frames0;
static int procs0, pm0 = -1, pmf0 = -1;

void pt_fs_leaks_start(void)
{
    vfs_stats(&fs0);
    frames0 = pt_free_frames();
    procs0 = pt_nprocs();
    pm_stats(&pm0, &pmf0);
}

static int fs_same(const struct vfs_stats *a)
{
    return a->procs == fs0.procs && a->filps == fs0.filps && a->vnodes == fs0.vnodes &&
           a->pipes == fs0.pipes;
}

/* VFS's tables, VM's free frames and the process count back where they
 * were (deadline polls: exits reach VM and VFS a little later). */
void pt_fs_leaks_check(void)
{
    struct vfs_stats now;
    uint32_t f = 0;
    int p = 0, ok = 0, pm = -2, pmf = -2;
    memset(&now, 0, sizeof(now));
    for (int t = 0; t < DEADLINE && !ok; t++) {
        vfs_stats(&now);
        f = pt_free_frames();
        p = pt_nprocs();
        pm_stats(&pm, &pmf);
        ok = fs_same(&now) && f == frames0 && p == procs0 && pm == pm0 && pmf == pmf0 && pm0 > 0;
        if (!ok)
            pt_sleep_tick();
    }
    LT_CHECK(S, "no_leak_fs", ok, "procs %u->%u filps %u->%u vnodes %u->%u pipes %u->%u, "
             "frames %u->%u, processes %d->%d, PM %d->%d (forked %d->%d)", fs0.procs, now.procs,
             fs0.filps, now.filps, fs0.vnodes, now.vnodes, fs0.pipes, now.pipes, frames0, f,
             procs0, p, pm0, pm, pmf0, pmf);
}
