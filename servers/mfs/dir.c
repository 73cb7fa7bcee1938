/* dir.c: directories, files of struct mfs_dirent (lantern/mfs_format.h).
 *
 * Names are compared over MFS_NAME_MAX bytes: a name of exactly 60 bytes
 * fills d_name with no NUL.  A removed entry gets d_ino 0 and its slot is
 * reused by the next dir_add; the directory never shrinks (as in MINIX).
 * VFS checks names (length, "/" inside) before they get here.
 */
#include <string.h>
#include <safecopies.h>
#include "mfs.h"

static int name_eq(const struct mfs_dirent *e, const char *name)
{
    size_t len = strlen(name);
    return len <= MFS_NAME_MAX && !memcmp(e->d_name, name, len) &&
           (len == MFS_NAME_MAX || e->d_name[len] == 0);
}

/* Call fn on each slot of dp until it returns non-zero (its result);
 * 0 when it never does. */
static int each_slot(struct inode *dp, int (*fn)(struct mfs_dirent *, uint32_t, void *, int *),
                     void *arg, int *err)
{
    uint32_t n = dp->d.size / MFS_DIRENT_SIZE;

    for (uint32_t s = 0; s < n; s += MFS_DIRENTS_PER_BLOCK) {
        uint32_t z = bmap(dp, s / MFS_DIRENTS_PER_BLOCK, 0, err);
        struct buf *b;
        int r = 0, dirty = 0;
        if (!z)
            continue;
        if (!(b = get_block(z, 1, err)))
            return -1;
        for (uint32_t i = 0; i < MFS_DIRENTS_PER_BLOCK && s + i < n && !r; i++) {
            dirty = 0;
            r = fn((struct mfs_dirent *)b->data + i, s + i, arg, &dirty);
        }
        put_block(b, dirty);
        if (r)
            return r;
    }
    return 0;
}

struct find { const char *name; uint32_t ino; uint32_t set_to; int mode; };
enum { FIND, SET, REMOVE, EMPTY, FREE_SLOT };

static int visit(struct mfs_dirent *e, uint32_t slot, void *arg, int *dirty)
{
    struct find *f = arg;

    if (f->mode == FREE_SLOT) {
        f->ino = slot;
        return !e->d_ino;
    }
    if (!e->d_ino)
        return 0;
    if (f->mode == EMPTY)
        return slot >= 2;
    if (!name_eq(e, f->name))
        return 0;
    f->ino = e->d_ino;
    if (f->mode == SET)
        e->d_ino = f->set_to, *dirty = 1;
    if (f->mode == REMOVE)
        e->d_ino = 0, *dirty = 1;
    return 1;
}

static int walk(struct inode *dp, struct find *f)
{
    int err = OK, r;

    if (!MFS_ISDIR(dp->d.mode))
        return ENOTDIR;
    r = each_slot(dp, visit, f, &err);
    return r < 0 ? err : (r ? OK : ENOENT);
}

int dir_lookup(struct inode *dp, const char *name, uint32_t *ino)
{
    struct find f = { name, 0, 0, FIND };
    int r = walk(dp, &f);
    *ino = f.ino;
    return r;
}

int dir_set(struct inode *dp, const char *name, uint32_t ino)
{
    struct find f = { name, 0, ino, SET };
    return walk(dp, &f);
}

int dir_remove(struct inode *dp, const char *name)
{
    struct find f = { name, 0, 0, REMOVE };
    int r = walk(dp, &f);
    if (r == OK) {
        dp->d.mtime = dp->d.ctime = now_time();
        dp->dirty = 1;
    }
    return r;
}

int dir_is_empty(struct inode *dp)
{
    struct find f = { NULL, 0, 0, EMPTY };
    return walk(dp, &f) == ENOENT;
}

int dir_add(struct inode *dp, const char *name, uint32_t ino)
{
    struct find f = { NULL, 0, 0, FREE_SLOT };
    struct mfs_dirent e;
    size_t len = strlen(name);
    int r = walk(dp, &f);
    uint32_t slot = r == OK ? f.ino : dp->d.size / MFS_DIRENT_SIZE;

    if (r != OK && r != ENOENT)
        return r;
    memset(&e, 0, sizeof(e));
    e.d_ino = ino;
    memcpy(e.d_name, name, len);
    r = file_rw_local(dp, 1, slot * MFS_DIRENT_SIZE, &e, sizeof(e));
    if (r == OK) {
        dp->d.mtime = dp->d.ctime = now_time();
        dp->dirty = 1;
    }
    return r;
}

/* Entries from slot *pos on, as struct vfs_dirent-sized records (d_ino,
 * then the NUL-terminated name in 64 bytes), into the grant; free slots
 * are skipped.  Returns the bytes written; *pos moves past the last slot
 * read. */
struct dents { endpoint_t who; int32_t grant; uint32_t count, done, from; int err; };

static int emit(struct mfs_dirent *e, uint32_t slot, void *arg, int *dirty)
{
    struct dents *d = arg;
    uint8_t rec[4 + MFS_NAME_MAX + 4];

    (void)dirty;
    if (slot < d->from || !e->d_ino)
        return 0;
    if (d->done + sizeof(rec) > d->count)
        return 1;
    memset(rec, 0, sizeof(rec));
    memcpy(rec, &e->d_ino, 4);
    memcpy(rec + 4, e->d_name, MFS_NAME_MAX);
    if ((d->err = sys_safecopyto(d->who, d->grant, d->done, (vir_bytes)rec, sizeof(rec))) != OK)
        return 1;
    d->done += sizeof(rec);
    d->from = slot + 1;
    return 0;
}

int dir_getdents(struct inode *dp, uint32_t *pos, endpoint_t who, int32_t grant, uint32_t count)
{
    struct dents d = { who, grant, count, 0, *pos, OK };
    int err = OK;

    if (!MFS_ISDIR(dp->d.mode))
        return ENOTDIR;
    if (each_slot(dp, emit, &d, &err) < 0)
        return err;
    if (d.err != OK && !d.done)
        return d.err;
    if (!d.done && count < 4 + MFS_NAME_MAX + 4 && *pos < dp->d.size / MFS_DIRENT_SIZE)
        return EINVAL;
    *pos = d.done ? d.from : dp->d.size / MFS_DIRENT_SIZE;
    return (int)d.done;
}
