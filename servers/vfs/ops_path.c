/* ops_path.c: the path requests of VFS, and the whole-system ones.
 *
 * Same contract as ops_file.c.  VFS_GIVEFD is the one request that writes
 * into another process's table: only that process's parent (asked of PM)
 * may make it, else EPERM.  It is how a test hands a pipe end to a child
 * it spawned (there is no fork to inherit descriptors).
 */
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include "vfs.h"

#define ISDIR(mode) (((mode) & 0170000) == 0040000)

/* The parent directory and last name of the request's path (or path2). */
static int parent_of(struct fproc *fp, message *m, int second, uint32_t *dir, char *name)
{
    char path[VFS_PATH_MAX];
    struct vfs_req *rq = VRQ(m);
    int trailing, r;

    r = path_copy(m->m_source, second ? rq->grant2 : rq->grant, second ? rq->addr2 : rq->addr,
                  path);
    if (r == OK)
        r = path_parent(fp, path, dir, name, &trailing);
    if (r == OK && !name[0])
        r = EBUSY;                  /* "/" itself */
    return r;
}

int do_mkdir(struct fproc *fp, message *m)
{
    char name[VFS_NAME_MAX + 1];
    uint32_t dir;
    int r = parent_of(fp, m, 0, &dir, name);

    if (r == EBUSY)
        return EEXIST;
    if (r == OK)
        r = fs_create(FS_MKDIR, dir, name, (uint32_t)VRQ(m)->mode, NULL);
    return r;
}

/* VFS_UNLINK and VFS_RMDIR */
int do_remove(struct fproc *fp, message *m)
{
    char name[VFS_NAME_MAX + 1];
    uint32_t dir;
    int r = parent_of(fp, m, 0, &dir, name);

    if (r == OK)
        r = fs_remove(m->m_type == VFS_RMDIR ? FS_RMDIR : FS_UNLINK, dir, name);
    return r;
}

/* VFS_LINK and VFS_RENAME: path -> path2 */
int do_link(struct fproc *fp, message *m)
{
    char name[VFS_NAME_MAX + 1], name2[VFS_NAME_MAX + 1], path[VFS_PATH_MAX];
    uint32_t dir, dir2;
    struct fs_node node;
    int r;

    if (m->m_type == VFS_LINK) {
        if ((r = path_copy(m->m_source, VRQ(m)->grant, VRQ(m)->addr, path)) != OK ||
            (r = path_node(fp, path, &node)) != OK)
            return r;
        if (ISDIR(node.mode))
            return EPERM;
        if ((r = parent_of(fp, m, 1, &dir2, name2)) != OK)
            return r == EBUSY ? EEXIST : r;
        return fs_link(dir2, name2, node.ino);
    }
    if ((r = parent_of(fp, m, 0, &dir, name)) != OK ||
        (r = parent_of(fp, m, 1, &dir2, name2)) != OK)
        return r;
    return fs_rename(dir, name, dir2, name2);
}

int do_chdir(struct fproc *fp, message *m)
{
    char path[VFS_PATH_MAX], abs[VFS_PATH_MAX];
    struct fs_node node;
    struct vnode *vn;
    int r;

    if ((r = path_copy(m->m_source, VRQ(m)->grant, VRQ(m)->addr, path)) != OK ||
        (r = path_node(fp, path, &node)) != OK)
        return r;
    if (!ISDIR(node.mode))
        return ENOTDIR;
    if (!(vn = vnode_get(node.ino, node.mode, &r)))
        return r;
    vnode_put(fp->cwd);
    fp->cwd = vn;
    path_join(abs, fp->cwd_path, path);
    strcpy(fp->cwd_path, abs);
    return OK;
}

int do_getcwd(struct fproc *fp, message *m)
{
    uint32_t len = (uint32_t)strlen(fp->cwd_path) + 1;

    if (VRQ(m)->count < len)
        return ERANGE;
    if (sys_safecopyto(m->m_source, VRQ(m)->grant, 0, (vir_bytes)fp->cwd_path, len) != OK)
        return EFAULT;
    return (int)len;
}

int do_truncate(struct fproc *fp, message *m)
{
    char path[VFS_PATH_MAX];
    struct fs_node node;
    int r;

    if (VRQ(m)->offset < 0)
        return EINVAL;
    if ((r = path_copy(m->m_source, VRQ(m)->grant, VRQ(m)->addr, path)) != OK ||
        (r = path_node(fp, path, &node)) != OK)
        return r;
    return fs_simple(FS_TRUNC, node.ino, (uint32_t)VRQ(m)->offset, NULL);
}

/* VFS_SYNC; flags 1 also empties MFS's cache (the benchmarks' cold read). */
int do_sync(struct fproc *fp, message *m)
{
    (void)fp;
    return fs_simple(FS_SYNC, 0, VRQ(m)->flags == 1 ? 1 : 0, NULL);
}

int do_stats(struct fproc *fp, message *m)
{
    struct vfs_stats st;
    struct fs_statfs fs;
    int r;

    (void)fp;
    /* no sweep: PM reports every exit (VFS_PM_EXIT), so a leak shows */
    memset(&st, 0, sizeof(st));
    st.procs = fprocs_in_use();
    st.filps = filps_in_use();
    st.vnodes = vnodes_in_use();
    st.pipes = pipes_in_use();
    st.dev_reads = dev_reads_waiting();
    st.dev_resent = dev_reads_resent();
    if ((r = fs_statfs(&fs)) == OK) {
        st.free_blocks = fs.free_blocks;
        st.free_inodes = fs.free_inodes;
        st.cache_hits = fs.cache_hits;
        st.cache_misses = fs.cache_misses;
        st.driver_retries = fs.retries;
    }
    if (sys_safecopyto(m->m_source, VRQ(m)->grant2, 0, (vir_bytes)&st, sizeof(st)) != OK)
        return EFAULT;
    return r;
}

int do_givefd(struct fproc *fp, message *m)
{
    struct vfs_req *rq = VRQ(m);
    struct filp *f = fd_filp(fp, rq->fd);
    struct fproc *child;
    endpoint_t parent;
    int fd2 = rq->fd2;

    if (!f)
        return EBADF;
    /* The kernel's parent, not PM's: VFS never sendrecs PM (main.c). */
    if (fproc_parent(rq->target, &parent) != OK || parent != fp->ep)
        return EPERM;
    int err = ENFILE;

    if (!(child = fproc_get(rq->target, 1, &err)))
        return err;
    if (fd2 < 0 && (fd2 = fd_alloc(child, 0)) < 0)
        return fd2;
    if (fd2 >= VFS_OPEN_MAX)
        return EBADF;
    filp_put(child->fd[fd2]);
    f->refs++;
    child->fd[fd2] = f;
    fd_set_cloexec(child, fd2, 0);
    return fd2;
}
