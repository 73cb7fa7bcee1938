/* ops_fcntl.c: VFS_FCNTL (lantern/vfs.h), libc's fcntl().
 *
 *   F_DUPFD  fd, lowest free >= mode (EINVAL outside 0..VFS_OPEN_MAX-1);
 *            the duplicate is not close-on-exec
 *   F_GETFD  FD_CLOEXEC or 0;  F_SETFD  mode = FD_CLOEXEC or 0
 *   F_GETFL  the open flags (access mode, O_APPEND)
 * A descriptor that is not open: EBADF; another command: EINVAL.
 */
#include "vfs.h"

int do_fcntl(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);
    int fd;

    if (!f)
        return EBADF;
    switch (rq->flags) {
    case VFS_F_DUPFD:
        if (rq->mode < 0 || rq->mode >= VFS_OPEN_MAX)
            return EINVAL;
        if ((fd = fd_alloc(fp, rq->mode)) < 0)
            return fd;
        f->refs++;
        fp->fd[fd] = f;
        fd_set_cloexec(fp, fd, 0);
        return fd;
    case VFS_F_GETFD:
        return (fp->cloexec >> rq->fd) & 1 ? VFS_FD_CLOEXEC : 0;
    case VFS_F_SETFD:
        fd_set_cloexec(fp, rq->fd, (rq->mode & VFS_FD_CLOEXEC) != 0);
        return 0;
    case VFS_F_GETFL:
        return f->flags & (VFS_O_ACCMODE | VFS_O_APPEND);
    default:
        return EINVAL;
    }
}
