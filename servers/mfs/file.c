/* file.c: reading and writing file data, block by block through the cache.
 *
 * The bytes move between a cache block and their destination by one
 * "mover": the caller's grant (safecopy; VFS hands us an indirect grant of
 * the user's buffer, so data goes straight from the user to the cache) or
 * MFS's own memory (directories).  A hole reads as zeros; writing into one
 * allocates the block.  A copy that fails part way (a bad user buffer)
 * ends the transfer: the bytes moved so far count, and with none, the
 * copy's error (EFAULT) is the answer.
 */
#include <string.h>
#include <safecopies.h>
#include "mfs.h"

static const uint8_t zeros[MFS_BLOCK];

struct mover {
    endpoint_t granter;      /* NONE: local memory at `local` */
    int32_t grant;
    uint32_t goff;
    uint8_t *local;
};

static int move(const struct mover *mv, int write, uint32_t done, uint8_t *blk, uint32_t n)
{
    if (mv->granter == NONE) {
        if (write)
            memcpy(blk, mv->local + done, n);
        else
            memcpy(mv->local + done, blk, n);
        return OK;
    }
    if (write)
        return sys_safecopyfrom(mv->granter, mv->grant, mv->goff + done, (vir_bytes)blk, n);
    return sys_safecopyto(mv->granter, mv->grant, mv->goff + done, (vir_bytes)blk, n);
}

/* One block's part of a read: hole -> zeros. */
static int read_chunk(struct inode *ip, const struct mover *mv, uint32_t pos, uint32_t done,
                      uint32_t n)
{
    int err = OK;
    uint32_t z = bmap(ip, pos / MFS_BLOCK, 0, &err);
    struct buf *b;

    if (!z)
        return err != OK ? err : move(mv, 0, done, (uint8_t *)zeros, n);
    if (!(b = get_block(z, 1, &err)))
        return err;
    err = move(mv, 0, done, b->data + pos % MFS_BLOCK, n);
    put_block(b, 0);
    return err;
}

static int write_chunk(struct inode *ip, const struct mover *mv, uint32_t pos, uint32_t done,
                       uint32_t n)
{
    int err = OK;
    uint32_t z = bmap(ip, pos / MFS_BLOCK, 1, &err);
    struct buf *b;

    if (!z)
        return err != OK ? err : ENOSPC;
    /* a whole-block write needs no read of the old contents */
    if (!(b = get_block(z, n != MFS_BLOCK, &err)))
        return err;
    err = move(mv, 1, done, b->data + pos % MFS_BLOCK, n);
    put_block(b, err == OK);
    return err;
}

static int rw(struct inode *ip, int write, uint32_t pos, uint32_t count, const struct mover *mv)
{
    uint32_t done = 0;
    int err = OK;

    if (!write)
        count = pos >= ip->d.size ? 0 : (count < ip->d.size - pos ? count : ip->d.size - pos);
    else if ((uint64_t)pos + count > (uint64_t)MFS_MAX_FILE_BLOCKS * MFS_BLOCK)
        return EFBIG;
    while (done < count) {
        uint32_t off = (pos + done) % MFS_BLOCK, n = MFS_BLOCK - off;
        if (n > count - done)
            n = count - done;
        err = write ? write_chunk(ip, mv, pos + done, done, n)
                    : read_chunk(ip, mv, pos + done, done, n);
        if (err != OK)
            break;
        done += n;
        if (write && pos + done > ip->d.size) {
            ip->d.size = pos + done;
            ip->dirty = 1;
        }
    }
    if (write && done) {
        ip->d.mtime = ip->d.ctime = now_time();
        ip->dirty = 1;
    }
    return done ? (int)done : err;
}

int file_read(struct inode *ip, uint32_t pos, uint32_t count, endpoint_t granter, int32_t grant,
              uint32_t goff)
{
    struct mover mv = { granter, grant, goff, NULL };
    return rw(ip, 0, pos, count, &mv);
}

int file_write(struct inode *ip, uint32_t pos, uint32_t count, endpoint_t granter,
               int32_t grant, uint32_t goff)
{
    struct mover mv = { granter, grant, goff, NULL };
    return rw(ip, 1, pos, count, &mv);
}

int file_rw_local(struct inode *ip, int write, uint32_t pos, void *buf, uint32_t len)
{
    struct mover mv = { NONE, 0, 0, buf };
    int r = rw(ip, write, pos, len, &mv);
    return r == (int)len ? OK : (r < 0 ? r : EIO);
}
