/* fork.c: PM_FORK (docs/processes.md).
 *
 * Order: the kernel makes the child slot (SYS_FORK: registers, user priv,
 * empty page directory; the child waits for PM's reply like its parent);
 * PM reads the child's start event so the tree has it; VM copies the
 * parent's window copy-on-write (VM_FORK); only then does PM answer both,
 * so the child never runs before its memory exists.  VFS copies the
 * parent's descriptors (VFS_PM_FORK) before the child runs, too.  PM blocks
 * on VM and VFS here, which is safe: neither ever waits for PM. */
#include <string.h>
#include <vm.h>
#include <lantern/pm.h>
#include <lantern/vfs.h>
#include "tree.h"

/* A child PM could not finish: end it, and let nobody wait for it. */
static void abandon(struct mproc *child, endpoint_t ep)
{
    if (child)
        child->parent = (int)(child - mproc);   /* its exit is dropped (tree.c) */
    sys_kill(ep, ENOMEM);
}

int fork_proc(struct mproc *parent, message *reply)
{
    endpoint_t child_ep;
    uint32_t msg;
    struct mproc *child;
    message m;
    int r;

    if (tree_forked() >= PM_MAX_FORKED)
        return EAGAIN;
    if ((r = sys_fork(parent->ep, &child_ep, &msg)) != OK)
        return r;
    drain_events();                             /* the child's start */
    child = tree_find(child_ep);
    if (!child || (r = vm_fork(parent->ep, child_ep, msg)) != OK ||
        (r = vfs_tell(VFS_PM_FORK, parent->ep, child_ep)) != OK) {
        abandon(child, child_ep);
        return child ? r : EAGAIN;
    }
    child->forked = 1;
    sig_fork(parent, child);                    /* actions, mask, group (signal.c) */
    parent->keepz = 1;
    memset(&m, 0, sizeof(m));
    m.m_type = OK;                              /* the child's fork() returns 0 */
    ipc_sendnb(child_ep, &m);
    reply->m_u.m1.i1 = child->pid;
    reply->m_u.m1.i2 = child_ep;
    return OK;
}
