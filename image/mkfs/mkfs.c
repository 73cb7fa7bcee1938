/* mkfs.c: build an MFS image (lantern/mfs_format.h) from a host directory.
 *
 * mkfs_create lays out the super block, bitmaps and inode table and makes
 * the root and /dev (the device files of MFS_DEV_TABLE, so every image
 * has its terminals); mkfs_add_tree copies a directory tree.  Only regular
 * files and directories are copied; anything else (links, host devices) is
 * skipped with a warning, so the image always passes fsck.  A host tree
 * cannot bring its own /dev: mkfs owns that name in the root. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "mkfs.h"

static int make_dev(struct img *im);

int mkfs_create(struct img *im, uint32_t nblocks, uint32_t ninodes)
{
    struct mfs_super sb;

    memset(&sb, 0, sizeof(sb));
    if (mfs_layout(&sb, nblocks, ninodes) != 0) {
        fprintf(stderr, "mkfs: %u blocks are too few for %u inodes\n", nblocks, ninodes);
        return -1;
    }
    im->nblocks = nblocks;
    im->data = calloc(nblocks, MFS_BLOCK);
    if (!im->data)
        return -1;
    sb.state = MFS_STATE_CLEAN;
    sb.mtime = (uint32_t)time(NULL);
    memcpy(img_block(im, MFS_SUPER_BLOCK), &sb, sizeof(sb));
    img_setbit(im, img_imap(im), 0, 1);               /* inode 0 does not exist */
    for (uint32_t b = 0; b < sb.first_data; b++)
        img_setbit(im, img_zmap(im), b, 1);
    /* bits past the last inode/block are marked used so nobody allocates them */
    for (uint32_t i = ninodes; i < sb.imap_blocks * MFS_BITS_PER_BLOCK; i++)
        img_setbit(im, img_imap(im), i, 1);
    for (uint32_t b = nblocks; b < sb.zmap_blocks * MFS_BITS_PER_BLOCK; b++)
        img_setbit(im, img_zmap(im), b, 1);
    if (mkfs_mkdir(im, 0, NULL) != MFS_ROOT_INO)
        return -1;
    return make_dev(im);
}

static uint32_t new_inode(struct img *im, uint16_t mode)
{
    uint32_t ino = img_alloc_inode(im);
    struct mfs_inode *ip;

    if (!ino)
        return 0;
    ip = img_inode(im, ino);
    memset(ip, 0, sizeof(*ip));
    ip->mode = mode;
    ip->atime = ip->mtime = ip->ctime = img_super(im)->mtime;
    return ino;
}

/* parent 0 makes the root, its own parent. */
uint32_t mkfs_mkdir(struct img *im, uint32_t parent, const char *name)
{
    uint32_t ino = new_inode(im, MFS_S_IFDIR | 0755);

    if (!ino)
        return 0;
    if (!parent)
        parent = ino;
    if (img_dir_add(im, ino, ".", ino) || img_dir_add(im, ino, "..", parent) ||
        (name && img_dir_add(im, parent, name, ino)))
        return 0;
    return ino;
}

uint32_t mkfs_file(struct img *im, uint32_t dir, const char *name, const void *data, uint32_t len)
{
    uint32_t ino = new_inode(im, MFS_S_IFREG | 0644);

    if (!ino || img_write(im, ino, 0, data, len) || img_dir_add(im, dir, name, ino))
        return 0;
    return ino;
}

uint32_t mkfs_mknod(struct img *im, uint32_t dir, const char *name, uint32_t dev)
{
    uint32_t ino = new_inode(im, MFS_S_IFCHR | 0666);

    if (!ino)
        return 0;
    img_inode(im, ino)->zone[MFS_RDEV_SLOT] = dev;   /* no data: size 0, no zones */
    return img_dir_add(im, dir, name, ino) ? 0 : ino;
}

/* /dev with one character-special file per MFS_DEV_TABLE line. */
static int make_dev(struct img *im)
{
    uint32_t dev = mkfs_mkdir(im, MFS_ROOT_INO, "dev");

#define MKFS_NODE(name, major, minor) \
    if (!dev || !mkfs_mknod(im, dev, name, MFS_DEV(major, minor))) { \
        fprintf(stderr, "mkfs: no room for /dev/%s\n", name); \
        return -1; \
    }
    MFS_DEV_TABLE(MKFS_NODE)
#undef MKFS_NODE
    return 0;
}

static int add_file(struct img *im, uint32_t dir, const char *name, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;
    int r = -1;

    if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
        goto out;
    buf = malloc(len ? (size_t)len : 1);
    if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len &&
        mkfs_file(im, dir, name, buf, (uint32_t)len))
        r = 0;
out:
    if (r)
        fprintf(stderr, "mkfs: cannot copy %s (unreadable, or the image is full)\n", path);
    free(buf);
    if (f)
        fclose(f);
    return r;
}

static int add_entry(struct img *im, uint32_t dir, const char *path, const char *name)
{
    struct stat st;
    uint32_t sub;

    if (strlen(name) > MFS_NAME_MAX) {
        fprintf(stderr, "mkfs: %s: name longer than %u bytes\n", path, MFS_NAME_MAX);
        return -1;
    }
    if (lstat(path, &st) != 0)
        return -1;
    if (dir == MFS_ROOT_INO && !strcmp(name, "dev")) {
        fprintf(stderr, "mkfs: %s: /dev is made by mkfs itself (remove it from the tree)\n", path);
        return -1;
    }
    if (S_ISREG(st.st_mode))
        return add_file(im, dir, name, path);
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mkfs: %s: not a file or directory, skipped\n", path);
        return 0;
    }
    if (!(sub = mkfs_mkdir(im, dir, name))) {
        fprintf(stderr, "mkfs: %s: out of inodes or blocks\n", path);
        return -1;
    }
    return mkfs_add_tree(im, sub, path);
}

/* Entries are added in sorted order, so the same tree gives the same image. */
int mkfs_add_tree(struct img *im, uint32_t dir, const char *path)
{
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort), r = 0;
    char sub[4096];

    if (n < 0) {
        fprintf(stderr, "mkfs: cannot read directory %s\n", path);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (r == 0 && strcmp(name, ".") && strcmp(name, "..")) {
            snprintf(sub, sizeof(sub), "%s/%s", path, name);
            r = add_entry(im, dir, sub, name);
        }
        free(list[i]);
    }
    free(list);
    return r;
}
