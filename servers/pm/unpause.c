/* unpause.c: PM asks VFS to end a suspended request of a process that is
 * to run a signal handler (VFS_PM_UNPAUSE, docs/signals.md): VFS answers
 * that request with EINTR, then the handler runs.
 *
 * Direction rule: PM may sendrec VFS; VFS must never wait for PM while it
 * could be asked this (the kernel would answer PM's sendrec ELOCKED, and
 * the request would not be interrupted: see docs/signals.md).  VFS's
 * endpoint is looked up by label once, and again if VFS was restarted. */
#include <string.h>
#include <service.h>
#include <lantern/vfs.h>
#include "tree.h"

static endpoint_t vfs_ep = NONE;

static int unpause_at(endpoint_t vfs, endpoint_t who)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_PM_UNPAUSE;
    m.m_u.m1.i1 = who;
    int r = ipc_sendrec(vfs, &m);
    return r != OK ? r : m.m_type;
}

void vfs_unpause(endpoint_t who)
{
    int r;
    if (vfs_ep == NONE && rs_lookup("vfs", &vfs_ep) != OK) {
        vfs_ep = NONE;                  /* no VFS in this image */
        return;
    }
    r = unpause_at(vfs_ep, who);
    if (r == EDEADSRCDST || r == EBADSRCDST || r == EDSTDIED) {
        vfs_ep = NONE;                  /* restarted: once more */
        if (rs_lookup("vfs", &vfs_ep) == OK)
            unpause_at(vfs_ep, who);
    }
}
