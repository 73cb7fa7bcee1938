/* mfs_format.h: the on-disk format of Lantern's MINIX-style file system.
 *
 * One header for everyone who reads or writes an image: the host tools
 * image/mkfs and image/fsck, and the file server servers/mfs.  Plain
 * fixed-width data, little-endian (i386 and x86-64 hosts alike).
 *
 * Layout (block = zone = MFS_BLOCK bytes; docs/files.md has the picture):
 *
 *   block 0                 boot block (unused, zero)
 *   block 1                 super block (struct mfs_super)
 *   2 .. 2+imap-1           inode bitmap: bit i = inode i in use (bit 0 is
 *                           always set: inode 0 means "no inode")
 *   .. +zmap                zone bitmap: bit b = block b in use (the blocks
 *                           of the boot block, super block, bitmaps and inode
 *                           table are always set)
 *   .. +itable              inode table: inode i (1-based) at byte
 *                           (i - 1) * MFS_INODE_SIZE of the table
 *   first_data ..           data zones: file data, directories, indirect
 *                           blocks
 *
 * An inode has MFS_NR_DIRECT direct zones, one single-indirect and one
 * double-indirect zone (a block of MFS_ZONES_PER_BLOCK zone numbers each).
 * A zone number of 0 is a hole: it reads as zeros and has no block.
 * A directory is a file of struct mfs_dirent; d_ino 0 marks a free slot.
 * Every directory holds "." and ".." first; the root (MFS_ROOT_INO) is its
 * own parent.
 *
 * A character-special inode (MFS_S_IFCHR: a terminal, issue 15) has no data:
 * size 0, zones 0..8 all 0, and its device number MFS_DEV(major, minor) in
 * zone[MFS_RDEV_SLOT] (slot 9, which no file uses: so MFS, which never reads
 * slot 9 as a block, treats a device inode as an empty file and can never
 * free or write a block through it).  image/mkfs makes /dev in every image
 * with the terminals listed in MFS_DEV_TABLE.
 *
 * Invariants fsck checks (image/fsck.c): every in-use inode is marked in the
 * inode bitmap and nothing else is; every block reachable from an inode is
 * marked in the zone bitmap, exactly once, and nothing else past
 * first_data is; an inode's link count equals the number of directory
 * entries that name it; every directory's "." names itself and ".." its
 * parent; every entry names an in-use inode.
 */
#ifndef LANTERN_MFS_FORMAT_H
#define LANTERN_MFS_FORMAT_H

#include <lantern/types.h>

#define MFS_MAGIC           0x53464d4cu   /* "LMFS" */
#define MFS_VERSION         1u
#define MFS_BLOCK           1024u
#define MFS_SUPER_BLOCK     1u            /* block number of the super block */
#define MFS_ROOT_INO        1u
#define MFS_NR_DIRECT       7u
#define MFS_IND             7u            /* zone[] index of the single indirect */
#define MFS_DIND            8u            /* zone[] index of the double indirect */
#define MFS_NR_ZONES        10u           /* zone[9]: 0, or a device's number */
#define MFS_RDEV_SLOT       9u            /* zone[] index of a device number */
#define MFS_ZONES_PER_BLOCK (MFS_BLOCK / 4u)
#define MFS_NAME_MAX        60u           /* a name fills d_name; NUL only if shorter */
#define MFS_INODE_SIZE      64u
#define MFS_INODES_PER_BLOCK (MFS_BLOCK / MFS_INODE_SIZE)
#define MFS_DIRENT_SIZE     64u
#define MFS_DIRENTS_PER_BLOCK (MFS_BLOCK / MFS_DIRENT_SIZE)
#define MFS_BITS_PER_BLOCK  (MFS_BLOCK * 8u)
/* Largest file: direct + indirect + double indirect zones. */
#define MFS_MAX_FILE_BLOCKS (MFS_NR_DIRECT + MFS_ZONES_PER_BLOCK + \
                             MFS_ZONES_PER_BLOCK * MFS_ZONES_PER_BLOCK)

/* Mode bits (the POSIX values). */
#define MFS_S_IFMT   0170000u
#define MFS_S_IFREG  0100000u
#define MFS_S_IFDIR  0040000u
#define MFS_ISDIR(m) (((m) & MFS_S_IFMT) == MFS_S_IFDIR)
#define MFS_S_IFCHR  0020000u
#define MFS_ISREG(m) (((m) & MFS_S_IFMT) == MFS_S_IFREG)
#define MFS_ISCHR(m) (((m) & MFS_S_IFMT) == MFS_S_IFCHR)

