/* ops.c: the requests of the VFS <-> file server protocol (fsproto.h).
 *
 * Each handler takes the request, gets the inodes it needs (and puts each
 * back before it returns, so no request leaks a reference), and returns
 * the answer for m_type.  Handlers that change the file system first mark
 * the super block dirty (super.c).  Who may call was checked in main.c.
 */
#include <string.h>
#include <safecopies.h>
#include "mfs.h"

#define RQ(m) ((struct fs_req *)&(m)->m_u)

endpoint_t caller;

static void fill_node(message *m, const struct inode *ip)
{
    struct fs_node *n = (struct fs_node *)&m->m_u;
    n->ino = ip->ino;
    n->mode = ip->d.mode;
    n->nlinks = ip->d.nlinks;
    n->size = ip->d.size;
    n->atime = ip->d.atime;
    n->mtime = ip->d.mtime;
    n->ctime = ip->d.ctime;
    n->rdev = MFS_ISCHR(ip->d.mode) ? ip->d.zone[MFS_RDEV_SLOT] : 0;
}

/* A name from VFS's grant: 1..MFS_NAME_MAX bytes, no '/' or NUL inside. */
int get_name(int32_t grant, uint32_t len, char name[MFS_NAME_MAX + 1])
{
    int r;
    if (len == 0)
        return EINVAL;
    if (len > MFS_NAME_MAX)
        return ENAMETOOLONG;
    if ((r = sys_safecopyfrom(caller, grant, 0, (vir_bytes)name, len)) != OK)
        return r;
    name[len] = 0;
    return strlen(name) != len || strchr(name, '/') ? EINVAL : OK;
}

/* The directory inode and the name of a request. */
struct inode *dir_and_name(uint32_t ino, int32_t grant, uint32_t len, char *name, int *err)
{
    struct inode *dp;
    if ((*err = get_name(grant, len, name)) != OK || !(dp = get_inode(ino, err)))
        return NULL;
    if (!MFS_ISDIR(dp->d.mode)) {
        put_inode(dp);
        *err = ENOTDIR;
        return NULL;
    }
    return dp;
}

static int do_lookup(message *m)
{
    char name[MFS_NAME_MAX + 1];
    uint32_t ino;
    int err;
    struct inode *dp = dir_and_name(RQ(m)->ino, RQ(m)->grant, RQ(m)->len, name, &err), *ip;

    if (!dp)
        return err;
    err = dir_lookup(dp, name, &ino);
    put_inode(dp);
    if (err != OK || !(ip = get_inode(ino, &err)))
        return err;
    fill_node(m, ip);
    put_inode(ip);
    return OK;
}

/* A new inode of `mode` named `name` in dp: for FS_CREATE and FS_MKDIR. */
static struct inode *make_node(struct inode *dp, const char *name, uint16_t mode, int *err)
{
    uint32_t ino;
    struct inode *ip;

    if ((*err = dir_lookup(dp, name, &ino)) != ENOENT) {
        *err = *err == OK ? EEXIST : *err;
        return NULL;
    }
    if (MFS_ISDIR(mode) && dp->d.nlinks >= 0xffff) {
        *err = EMLINK;
        return NULL;
    }
    if (!(ip = new_inode(mode, err)))
        return NULL;
    ip->d.nlinks = 1;
    if (MFS_ISDIR(mode) && ((*err = dir_add(ip, ".", ip->ino)) != OK ||
                            (*err = dir_add(ip, "..", dp->ino)) != OK))
        goto undo;
    if ((*err = dir_add(dp, name, ip->ino)) != OK)
        goto undo;
    if (MFS_ISDIR(mode)) {
        ip->d.nlinks = 2;
        dp->d.nlinks++;
        dp->dirty = 1;
    }
    return ip;
undo:
    ip->d.nlinks = 0;
    put_inode(ip);
    return NULL;
}

static int do_create(message *m, uint16_t type)
{
    char name[MFS_NAME_MAX + 1];
    int err;
    struct inode *dp = dir_and_name(RQ(m)->ino, RQ(m)->grant, RQ(m)->len, name, &err), *ip;

    if (!dp)
        return err;
    ip = make_node(dp, name, (uint16_t)(type | (RQ(m)->mode & 07777)), &err);
    put_inode(dp);
    if (!ip)
        return err;
    fill_node(m, ip);
    put_inode(ip);
    return OK;
}

/* FS_UNLINK (want_dir 0) and FS_RMDIR (1). */
static int do_remove(message *m, int want_dir)
{
    char name[MFS_NAME_MAX + 1];
    uint32_t ino;
    int err;
    struct inode *dp = dir_and_name(RQ(m)->ino, RQ(m)->grant, RQ(m)->len, name, &err), *ip = NULL;

    if (!dp)
        return err;
    if (!strcmp(name, ".") || !strcmp(name, ".."))
        err = want_dir ? (name[1] ? ENOTEMPTY : EINVAL) : EISDIR;
    else if ((err = dir_lookup(dp, name, &ino)) == OK && (ip = get_inode(ino, &err))) {
        if (!want_dir && MFS_ISDIR(ip->d.mode))
            err = EISDIR;
        else if (want_dir && !MFS_ISDIR(ip->d.mode))
            err = ENOTDIR;
        else if (want_dir && !dir_is_empty(ip))
            err = ENOTEMPTY;
        else if ((err = dir_remove(dp, name)) == OK) {
            ip->d.nlinks = want_dir ? 0 : ip->d.nlinks - 1;
            ip->d.ctime = now_time();
            ip->dirty = 1;
            if (want_dir) {
                dp->d.nlinks--;
                dp->dirty = 1;
            }
        }
    }
    put_inode(ip);
    put_inode(dp);
    return err;
}

