/* pgrp.c: process groups (PM_SETPGID, PM_GETPGID, docs/signals.md).
 *
 * Every process has a group; a boot or spawned process starts as the
 * leader of its own (pgrp = pid), a forked child joins its parent's.  A
 * process may move itself or one of its children into a group that exists
 * or into a new one named by the mover's pid.  No sessions: a group is
 * just the set kill(-pgrp) and the terminal's ^C reach. */
#include <lantern/pm.h>
#include "tree.h"

static int group_exists(int pgrp)
{
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used && !mproc[i].zombie && mproc[i].pgrp == pgrp)
            return 1;
    return 0;
}

int do_setpgid(struct mproc *p, const message *m)
{
    int pid = m->m_u.m1.i1, pgid = m->m_u.m1.i2;
    struct mproc *t = pid == 0 ? p : tree_find_pid(pid);

    if (pid < 0 || pgid < 0)
        return EINVAL;
    if (!t || (t != p && t->parent != (int)(p - mproc)))
        return ESRCH;                   /* neither the caller nor its child */
    if (pgid == 0)
        pgid = t->pid;
    if (pgid != t->pid && !group_exists(pgid))
        return EPERM;
    t->pgrp = pgid;
    return OK;
}

int do_getpgid(struct mproc *p, const message *m, message *reply)
{
    int pid = m->m_u.m1.i1;
    struct mproc *t = pid == 0 ? p : tree_find_pid(pid);
    if (pid < 0)
        return EINVAL;
    if (!t)
        return ESRCH;
    reply->m_u.m1.i1 = t->pgrp;
    return OK;
}
