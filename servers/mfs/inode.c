/* inode.c: MFS's inode table and the block map of a file.
 *
 * An inode in use by a request (refs) or held by VFS (vfs_refs, an open
 * file or a working directory) has a slot in `inodes`; other slots are a
 * cache and are reused.  Changes are written back to the inode's block in
 * the block cache when the last user puts the inode (inode_write), so the
 * cache, not this table, is what FS_SYNC flushes.
 *
 * Lifetime: an inode whose link count reaches 0 is freed (its blocks, then
 * its bitmap bit) when nobody holds it any more: a file unlinked while
 * open lives until VFS's last FS_PUTNODE, as POSIX wants.
 */
#include <string.h>
#include "mfs.h"

#define NR_INODES 64

static struct inode inodes[NR_INODES];

static uint32_t itable_block(uint32_t ino)
{
    return 2 + sb.imap_blocks + sb.zmap_blocks + (ino - 1) / MFS_INODES_PER_BLOCK;
}

static int inode_io(struct inode *ip, int write)
{
    int err = OK;
    struct buf *b = get_block(itable_block(ip->ino), 1, &err);
    struct mfs_inode *d;

    if (!b)
        return err;
    d = (struct mfs_inode *)b->data + (ip->ino - 1) % MFS_INODES_PER_BLOCK;
    if (write)
        memcpy(d, &ip->d, sizeof(*d));
    else
        memcpy(&ip->d, d, sizeof(*d));
    put_block(b, write);
    if (write)
        ip->dirty = 0;
    return OK;
}

int inode_write(struct inode *ip)
{
    return inode_io(ip, 1);
}

struct inode *get_inode(uint32_t ino, int *err)
{
    struct inode *free_slot = NULL;

    if (ino == 0 || ino >= sb.ninodes) {
        *err = EINVAL;
        return NULL;
    }
    for (int i = 0; i < NR_INODES; i++) {
        struct inode *ip = &inodes[i];
        if (ip->ino == ino) {
            ip->refs++;
            return ip;
        }
        if (!ip->refs && !ip->vfs_refs && (!free_slot || !ip->ino))
            free_slot = ip;
    }
    if (!free_slot) {
        *err = ENFILE;
        return NULL;
    }
    free_slot->ino = ino;
    if ((*err = inode_io(free_slot, 0)) != OK) {
        free_slot->ino = 0;
        return NULL;
    }
    free_slot->refs = 1;
    free_slot->dirty = 0;
    return free_slot;
}

/* Last user gone and no links: give back the blocks and the inode. */
static void release(struct inode *ip)
{
    truncate_inode(ip, 0);
    memset(&ip->d, 0, sizeof(ip->d));
    inode_write(ip);
    free_bit(0, ip->ino);
    ip->ino = 0;
}

void put_inode(struct inode *ip)
{
    if (!ip)
        return;
    if (--ip->refs == 0 && !ip->vfs_refs && ip->d.nlinks == 0 && ip->d.mode) {
        release(ip);
        return;
    }
    if (ip->dirty)
        inode_write(ip);
}

struct inode *new_inode(uint16_t mode, int *err)
{
    uint32_t ino = alloc_bit(0, err);
    struct inode *ip;

    if (!ino)
        return NULL;
    if (!(ip = get_inode(ino, err))) {
        free_bit(0, ino);
        return NULL;
    }
    memset(&ip->d, 0, sizeof(ip->d));
    ip->d.mode = mode;
    ip->d.atime = ip->d.mtime = ip->d.ctime = now_time();
    ip->dirty = 1;
    return ip;
}

uint32_t inodes_in_use(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NR_INODES; i++)
        n += inodes[i].ino && (inodes[i].refs || inodes[i].vfs_refs);
    return n;
}

/* Entry idx of the zone block `*zp`, creating the block and the entry when
 * `alloc`.  The new blocks are zero (get_block without read). */
static uint32_t zone_entry(uint32_t *zp, int *zp_dirty, uint32_t idx, int alloc, int *err)
{
    struct buf *b;
    uint32_t *tab, z;

    if (!*zp) {
        if (!alloc || !(*zp = alloc_bit(1, err)))
            return 0;
        *zp_dirty = 1;
        if (!(b = get_zero_block(*zp, err)))
            return 0;
        put_block(b, 1);
    }
    if (!(b = get_block(*zp, 1, err)))
        return 0;
    tab = (uint32_t *)b->data;
    if (!tab[idx] && alloc && (tab[idx] = alloc_bit(1, err)) != 0) {
        struct buf *nb = get_zero_block(tab[idx], err);
        put_block(nb, 1);
        put_block(b, 1);
        return tab[idx];
    }
    z = tab[idx];
    put_block(b, 0);
    return z;
}

