/* pmreq.c: what PM tells VFS (VFS_PM_*, lantern/vfs.h; docs/processes.md).
 *
 * PM is the only sender (the kernel stamps m_source, so nobody can pose as
 * PM); anyone else gets EPERM.  PM sendrecs VFS and VFS never sendrecs PM,
 * so PM's wait here is bounded by VFS's own work (MFS requests at most).
 *
 *   VFS_PM_FORK      the child gets a copy of the parent's descriptor table
 *                    (the same filps: shared positions, as POSIX says) and
 *                    its working directory.  PM sends it after VM_FORK and
 *                    before it answers the child, so the child's first
 *                    request finds its table.
 *   VFS_PM_EXIT      vfs_proc_gone(): every trace of the process goes.
 *                    PM sends it without waiting (SENDNB): no answer.
 *   VFS_PM_READEXEC  exec.c in PM reads a program file through VFS, as
 *                    the exec'ing process would see the path (its cwd).
 *   VFS_PM_EXEC      the close-on-exec descriptors are closed.
 */
#include <string.h>
#include <safecopies.h>
#include "vfs.h"

#define ISDIR(mode) (((mode) & 0170000) == 0040000)
#define ISREG(mode) (((mode) & 0170000) == 0100000)

int is_pm_request(int type)
{
    return type >= VFS_PM_FORK && type <= VFS_PM_EXEC;
}

/* Everything VFS keeps for a process that is gone.  Other parts that
 * suspend a process (device reads, later) add their cleanup here. */
void vfs_proc_gone(endpoint_t ep)
{
    int err;
    struct fproc *fp = fproc_get(ep, 0, &err);

    pipe_forget(ep);            /* a suspended pipe read or write */
    if (fp)
        fproc_close_all(fp);
}

int fproc_fork(endpoint_t parent, endpoint_t child)
{
    int err = ENFILE;
    struct fproc *pp = fproc_get(parent, 0, &err), *cp;

    if (!pp)
        return OK;              /* never used VFS: the child starts fresh too */
    vfs_proc_gone(child);       /* a stale table of the child's endpoint: none expected */
    if (!(cp = fproc_get(child, 1, &err)))
        return err;
    vnode_put(cp->cwd);         /* fproc_get gave it the root */
    cp->cwd = pp->cwd;
    cp->cwd->refs++;
    memcpy(cp->cwd_path, pp->cwd_path, sizeof(cp->cwd_path));
    for (int fd = 0; fd < VFS_OPEN_MAX; fd++)
        if ((cp->fd[fd] = pp->fd[fd]))
            cp->fd[fd]->refs++;
    cp->cloexec = pp->cloexec;
    return OK;
}

void fproc_exec(struct fproc *fp)
{
    for (int fd = 0; fd < VFS_OPEN_MAX; fd++)
        if (fp->fd[fd] && (fp->cloexec & (1u << fd))) {
            filp_put(fp->fd[fd]);
            fp->fd[fd] = NULL;
        }
    fp->cloexec = 0;
}

/* VFS_PM_READEXEC: the file at path as `target` sees it, count bytes at
 * offset into PM's grant2.  Not a regular file: EACCES. */
static int read_exec(message *m)
{
    struct vfs_req *rq = VRQ(m);
    char path[VFS_PATH_MAX];
    struct fs_node node;
    int err = ENFILE, r;
    struct fproc *fp = fproc_get(rq->target, 1, &err);

    if (!fp)
        return err;
    if ((r = path_copy(m->m_source, rq->grant, rq->addr, path)) != OK ||
        (r = path_node(fp, path, &node)) != OK)
        return r;
    if (!ISREG(node.mode))
        return EACCES;
    m->m_u.m_i32[12] = (int32_t)node.size;
    if (rq->count == 0 || rq->offset < 0 || (uint32_t)rq->offset >= node.size)
        return 0;
    if (rq->count > VFS_EXEC_READ_MAX)
        return EINVAL;
    return fs_io(FS_READ, node.ino, (uint32_t)rq->offset, rq->count, m->m_source, rq->grant2, NULL);
}

int pm_request(message *m)
{
    struct vfs_req *rq = VRQ(m);
    int err;
    struct fproc *fp;

    if (m->m_source != PM_ENDPOINT)
        return EPERM;
    switch (m->m_type) {
    case VFS_PM_FORK:
        return fproc_fork(rq->fd, rq->target);
    case VFS_PM_EXIT:
        vfs_proc_gone(rq->target);
        return EDONTREPLY;      /* PM sent it without waiting (pm/vfs.c) */
    case VFS_PM_READEXEC:
        return read_exec(m);
    case VFS_PM_EXEC:
        if ((fp = fproc_get(rq->target, 0, &err)))
            fproc_exec(fp);
        return OK;
    default:
        return EBADREQUEST;
    }
}