/* Device numbers: major (the driver, VFS's table) and minor (the unit). */
#define MFS_DEV(major, minor) (((uint32_t)(major) << 8) | ((minor) & 0xffu))
#define MFS_DEV_MAJOR(d)      (((d) >> 8) & 0xffffu)
#define MFS_DEV_MINOR(d)      ((d) & 0xffu)
#define MFS_MAJOR_TTY         4u          /* drivers/tty (label "tty") */

/* The device files image/mkfs puts in /dev: X(name, major, minor).  The
 * minors are drivers/tty's (docs/tty.md): 0 console, 1-4 the VGA virtual
 * consoles, 5 COM1. */
#define MFS_DEV_TABLE(X)                  \
    X("console", MFS_MAJOR_TTY, 0)        \
    X("tty1",    MFS_MAJOR_TTY, 1)        \
    X("tty2",    MFS_MAJOR_TTY, 2)        \
    X("tty3",    MFS_MAJOR_TTY, 3)        \
    X("tty4",    MFS_MAJOR_TTY, 4)        \
    X("ttyS0",   MFS_MAJOR_TTY, 5)

/* super block state */
#define MFS_STATE_CLEAN 1u    /* written at sync and unmount */
#define MFS_STATE_DIRTY 0u    /* set while mounted read-write with changes */

struct mfs_super {
    uint32_t magic;           /* MFS_MAGIC */
    uint32_t version;         /* MFS_VERSION */
    uint32_t block_size;      /* MFS_BLOCK */
    uint32_t nblocks;         /* blocks in the file system (device size) */
    uint32_t ninodes;         /* inodes, counting the unusable inode 0 */
    uint32_t imap_blocks;
    uint32_t zmap_blocks;
    uint32_t itable_blocks;
    uint32_t first_data;      /* first data block */
    uint32_t state;           /* MFS_STATE_* */
    uint32_t mtime;           /* seconds (mkfs) or ticks (MFS) of the last write */
    uint32_t reserved[5];
};
LANTERN_STATIC_ASSERT(sizeof(struct mfs_super) == 64, "super block is 64 bytes");

struct mfs_inode {
    uint16_t mode;            /* MFS_S_IF* | permission bits; 0 = free */
    uint16_t nlinks;
    uint16_t uid, gid;
    uint32_t size;            /* bytes */
    uint32_t atime, mtime, ctime;
    uint32_t zone[MFS_NR_ZONES];
};
LANTERN_STATIC_ASSERT(sizeof(struct mfs_inode) == MFS_INODE_SIZE, "inode is 64 bytes");

struct mfs_dirent {
    uint32_t d_ino;           /* 0 = free slot */
    char     d_name[MFS_NAME_MAX];
};
LANTERN_STATIC_ASSERT(sizeof(struct mfs_dirent) == MFS_DIRENT_SIZE, "dirent is 64 bytes");

/* The layout of a file system with `nblocks` blocks and `ninodes` inodes
 * (inode 0 included): fills imap/zmap/itable/first_data.  Returns 0, or -1
 * when the metadata would not leave a data block. */
static inline int mfs_layout(struct mfs_super *sb, uint32_t nblocks, uint32_t ninodes)
{
    sb->magic = MFS_MAGIC;
    sb->version = MFS_VERSION;
    sb->block_size = MFS_BLOCK;
    sb->nblocks = nblocks;
    sb->ninodes = ninodes;
    sb->imap_blocks = (ninodes + MFS_BITS_PER_BLOCK - 1) / MFS_BITS_PER_BLOCK;
    sb->zmap_blocks = (nblocks + MFS_BITS_PER_BLOCK - 1) / MFS_BITS_PER_BLOCK;
    sb->itable_blocks = (ninodes - 1 + MFS_INODES_PER_BLOCK - 1) / MFS_INODES_PER_BLOCK;
    sb->first_data = 2 + sb->imap_blocks + sb->zmap_blocks + sb->itable_blocks;
    return ninodes < 2 || sb->first_data >= nblocks ? -1 : 0;
}

/* Is this super block one we can mount?  NULL if so, else why not: the
 * message MFS prints when it refuses an image and fsck reports. */
static inline const char *mfs_super_problem(const struct mfs_super *sb, uint32_t dev_blocks)
{
    struct mfs_super want;

    if (sb->magic != MFS_MAGIC)
        return "bad magic number (not a Lantern MFS image)";
    if (sb->version != MFS_VERSION || sb->block_size != MFS_BLOCK)
        return "unsupported version or block size";
    if (sb->nblocks > dev_blocks || sb->nblocks < 8)
        return "block count does not fit the device";
    if (mfs_layout(&want, sb->nblocks, sb->ninodes) != 0 ||
        want.imap_blocks != sb->imap_blocks || want.zmap_blocks != sb->zmap_blocks ||
        want.itable_blocks != sb->itable_blocks || want.first_data != sb->first_data)
        return "bitmap or inode-table sizes do not match the counts";
    return 0;
}

#endif
