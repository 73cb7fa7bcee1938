/* ops_file.c: the descriptor requests of VFS (lantern/vfs.h).
 *
 * Every handler gets the caller's fproc and its message, and returns the
 * answer (>= 0 or -errno) or EDONTREPLY (a suspended pipe call).  A
 * descriptor that is not open in the caller's own table is EBADF; an
 * access mode that does not allow the call is EBADF too (POSIX).
 */
#include <string.h>
#include <safecopies.h>
#include "vfs.h"

#define ISDIR(mode) (((mode) & 0170000) == 0040000)

/* Find or create the file of an open; its node in *node. */
static int open_node(struct fproc *fp, const char *path, int flags, uint32_t mode,
                     struct fs_node *node)
{
    char name[VFS_NAME_MAX + 1];
    uint32_t dir;
    int trailing, r;

    if (!(flags & VFS_O_CREAT))
        return path_node(fp, path, node);
    if ((r = path_parent(fp, path, &dir, name, &trailing)) != OK)
        return r;
    if (!name[0] || trailing)
        return EISDIR;
    r = fs_lookup(dir, name, node);
    if (r == OK && (flags & VFS_O_EXCL))
        return EEXIST;
    if (r == ENOENT)
        r = fs_create(FS_CREATE, dir, name, mode, node);
    return r;
}

int do_open(struct fproc *fp, message *m)
{
    char path[VFS_PATH_MAX];
    struct vfs_req *rq = VRQ(m);
    int acc = rq->flags & VFS_O_ACCMODE, fd, r;
    struct fs_node node;
    struct filp *f;

    if (acc == VFS_O_ACCMODE)
        return EINVAL;
    if ((r = path_copy(m->m_source, rq->grant, rq->addr, path)) != OK ||
        (r = open_node(fp, path, rq->flags, (uint32_t)rq->mode, &node)) != OK)
        return r;
    if (ISDIR(node.mode) && acc != VFS_O_RDONLY)
        return EISDIR;
    if ((rq->flags & VFS_O_DIRECTORY) && !ISDIR(node.mode))
        return ENOTDIR;
    if ((fd = fd_alloc(fp, 0)) < 0)
        return fd;
    if (!(f = filp_new(rq->flags, &r)))
        return r;
    if (!(f->vn = vnode_get(node.ino, node.mode, &r))) {
        filp_put(f);
        return r;
    }
    /* A device file (/dev/console...) goes to its driver (ops_dev.c); MFS
     * never reads or writes its inode as a file (O_TRUNC is ignored). */
    if (ISCHR(node.mode)) {
        if ((r = dev_open(f, &node)) != OK) {
            filp_put(f);            /* f->dev is 0: no CDEV_CLOSE */
            return r;
        }
        fp->fd[fd] = f;
        return fd;
    }
    if ((rq->flags & VFS_O_TRUNC) && acc != VFS_O_RDONLY && !ISDIR(node.mode) &&
        (r = fs_simple(FS_TRUNC, node.ino, 0, NULL)) != OK) {
        filp_put(f);
        return r;
    }
    fp->fd[fd] = f;
    fd_set_cloexec(fp, fd, (rq->flags & VFS_O_CLOEXEC) != 0);
    return fd;
}

int do_close(struct fproc *fp, message *m)
{
    int fd = VRQ(m)->fd;
    struct filp *f = fd_filp(fp, fd);

    if (!f)
        return EBADF;
    fp->fd[fd] = NULL;
    fd_set_cloexec(fp, fd, 0);
    filp_put(f);
    return OK;
}

int do_rw(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);
    int write = m->m_type == VFS_WRITE, acc, r;
    struct fs_node node;

    if (!f)
        return EBADF;
    if (f->pipe)
        return pipe_rw(fp, f, write, rq->grant, rq->count);
    acc = f->flags & VFS_O_ACCMODE;
    if (write ? acc == VFS_O_RDONLY : acc == VFS_O_WRONLY)
        return EBADF;
    if (ISDIR(f->vn->mode))
        return EISDIR;
    if (ISCHR(f->vn->mode))
        return dev_rw(fp, f, write, m);
    if (write && (f->flags & VFS_O_APPEND)) {
        if ((r = fs_simple(FS_STAT, f->vn->ino, 0, &node)) != OK)
            return r;
        f->pos = node.size;
    }
    r = fs_io(write ? FS_WRITE : FS_READ, f->vn->ino, f->pos, rq->count, m->m_source,
              rq->grant, NULL);
    if (r > 0)
        f->pos += (uint32_t)r;
    return r;
}