static int do_link(message *m)
{
    char name[MFS_NAME_MAX + 1];
    uint32_t ino;
    int err;
    struct inode *dp = dir_and_name(RQ(m)->ino, RQ(m)->grant, RQ(m)->len, name, &err), *ip;

    if (!dp)
        return err;
    if (!(ip = get_inode(RQ(m)->ino2, &err)))
        goto out;
    if (MFS_ISDIR(ip->d.mode))
        err = EPERM;
    else if (ip->d.nlinks >= 0xffff)
        err = EMLINK;
    else if ((err = dir_lookup(dp, name, &ino)) != ENOENT)
        err = err == OK ? EEXIST : err;
    else if ((err = dir_add(dp, name, ip->ino)) == OK) {
        ip->d.nlinks++;
        ip->d.ctime = now_time();
        ip->dirty = 1;
    }
    put_inode(ip);
out:
    put_inode(dp);
    return err;
}

static int do_rw(message *m, int write)
{
    int err;
    struct inode *ip = get_inode(RQ(m)->ino, &err);

    if (!ip)
        return err;
    if (MFS_ISDIR(ip->d.mode))
        err = EISDIR;
    else if (write)
        err = file_write(ip, RQ(m)->pos, RQ(m)->count, caller, RQ(m)->grant, 0);
    else
        err = file_read(ip, RQ(m)->pos, RQ(m)->count, caller, RQ(m)->grant, 0);
    put_inode(ip);
    return err;
}

static int do_node(message *m)
{
    /* OK unless a case below fails: get_inode leaves err alone when it
     * succeeds, and FS_STAT/GETNODE/PUTNODE set nothing (an uninitialized
     * err answered a stale error: fstat after a failed lookup got ENOENT) */
    int err = OK;
    struct inode *ip = get_inode(RQ(m)->ino, &err);

    if (!ip)
        return err;
    switch (m->m_type) {
    case FS_GETNODE: ip->vfs_refs++; break;
    case FS_PUTNODE: if (ip->vfs_refs) ip->vfs_refs--; break;
    case FS_TRUNC:
        err = MFS_ISDIR(ip->d.mode) ? EISDIR : truncate_inode(ip, RQ(m)->pos);
        break;
    case FS_GETDENTS: {
        uint32_t pos = RQ(m)->pos;
        err = dir_getdents(ip, &pos, caller, RQ(m)->grant, RQ(m)->count);
        ((struct fs_node *)&m->m_u)->size = pos;
        break;
    }
    }
    if (m->m_type != FS_GETDENTS)
        fill_node(m, ip);
    put_inode(ip);
    return err;
}

static int do_statfs(message *m)
{
    struct fs_statfs *s = (struct fs_statfs *)&m->m_u;
    memset(s, 0, sizeof(*s));
    s->free_blocks = count_free(1);
    s->free_inodes = count_free(0);
    s->cache_hits = cache_hits;
    s->cache_misses = cache_misses;
    s->retries = drv_retries;
    s->inodes_in_use = inodes_in_use();
    return OK;
}

static int do_sync(message *m)
{
    int r = super_mark(MFS_STATE_CLEAN);
    if (r == OK)
        r = RQ(m)->pos == 1 ? cache_flush_clean() : cache_sync();
    return r;
}

int do_request(message *m)
{
    int t = m->m_type, r;

    caller = m->m_source;
    if (t != FS_LOOKUP && t != FS_STAT && t != FS_READ && t != FS_GETDENTS && t != FS_STATFS &&
        t != FS_SYNC && t != FS_GETNODE && (r = super_mark(MFS_STATE_DIRTY)) != OK)
        return r;
    switch (t) {
    case FS_LOOKUP:   return do_lookup(m);
    case FS_CREATE:   return do_create(m, MFS_S_IFREG);
    case FS_MKDIR:    return do_create(m, MFS_S_IFDIR);
    case FS_UNLINK:   return do_remove(m, 0);
    case FS_RMDIR:    return do_remove(m, 1);
    case FS_LINK:     return do_link(m);
    case FS_RENAME:   return do_rename(m);
    case FS_READ:     return do_rw(m, 0);
    case FS_WRITE:    return do_rw(m, 1);
    case FS_TRUNC: case FS_STAT: case FS_GETDENTS: case FS_GETNODE: case FS_PUTNODE:
        return do_node(m);
    case FS_SYNC:     return do_sync(m);
    case FS_STATFS:   return do_statfs(m);
    default:          return EBADREQUEST;
    }
}
