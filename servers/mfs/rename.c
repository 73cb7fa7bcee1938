/* rename.c: FS_RENAME, the one request that touches two directories.
 *
 * rename(old, new): the entry `new` in dir2 comes to name old's inode, and
 * `old` goes.  If `new` exists it is replaced: a file by a file, an empty
 * directory by a directory (else EISDIR / ENOTDIR / ENOTEMPTY).  A directory
 * moved to another parent gets its ".." changed and the link counts of the
 * two parents follow.  A directory cannot move into its own subtree
 * (EINVAL): we walk up from dir2 by ".." to the root looking for it.
 */
#include <string.h>
#include "mfs.h"

#define RQ(m) ((struct fs_req *)&(m)->m_u)

/* Is directory `anc` dir or one of dir's ancestors? */
static int is_ancestor(uint32_t anc, uint32_t dir)
{
    for (int depth = 0; depth < 256; depth++) {
        int err;
        uint32_t up;
        struct inode *ip;
        if (dir == anc)
            return 1;
        if (dir == MFS_ROOT_INO || !(ip = get_inode(dir, &err)))
            return 0;
        err = dir_lookup(ip, "..", &up);
        put_inode(ip);
        if (err != OK)
            return 0;
        dir = up;
    }
    return 1;   /* a loop: refuse */
}

/* The existing target `ino2` may be replaced by `ip`? Then unlink it. */
static int replace(struct inode *d2, const char *name, struct inode *ip, uint32_t ino2)
{
    int err;
    struct inode *tp = get_inode(ino2, &err);

    if (!tp)
        return err;
    if (MFS_ISDIR(ip->d.mode) && !MFS_ISDIR(tp->d.mode))
        err = ENOTDIR;
    else if (!MFS_ISDIR(ip->d.mode) && MFS_ISDIR(tp->d.mode))
        err = EISDIR;
    else if (MFS_ISDIR(tp->d.mode) && !dir_is_empty(tp))
        err = ENOTEMPTY;
    else if ((err = dir_set(d2, name, ip->ino)) == OK) {
        tp->d.nlinks = MFS_ISDIR(tp->d.mode) ? 0 : tp->d.nlinks - 1;
        if (MFS_ISDIR(tp->d.mode))
            d2->d.nlinks--;
        tp->dirty = d2->dirty = 1;
    }
    put_inode(tp);
    return err;
}

/* Move `name` (inode ip) from d1 to d2 as name2. */
static int move(struct inode *d1, const char *name, struct inode *d2, const char *name2,
                struct inode *ip)
{
    uint32_t ino2;
    int err = dir_lookup(d2, name2, &ino2);

    if (err == OK && ino2 == ip->ino)
        return OK;                              /* two names of one file */
    if (MFS_ISDIR(ip->d.mode) && d1 != d2 && is_ancestor(ip->ino, d2->ino))
        return EINVAL;
    if (err == OK)
        err = replace(d2, name2, ip, ino2);
    else if (err == ENOENT)
        err = dir_add(d2, name2, ip->ino);
    if (err != OK || (err = dir_remove(d1, name)) != OK)
        return err;
    if (MFS_ISDIR(ip->d.mode) && d1 != d2) {
        dir_set(ip, "..", d2->ino);
        d1->d.nlinks--;
        d2->d.nlinks++;
        d1->dirty = d2->dirty = 1;
    }
    ip->d.ctime = now_time();
    ip->dirty = 1;
    return OK;
}

int do_rename(message *m)
{
    char name[MFS_NAME_MAX + 1], name2[MFS_NAME_MAX + 1];
    struct inode *d1, *d2 = NULL, *ip = NULL;
    uint32_t ino;
    int err;

    if (!(d1 = dir_and_name(RQ(m)->ino, RQ(m)->grant, RQ(m)->len, name, &err)))
        return err;
    if (!(d2 = dir_and_name(RQ(m)->ino2, RQ(m)->grant2, RQ(m)->len2, name2, &err)))
        goto out;
    if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name2, ".") ||
        !strcmp(name2, ".."))
        err = EINVAL;
    else if ((err = dir_lookup(d1, name, &ino)) == OK && (ip = get_inode(ino, &err)))
        err = move(d1, name, d2, name2, ip);
out:
    put_inode(ip);
    put_inode(d2);
    put_inode(d1);
    return err;
}
