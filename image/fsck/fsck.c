/* fsck.c: check an MFS image and report every inconsistency.
 *
 * Read-only and defensive: every number read from the image (zone numbers,
 * inode numbers, sizes) is range-checked before use, so a corrupt image
 * gives a report, never a crash.  The passes:
 *   1. the super block (mfs_super_problem, the same test MFS mounts with);
 *   2. every inode: in use <=> marked in the inode bitmap; each zone it
 *      reaches (data and indirect blocks) lies in the data area, is used
 *      only once, and is marked in the zone bitmap;
 *   3. the zone bitmap: every metadata block marked, no data block marked
 *      that no inode uses;
 *   4. the directory tree from the root: "." and "..", entries that name
 *      in-use inodes, no directory reached twice; the entries naming each
 *      inode are counted;
 *   5. link counts: each in-use inode's nlinks equals its entry count
 *      (an unreachable inode has count 0).
 * A character device (MFS_S_IFCHR) must have no data (size 0, no zones) and
 * a device number in zone[MFS_RDEV_SLOT]; any other inode has 0 there.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "fsck.h"

struct fsck {
    const struct img *im;
    const struct mfs_super *sb;
    FILE *out;
    int problems;
    uint32_t *zone_owner;     /* block -> inode that uses it (0 = none) */
    uint32_t *links;          /* inode -> entries naming it */
    uint8_t *dir_seen;        /* inode -> directory already walked */
};

static void report(struct fsck *f, const char *fmt, ...)
{
    va_list ap;

    f->problems++;
    if (!f->out)
        return;
    va_start(ap, fmt);
    fprintf(f->out, "fsck: ");
    vfprintf(f->out, fmt, ap);
    fprintf(f->out, "\n");
    va_end(ap);
}

static int in_use(const struct fsck *f, uint32_t ino)
{
    const struct mfs_inode *ip = img_inode(f->im, ino);
    return ip && ip->mode != 0;
}

/* Claim block z for inode ino (zone slot `what`); 0 if it is unusable. */
static int claim(struct fsck *f, uint32_t ino, uint32_t z, const char *what)
{
    if (z < f->sb->first_data || z >= f->sb->nblocks) {
        report(f, "inode %u: %s zone %u outside the data area", ino, what, z);
        return 0;
    }
    if (f->zone_owner[z]) {
        report(f, "inode %u: zone %u is also used by inode %u", ino, z, f->zone_owner[z]);
        return 0;
    }
    f->zone_owner[z] = ino;
    if (!img_bit(f->im, img_zmap(f->im), z))
        report(f, "inode %u: zone %u in use but free in the zone bitmap", ino, z);
    return 1;
}

/* An indirect block at `level` (1 = it lists data zones). */
static void claim_indirect(struct fsck *f, uint32_t ino, uint32_t z, int level)
{
    const uint32_t *tab;

    if (!z || !claim(f, ino, z, level == 1 ? "indirect" : "double-indirect"))
        return;
    tab = (const uint32_t *)img_block(f->im, z);
    for (uint32_t i = 0; i < MFS_ZONES_PER_BLOCK; i++) {
        if (!tab[i])
            continue;
        if (level == 1)
            claim(f, ino, tab[i], "data");
        else
            claim_indirect(f, ino, tab[i], 1);
    }
}

/* A device inode names a driver and unit; it owns no blocks. */
static void check_device(struct fsck *f, uint32_t ino, const struct mfs_inode *ip)
{
    int zones = 0;

    for (uint32_t i = 0; i < MFS_RDEV_SLOT; i++)
        zones |= ip->zone[i] != 0;
    if (ip->size || zones)
        report(f, "inode %u: character device with data (size %u)", ino, ip->size);
    if (!ip->zone[MFS_RDEV_SLOT])
        report(f, "inode %u: character device without a device number", ino);
}

static void check_inode(struct fsck *f, uint32_t ino)
{
    const struct mfs_inode *ip = img_inode(f->im, ino);
    int marked = img_bit(f->im, img_imap(f->im), ino);

    if (!ip->mode) {
        if (marked)
            report(f, "inode %u: free but marked in the inode bitmap", ino);
        return;
    }
    if (!marked)
        report(f, "inode %u: in use but free in the inode bitmap", ino);
    if (!MFS_ISDIR(ip->mode) && !MFS_ISREG(ip->mode) && !MFS_ISCHR(ip->mode))
        report(f, "inode %u: unknown file type (mode %o)", ino, ip->mode);
    if (MFS_ISCHR(ip->mode)) {
        check_device(f, ino, ip);
        return;
    }
    if (MFS_ISDIR(ip->mode) && ip->size % MFS_DIRENT_SIZE)
        report(f, "inode %u: directory size %u not a multiple of %u", ino, ip->size,
               MFS_DIRENT_SIZE);
    for (uint32_t i = 0; i < MFS_NR_DIRECT; i++)
        if (ip->zone[i])
            claim(f, ino, ip->zone[i], "data");
    claim_indirect(f, ino, ip->zone[MFS_IND], 1);
    claim_indirect(f, ino, ip->zone[MFS_DIND], 2);
    if (ip->zone[9])
        report(f, "inode %u: unused zone slot 9 is %u", ino, ip->zone[9]);
}

