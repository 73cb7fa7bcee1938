/* img.c: bitmaps, inodes, block maps and directories of an MFS image in
 * host memory (img.h).  Used by mkfs to build images; fsck only reads
 * through img_bit/img_inode and walks the maps itself, so a corrupt image
 * cannot make it allocate or write. */
#include <string.h>
#include "img.h"

int img_bit(const struct img *im, uint32_t map_start, uint32_t bit)
{
    const uint8_t *b = img_block(im, map_start + bit / MFS_BITS_PER_BLOCK);
    uint32_t off = bit % MFS_BITS_PER_BLOCK;
    return (b[off / 8] >> (off % 8)) & 1;
}

void img_setbit(struct img *im, uint32_t map_start, uint32_t bit, int on)
{
    uint8_t *b = img_block(im, map_start + bit / MFS_BITS_PER_BLOCK);
    uint32_t off = bit % MFS_BITS_PER_BLOCK;
    if (on)
        b[off / 8] |= (uint8_t)(1u << (off % 8));
    else
        b[off / 8] &= (uint8_t)~(1u << (off % 8));
}

struct mfs_inode *img_inode(const struct img *im, uint32_t ino)
{
    const struct mfs_super *sb = img_super(im);
    uint32_t itable = 2 + sb->imap_blocks + sb->zmap_blocks;

    if (ino == 0 || ino >= sb->ninodes)
        return NULL;
    return (struct mfs_inode *)(img_block(im, itable) + (size_t)(ino - 1) * MFS_INODE_SIZE);
}

uint32_t img_alloc_inode(struct img *im)
{
    for (uint32_t i = 1; i < img_super(im)->ninodes; i++)
        if (!img_bit(im, img_imap(im), i)) {
            img_setbit(im, img_imap(im), i, 1);
            return i;
        }
    return 0;
}

uint32_t img_alloc_block(struct img *im)
{
    for (uint32_t b = img_super(im)->first_data; b < img_super(im)->nblocks; b++)
        if (!img_bit(im, img_zmap(im), b)) {
            img_setbit(im, img_zmap(im), b, 1);
            memset(img_block(im, b), 0, MFS_BLOCK);
            return b;
        }
    return 0;
}

/* Entry `idx` of the zone block *slot, allocating the block and/or the
 * entry as asked.  Returns the entry's value (0 = missing). */
static uint32_t slot_get(struct img *im, uint32_t *slot, uint32_t idx, int alloc, int final)
{
    uint32_t *tab;

    if (!*slot && (!alloc || !(*slot = img_alloc_block(im))))
        return 0;
    if (final)
        return *slot;
    tab = (uint32_t *)img_block(im, *slot);
    if (!tab[idx] && alloc)
        tab[idx] = img_alloc_block(im);
    return tab[idx];
}

uint32_t img_bmap(struct img *im, uint32_t ino, uint32_t fb, int alloc)
{
    struct mfs_inode *ip = img_inode(im, ino);
    uint32_t z;

    if (fb < MFS_NR_DIRECT)
        return slot_get(im, &ip->zone[fb], 0, alloc, 1);
    fb -= MFS_NR_DIRECT;
    if (fb < MFS_ZONES_PER_BLOCK)
        return slot_get(im, &ip->zone[MFS_IND], fb, alloc, 0);
    fb -= MFS_ZONES_PER_BLOCK;
    if (fb >= MFS_ZONES_PER_BLOCK * MFS_ZONES_PER_BLOCK)
        return 0;
    z = slot_get(im, &ip->zone[MFS_DIND], fb / MFS_ZONES_PER_BLOCK, alloc, 0);
    if (!z)
        return 0;
    return slot_get(im, &z, fb % MFS_ZONES_PER_BLOCK, alloc, 0);
}

int img_write(struct img *im, uint32_t ino, uint32_t pos, const void *buf, uint32_t len)
{
    const uint8_t *src = buf;

    while (len > 0) {
        uint32_t off = pos % MFS_BLOCK, n = MFS_BLOCK - off;
        uint32_t b = img_bmap(im, ino, pos / MFS_BLOCK, 1);
        if (n > len)
            n = len;
        if (!b)
            return -1;
        memcpy(img_block(im, b) + off, src, n);
        src += n, pos += n, len -= n;
        if (pos > img_inode(im, ino)->size)
            img_inode(im, ino)->size = pos;
    }
    return 0;
}

int img_dir_add(struct img *im, uint32_t dir, const char *name, uint32_t ino)
{
    struct mfs_dirent e;
    struct mfs_inode *dp = img_inode(im, dir);
    size_t len = strlen(name);

    if (len == 0 || len > MFS_NAME_MAX)
        return -1;
    memset(&e, 0, sizeof(e));
    e.d_ino = ino;
    memcpy(e.d_name, name, len);
    if (img_write(im, dir, dp->size, &e, sizeof(e)) != 0)
        return -1;
    img_inode(im, ino)->nlinks++;
    return 0;
}
