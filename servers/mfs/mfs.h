/* mfs.h: the MINIX-style file server's internal interfaces.
 *
 * MFS serves one file system (lantern/mfs_format.h) on one block device,
 * for VFS only (lantern/fsproto.h).  It is single-threaded: one request at a
 * time, start to finish, so no locks; a block or inode pointer stays valid
 * until the request that got it puts it back (reference counts keep the
 * cache from reusing it meanwhile).
 *
 * The parts: driver.c (block I/O to the driver, with retry when the driver
 * is restarted), cache.c (the block cache), super.c (mount, bitmaps),
 * inode.c (the inode table and block maps), file.c (data), dir.c
 * (directories), ops.c (the requests), main.c (the loop).
 */
#ifndef MFS_MFS_H
#define MFS_MFS_H

#include <sys.h>
#include <lantern/mfs_format.h>
#include <lantern/fsproto.h>

/* driver.c */
int drv_init(const char *label, int minor);
int drv_open(uint32_t *dev_blocks);
int drv_transfer(int write, uint32_t block, void *buf, uint32_t nblocks);
extern uint32_t drv_retries;

/* cache.c */
struct buf {
    uint32_t blk;
    uint16_t refs;
    uint8_t  valid, dirty;
    struct buf *hnext;            /* hash chain */
    struct buf *prev, *next;      /* LRU list: head = least recently used */
    uint8_t  *data;               /* MFS_BLOCK bytes */
};
void cache_init(void);
/* The block `blk`; with `read`, its contents from the device (else the
 * caller overwrites it whole).  NULL on an I/O error (err set). */
struct buf *get_block(uint32_t blk, int read, int *err);
/* A block just allocated: all zeros (whatever the cache held for it). */
struct buf *get_zero_block(uint32_t blk, int *err);
void put_block(struct buf *b, int dirty);
int cache_sync(void);                   /* write every dirty block */
int cache_flush_clean(void);            /* sync, then forget every unused block */
extern uint32_t cache_hits, cache_misses;

/* super.c */
extern struct mfs_super sb;
extern int mounted;                     /* 1 when the image was accepted */
int fs_mount(void);
uint32_t alloc_bit(int zmap, int *err);  /* 0 = full: err ENOSPC */
int free_bit(int zmap, uint32_t n);
uint32_t count_free(int zmap);
uint32_t now_time(void);
int super_mark(uint32_t state);

/* inode.c */
struct inode {
    uint32_t ino;
    uint32_t refs;                /* in-memory users (this request) */
    uint32_t vfs_refs;            /* VFS's FS_GETNODE references */
    int      dirty;
    struct mfs_inode d;           /* the on-disk copy */
};
struct inode *get_inode(uint32_t ino, int *err);
void put_inode(struct inode *ip);
struct inode *new_inode(uint16_t mode, int *err);
int inode_write(struct inode *ip);
/* The block holding file block fb; alloc: create it.  0 = hole. */
uint32_t bmap(struct inode *ip, uint32_t fb, int alloc, int *err);
int truncate_inode(struct inode *ip, uint32_t size);
uint32_t inodes_in_use(void);

/* file.c: data through the caller's grant */
int file_read(struct inode *ip, uint32_t pos, uint32_t count, endpoint_t granter,
              int32_t grant, uint32_t goff);
int file_write(struct inode *ip, uint32_t pos, uint32_t count, endpoint_t granter,
               int32_t grant, uint32_t goff);
int file_rw_local(struct inode *ip, int write, uint32_t pos, void *buf, uint32_t len);

/* dir.c */
int dir_lookup(struct inode *dp, const char *name, uint32_t *ino);
int dir_add(struct inode *dp, const char *name, uint32_t ino);
int dir_remove(struct inode *dp, const char *name);
int dir_set(struct inode *dp, const char *name, uint32_t ino);
int dir_is_empty(struct inode *dp);
int dir_getdents(struct inode *dp, uint32_t *pos, endpoint_t who, int32_t grant, uint32_t count);

/* ops.c */
extern endpoint_t caller;               /* VFS, the sender of this request */
int do_request(message *m);
int get_name(int32_t grant, uint32_t len, char name[MFS_NAME_MAX + 1]);
struct inode *dir_and_name(uint32_t ino, int32_t grant, uint32_t len, char *name, int *err);

/* rename.c */
int do_rename(message *m);

#endif