static void check_zmap(struct fsck *f)
{
    for (uint32_t b = 0; b < f->sb->nblocks; b++) {
        int marked = img_bit(f->im, img_zmap(f->im), b);
        if (b < f->sb->first_data && !marked)
            report(f, "block %u: metadata block free in the zone bitmap", b);
        else if (b >= f->sb->first_data && marked && !f->zone_owner[b])
            report(f, "block %u: marked in the zone bitmap but used by no inode", b);
    }
}

/* Block of file block fb of a (checked) inode, 0 for a hole or a bad zone. */
static uint32_t file_block(const struct fsck *f, const struct mfs_inode *ip, uint32_t fb)
{
    uint32_t z;

    if (fb < MFS_NR_DIRECT)
        z = ip->zone[fb];
    else if ((fb -= MFS_NR_DIRECT) < MFS_ZONES_PER_BLOCK) {
        z = ip->zone[MFS_IND];
        z = z >= f->sb->first_data && z < f->sb->nblocks
            ? ((const uint32_t *)img_block(f->im, z))[fb] : 0;
    } else
        return 0;   /* directories are never that large */
    return z >= f->sb->first_data && z < f->sb->nblocks ? z : 0;
}

static void walk_dir(struct fsck *f, uint32_t dir, uint32_t parent, int depth);

static void check_entry(struct fsck *f, uint32_t dir, uint32_t parent, uint32_t slot,
                        const struct mfs_dirent *e, int depth)
{
    char name[MFS_NAME_MAX + 1];
    uint32_t want = slot == 0 ? dir : parent;

    memcpy(name, e->d_name, MFS_NAME_MAX);
    name[MFS_NAME_MAX] = 0;
    if (slot < 2 && (strcmp(name, slot ? ".." : ".") || e->d_ino != want))
        report(f, "directory %u: entry %u is \"%s\" -> %u, want \"%s\" -> %u", dir, slot,
               name, e->d_ino, slot ? ".." : ".", want);
    if (!name[0])
        report(f, "directory %u: entry %u has an empty name", dir, slot);
    if (!in_use(f, e->d_ino)) {
        report(f, "directory %u: entry \"%s\" names inode %u, which is not in use", dir,
               name, e->d_ino);
        return;
    }
    f->links[e->d_ino]++;
    if (slot >= 2 && MFS_ISDIR(img_inode(f->im, e->d_ino)->mode))
        walk_dir(f, e->d_ino, dir, depth + 1);
}

static void walk_dir(struct fsck *f, uint32_t dir, uint32_t parent, int depth)
{
    const struct mfs_inode *ip = img_inode(f->im, dir);
    uint32_t n = ip->size / MFS_DIRENT_SIZE;

    if (f->dir_seen[dir] || depth > 64) {
        report(f, "directory %u: reached twice (a loop or a hard link to a directory)", dir);
        return;
    }
    f->dir_seen[dir] = 1;
    if (n < 2)
        report(f, "directory %u: lacks \".\" or \"..\"", dir);
    for (uint32_t s = 0; s < n; s++) {
        uint32_t b = file_block(f, ip, s / MFS_DIRENTS_PER_BLOCK);
        const struct mfs_dirent *e;
        if (!b) {
            if (s % MFS_DIRENTS_PER_BLOCK == 0)
                report(f, "directory %u: hole or bad zone at entry %u", dir, s);
            continue;
        }
        e = (const struct mfs_dirent *)img_block(f->im, b) + s % MFS_DIRENTS_PER_BLOCK;
        if (e->d_ino)
            check_entry(f, dir, parent, s, e, depth);
        else if (s < 2)
            report(f, "directory %u: lacks \"%s\"", dir, s ? ".." : ".");
    }
}

static void check_links(struct fsck *f)
{
    for (uint32_t i = 1; i < f->sb->ninodes; i++) {
        const struct mfs_inode *ip = img_inode(f->im, i);
        if (ip->mode && ip->nlinks != f->links[i])
            report(f, "inode %u: link count %u, but %u directory entries name it", i,
                   ip->nlinks, f->links[i]);
    }
}

int fsck_check(const struct img *im, FILE *out)
{
    struct fsck f = { .im = im, .sb = img_super(im), .out = out };
    const char *why = im->nblocks > MFS_SUPER_BLOCK ? mfs_super_problem(f.sb, im->nblocks)
                                                    : "image smaller than two blocks";

    if (why) {
        report(&f, "super block: %s", why);
        return f.problems;
    }
    f.zone_owner = calloc(f.sb->nblocks, sizeof(uint32_t));
    f.links = calloc(f.sb->ninodes, sizeof(uint32_t));
    f.dir_seen = calloc(f.sb->ninodes, 1);
    if (!f.zone_owner || !f.links || !f.dir_seen) {
        report(&f, "out of memory");
        goto out;
    }
    if (!img_bit(im, img_imap(im), 0))
        report(&f, "inode 0 is free in the inode bitmap (it must be marked)");
    for (uint32_t i = 1; i < f.sb->ninodes; i++)
        check_inode(&f, i);
    check_zmap(&f);
    if (!in_use(&f, MFS_ROOT_INO) || !MFS_ISDIR(img_inode(im, MFS_ROOT_INO)->mode))
        report(&f, "root inode %u is not a directory", MFS_ROOT_INO);
    else
        walk_dir(&f, MFS_ROOT_INO, MFS_ROOT_INO, 0);
    check_links(&f);
out:
    free(f.zone_owner);
    free(f.links);
    free(f.dir_seen);
    return f.problems;
}
