/* img.h: a Lantern MFS image held in host memory, for image/mkfs and
 * image/fsck (and their cmocka tests in tests/host/mfs).
 *
 * The whole image is one malloc'd array; blocks are addressed by number.
 * The format itself is lantern/mfs_format.h, the same header MFS uses, so
 * the host tools and the server cannot disagree about it. */
#ifndef MFSIMG_IMG_H
#define MFSIMG_IMG_H

#include <stdint.h>
#include <stddef.h>
#include <lantern/mfs_format.h>

struct img {
    uint8_t *data;            /* nblocks * MFS_BLOCK bytes */
    uint32_t nblocks;
};

static inline uint8_t *img_block(const struct img *im, uint32_t b)
{
    return im->data + (size_t)b * MFS_BLOCK;
}
static inline struct mfs_super *img_super(const struct img *im)
{
    return (struct mfs_super *)img_block(im, MFS_SUPER_BLOCK);
}

int img_bit(const struct img *im, uint32_t map_start, uint32_t bit);
void img_setbit(struct img *im, uint32_t map_start, uint32_t bit, int on);
static inline uint32_t img_imap(const struct img *im) { (void)im; return 2; }
static inline uint32_t img_zmap(const struct img *im) { return 2 + img_super(im)->imap_blocks; }
/* Inode i (1-based); NULL when i is out of range. */
struct mfs_inode *img_inode(const struct img *im, uint32_t ino);

/* Allocation (mkfs): 0 when the map is full. */
uint32_t img_alloc_inode(struct img *im);
uint32_t img_alloc_block(struct img *im);
/* The block that holds byte block `fb` of inode `ino`; with alloc, allocates
 * it (and indirect blocks) if missing.  0 = hole (or full disk). */
uint32_t img_bmap(struct img *im, uint32_t ino, uint32_t fb, int alloc);
/* Write `len` bytes at `pos` into inode ino (allocating); -1 on a full disk. */
int img_write(struct img *im, uint32_t ino, uint32_t pos, const void *buf, uint32_t len);
/* Add entry name -> ino to directory dir; -1 when full or name too long. */
int img_dir_add(struct img *im, uint32_t dir, const char *name, uint32_t ino);

#endif
