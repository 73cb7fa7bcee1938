/* super.c: mounting the image, and the inode and zone bitmaps.
 *
 * fs_mount reads the super block through the cache and accepts it only if
 * mfs_super_problem (the same check fsck makes) finds nothing; otherwise
 * MFS prints why and answers every request EIO: a corrupt image is refused,
 * never trusted.  The super block's state is set DIRTY on the first change
 * after a mount or sync and CLEAN again by FS_SYNC.
 *
 * Allocation scans the bitmap from a hint (the last bit allocated), so a
 * stream of writes does not rescan the start of the map each time.
 */
#include <stdio.h>
#include <string.h>
#include "mfs.h"

struct mfs_super sb;
int mounted;
static uint32_t hint[2];

uint32_t now_time(void)
{
    return sys_uptime() / 100;   /* seconds since boot: there is no clock yet */
}

int super_mark(uint32_t state)
{
    struct buf *b;
    int err = OK;

    if (sb.state == state)
        return OK;
    if (!(b = get_block(MFS_SUPER_BLOCK, 1, &err)))
        return err;
    sb.state = state;
    sb.mtime = now_time();
    memcpy(b->data, &sb, sizeof(sb));
    put_block(b, 1);
    return OK;
}

int fs_mount(void)
{
    uint32_t dev_blocks = 0;
    struct buf *b;
    const char *why;
    int err = drv_open(&dev_blocks);

    if (err != OK) {
        printf("mfs: cannot open the device: %d\n", err);
        return err;
    }
    if (!(b = get_block(MFS_SUPER_BLOCK, 1, &err)))
        return err;
    memcpy(&sb, b->data, sizeof(sb));
    put_block(b, 0);
    if ((why = mfs_super_problem(&sb, dev_blocks)) != NULL) {
        printf("mfs: refusing to mount the image: %s\n", why);
        return EIO;
    }
    hint[0] = 1;
    hint[1] = sb.first_data;
    mounted = 1;
    return OK;
}

static uint32_t map_start(int zmap)
{
    return 2 + (zmap ? sb.imap_blocks : 0);
}

static uint32_t map_bits(int zmap)
{
    return zmap ? sb.nblocks : sb.ninodes;
}

/* Bit n of a map: its block, held, and the byte and mask within. */
static struct buf *bit_at(int zmap, uint32_t n, uint8_t **byte, uint8_t *mask, int *err)
{
    struct buf *b = get_block(map_start(zmap) + n / MFS_BITS_PER_BLOCK, 1, err);
    uint32_t off = n % MFS_BITS_PER_BLOCK;

    if (b) {
        *byte = &b->data[off / 8];
        *mask = (uint8_t)(1u << (off % 8));
    }
    return b;
}

uint32_t alloc_bit(int zmap, int *err)
{
    uint32_t total = map_bits(zmap), lo = zmap ? sb.first_data : 1;

    for (uint32_t i = 0; i < total; i++) {
        uint32_t n = hint[zmap] + i;
        uint8_t *byte, mask;
        struct buf *b;
        if (n >= total)
            n = lo + (n - total) % (total - lo);
        if (!(b = bit_at(zmap, n, &byte, &mask, err)))
            return 0;
        if (!(*byte & mask)) {
            *byte |= mask;
            put_block(b, 1);
            hint[zmap] = n;
            return n;
        }
        put_block(b, 0);
    }
    *err = ENOSPC;
    return 0;
}

int free_bit(int zmap, uint32_t n)
{
    uint8_t *byte, mask;
    int err = OK;
    struct buf *b;

    if (n >= map_bits(zmap) || n < (zmap ? sb.first_data : 1))
        return EINVAL;
    if (!(b = bit_at(zmap, n, &byte, &mask, &err)))
        return err;
    *byte &= (uint8_t)~mask;
    put_block(b, 1);
    return OK;
}

uint32_t count_free(int zmap)
{
    uint32_t n = 0;
    for (uint32_t i = zmap ? sb.first_data : 1; i < map_bits(zmap); i++) {
        uint8_t *byte, mask;
        int err;
        struct buf *b = bit_at(zmap, i, &byte, &mask, &err);
        if (!b)
            break;
        n += !(*byte & mask);
        put_block(b, 0);
    }
    return n;
}