int do_lseek(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);
    struct fs_node node;
    int64_t base;
    int r;

    if (!f)
        return EBADF;
    if (f->pipe || ISCHR(f->vn->mode))
        return ESPIPE;
    switch (rq->whence) {
    case 0: base = 0; break;
    case 1: base = f->pos; break;
    case 2:
        if ((r = fs_simple(FS_STAT, f->vn->ino, 0, &node)) != OK)
            return r;
        base = node.size;
        break;
    default: return EINVAL;
    }
    base += rq->offset;
    if (base < 0 || base > 0x7fffffff)
        return EINVAL;
    f->pos = (uint32_t)base;
    return (int)base;
}

static int put_stat(endpoint_t who, int32_t grant, const struct fs_node *n, uint32_t dev)
{
    struct vfs_stat st = { n->ino, n->mode, n->nlinks, n->size, n->atime, n->mtime, n->ctime,
                           dev, n->rdev };
    return sys_safecopyto(who, grant, 0, (vir_bytes)&st, sizeof(st)) == OK ? OK : EFAULT;
}

int do_fstat(struct fproc *fp, message *m)
{
    struct filp *f = fd_filp(fp, VRQ(m)->fd);
    struct fs_node node;
    int r;

    if (!f)
        return EBADF;
    if (f->pipe) {
        memset(&node, 0, sizeof(node));
        node.mode = 0010600;        /* S_IFIFO */
        return put_stat(m->m_source, VRQ(m)->grant2, &node, 2);
    }
    if ((r = fs_simple(FS_STAT, f->vn->ino, 0, &node)) != OK)
        return r;
    return put_stat(m->m_source, VRQ(m)->grant2, &node, 1);
}

int do_stat(struct fproc *fp, message *m)
{
    char path[VFS_PATH_MAX];
    struct fs_node node;
    int r;

    if ((r = path_copy(m->m_source, VRQ(m)->grant, VRQ(m)->addr, path)) != OK ||
        (r = path_node(fp, path, &node)) != OK)
        return r;
    return put_stat(m->m_source, VRQ(m)->grant2, &node, 1);
}

/* VFS_DUP: lowest free; VFS_DUP2: exactly fd2, closing what was there. */
int do_dup(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);
    int fd2 = rq->fd2;

    if (!f)
        return EBADF;
    if (m->m_type == VFS_DUP) {
        if ((fd2 = fd_alloc(fp, 0)) < 0)
            return fd2;
    } else {
        if (fd2 < 0 || fd2 >= VFS_OPEN_MAX)
            return EBADF;
        if (fd2 == rq->fd)
            return fd2;
        filp_put(fp->fd[fd2]);
    }
    f->refs++;
    fp->fd[fd2] = f;
    fd_set_cloexec(fp, fd2, 0);          /* POSIX: a duplicate is not close-on-exec */
    return fd2;
}

int do_ftruncate(struct fproc *fp, message *m)
{
    struct filp *f = fd_filp(fp, VRQ(m)->fd);

    if (!f || (f->flags & VFS_O_ACCMODE) == VFS_O_RDONLY)
        return f && !f->pipe ? EINVAL : EBADF;
    if (f->pipe || ISCHR(f->vn->mode) || VRQ(m)->offset < 0)
        return EINVAL;
    return fs_simple(FS_TRUNC, f->vn->ino, (uint32_t)VRQ(m)->offset, NULL);
}

int do_getdents(struct fproc *fp, message *m)
{
    struct filp *f = fd_filp(fp, VRQ(m)->fd);
    struct fs_node node;
    int r;

    if (!f)
        return EBADF;
    if (f->pipe || !ISDIR(f->vn->mode))
        return ENOTDIR;
    r = fs_io(FS_GETDENTS, f->vn->ino, f->pos, VRQ(m)->count, m->m_source, VRQ(m)->grant,
              &node);
    if (r >= 0)
        f->pos = node.size;
    return r;
}

int do_fsync(struct fproc *fp, message *m)
{
    struct filp *f = fd_filp(fp, VRQ(m)->fd);

    if (!f)
        return EBADF;
    return f->pipe ? EINVAL : fs_simple(FS_SYNC, 0, 0, NULL);
}
