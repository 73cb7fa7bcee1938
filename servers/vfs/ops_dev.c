/* ops_dev.c: the device side of VFS's descriptor requests (dev.c talks to
 * the drivers; docs/files.md, "Device files").
 *
 * open sends CDEV_OPEN once per open() (the filp), close sends CDEV_CLOSE
 * when the filp's last descriptor goes; read may be suspended (dev.c);
 * write is answered by the driver at once.  VFS_IOCTL passes the request
 * and the caller's grant to the driver.
 *
 * Who may ask: every process, on its own descriptors; TIOCSTI (inject a
 * byte as if typed) only a system process (PI_SYS: servers, drivers, the
 * test programs), a user gets EPERM, so no user can type into another
 * user's terminal.  A descriptor that is not a device: VFS_IOCTL ENOTTY.
 */
#include <string.h>
#include <lantern/chardev.h>
#include "vfs.h"

int dev_open(struct filp *f, const struct fs_node *node)
{
    int r = dev_simple(node->rdev, CDEV_OPEN, NONE, -1, 0, 0);

    f->vn->rdev = node->rdev;
    f->dev = r == OK;
    return r;
}

void dev_close(struct filp *f)
{
    dev_simple(f->vn->rdev, CDEV_CLOSE, NONE, -1, 0, 0);
}

int dev_rw(struct fproc *fp, struct filp *f, int write, message *m)
{
    struct vfs_req *rq = VRQ(m);

    if (rq->count > 0x7fffffffu)
        return EINVAL;
    if (!write)
        return dev_read(fp, f, rq->grant, rq->count);
    return dev_simple(f->vn->rdev, CDEV_WRITE, m->m_source, rq->grant, rq->count, 0);
}

/* Is ep a system process (not a user)? Asked of the kernel's table. */
static int is_system(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);

    for (int i = 0; i < n; i++)
        if (tab[i].endpoint == ep)
            return (tab[i].flags & PI_SYS) != 0;
    return 0;
}

int do_ioctl(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);

    if (!f)
        return EBADF;
    if (f->pipe || !ISCHR(f->vn->mode))
        return ENOTTY;
    if (rq->flags == TIOCSTI && !is_system(m->m_source))
        return EPERM;
    return dev_simple(f->vn->rdev, CDEV_IOCTL, m->m_source, rq->grant, 0, rq->flags);
}