uint32_t bmap(struct inode *ip, uint32_t fb, int alloc, int *err)
{
    uint32_t *z = ip->d.zone, mid;
    int dummy = 0;

    if (fb < MFS_NR_DIRECT) {
        if (!z[fb] && alloc && (z[fb] = alloc_bit(1, err)) != 0) {
            struct buf *nb = get_zero_block(z[fb], err);
            put_block(nb, 1);
            ip->dirty = 1;
        }
        return z[fb];
    }
    fb -= MFS_NR_DIRECT;
    if (fb < MFS_ZONES_PER_BLOCK)
        return zone_entry(&z[MFS_IND], &ip->dirty, fb, alloc, err);
    fb -= MFS_ZONES_PER_BLOCK;
    if (fb >= MFS_ZONES_PER_BLOCK * MFS_ZONES_PER_BLOCK) {
        *err = EFBIG;
        return 0;
    }
    mid = zone_entry(&z[MFS_DIND], &ip->dirty, fb / MFS_ZONES_PER_BLOCK, alloc, err);
    return mid ? zone_entry(&mid, &dummy, fb % MFS_ZONES_PER_BLOCK, alloc, err) : 0;
}

/* Free the entries of zone block z from `from` on. */
static void free_range(uint32_t z, uint32_t from)
{
    int err = OK;
    struct buf *b = get_block(z, 1, &err);
    uint32_t *tab;

    if (!b)
        return;
    tab = (uint32_t *)b->data;
    for (uint32_t i = from; i < MFS_ZONES_PER_BLOCK; i++)
        if (tab[i]) {
            free_bit(1, tab[i]);
            tab[i] = 0;
        }
    put_block(b, 1);
}

/* The double-indirect tree: keep the first `keep` data blocks it maps. */
static void free_double(uint32_t z, uint32_t keep)
{
    int err = OK;
    struct buf *b = get_block(z, 1, &err);
    uint32_t *tab;

    if (!b)
        return;
    tab = (uint32_t *)b->data;
    for (uint32_t i = 0; i < MFS_ZONES_PER_BLOCK; i++) {
        uint32_t base = i * MFS_ZONES_PER_BLOCK;
        if (!tab[i] || base + MFS_ZONES_PER_BLOCK <= keep)
            continue;
        free_range(tab[i], keep > base ? keep - base : 0);
        if (keep <= base) {
            free_bit(1, tab[i]);
            tab[i] = 0;
        }
    }
    put_block(b, 1);
}

/* Zero the bytes of the last kept block past the new end, so that growing
 * the file again reads zeros there. */
static void zero_tail(struct inode *ip, uint32_t size)
{
    int err = OK;
    uint32_t z = size % MFS_BLOCK ? bmap(ip, size / MFS_BLOCK, 0, &err) : 0;
    struct buf *b = z ? get_block(z, 1, &err) : NULL;

    if (b) {
        memset(b->data + size % MFS_BLOCK, 0, MFS_BLOCK - size % MFS_BLOCK);
        put_block(b, 1);
    }
}

int truncate_inode(struct inode *ip, uint32_t size)
{
    uint32_t keep = (size + MFS_BLOCK - 1) / MFS_BLOCK, *z = ip->d.zone;
    uint32_t k1 = keep > MFS_NR_DIRECT ? keep - MFS_NR_DIRECT : 0;
    uint32_t k2 = k1 > MFS_ZONES_PER_BLOCK ? k1 - MFS_ZONES_PER_BLOCK : 0;

    if ((uint64_t)keep > MFS_MAX_FILE_BLOCKS)
        return EFBIG;
    if (size < ip->d.size) {
        zero_tail(ip, size);
        for (uint32_t fb = keep; fb < MFS_NR_DIRECT; fb++)
            if (z[fb]) {
                free_bit(1, z[fb]);
                z[fb] = 0;
            }
        if (z[MFS_IND])
            free_range(z[MFS_IND], k1);
        if (z[MFS_IND] && !k1) {
            free_bit(1, z[MFS_IND]);
            z[MFS_IND] = 0;
        }
        if (z[MFS_DIND])
            free_double(z[MFS_DIND], k2);
        if (z[MFS_DIND] && !k2) {
            free_bit(1, z[MFS_DIND]);
            z[MFS_DIND] = 0;
        }
    }
    ip->d.size = size;
    ip->d.mtime = ip->d.ctime = now_time();
    ip->dirty = 1;
    return OK;
}
