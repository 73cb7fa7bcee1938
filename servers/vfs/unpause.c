/* unpause.c: VFS_PM_UNPAUSE (lantern/vfs.h, docs/signals.md).
 *
 * PM sends it when a process that may be waiting in a VFS request is to
 * run a signal handler: the suspended request (a pipe read or write, or a
 * device read: dev.c) is answered EINTR, so the process returns to user mode and runs the
 * handler.  Only PM may ask (EPERM); a process with nothing suspended gives
 * ESRCH.  VFS answers at once and never sendrecs PM for this. */
#include "vfs.h"

int do_pm_unpause(const message *m)
{
    if (m->m_source != PM_ENDPOINT)
        return EPERM;
    if (pipe_interrupt(m->m_u.m1.i1) == OK)
        return OK;
    return dev_unpause(m->m_u.m1.i1) ? OK : ESRCH;
}
