/* mkfs.h: build a Lantern MFS image in memory (image/mkfs/mkfs.c). */
#ifndef MKFS_MKFS_H
#define MKFS_MKFS_H

#include "../mfsimg/img.h"

/* An empty file system of nblocks blocks and ninodes inodes (inode 0
 * included) with its root directory and /dev (MFS_DEV_TABLE's device
 * files); 0, or -1 (message on stderr). */
int mkfs_create(struct img *im, uint32_t nblocks, uint32_t ninodes);
/* Copy the host directory `path` (regular files and directories, recursively)
 * into directory inode `dir`; 0, or -1 with a message on stderr. */
int mkfs_add_tree(struct img *im, uint32_t dir, const char *path);
/* New empty directory `name` in `parent` (with "." and ".."); its inode or 0. */
uint32_t mkfs_mkdir(struct img *im, uint32_t parent, const char *name);
/* New regular file `name` in `dir` with len bytes of data; its inode or 0. */
uint32_t mkfs_file(struct img *im, uint32_t dir, const char *name, const void *data, uint32_t len);
/* New character-special file `name` in `dir` with device number dev
 * (MFS_DEV(major, minor)); its inode or 0. */
uint32_t mkfs_mknod(struct img *im, uint32_t dir, const char *name, uint32_t dev);

#endif
