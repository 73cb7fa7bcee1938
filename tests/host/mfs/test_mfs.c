/* test_mfs.c: cmocka tests of the host tools image/mkfs and image/fsck.
 *
 * mkfs builds images (empty, from a host tree, with large files through the
 * indirect zones, many files); fsck must find each clean.  Then single
 * deliberate corruptions, one per test, each of which fsck must report with
 * the right message: the image tools promise to report every inconsistency.
 * Every test gets a fresh image (setup/teardown), so a failing test cannot
 * leave its corruption to the next one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "../../../image/mkfs/mkfs.h"
#include "../../../image/fsck/fsck.h"

static struct img im;

static int setup(void **state)
{
    static char big[300 * 1024];
    (void)state;
    if (mkfs_create(&im, 2048, 256) != 0)
        return -1;
    uint32_t d = mkfs_mkdir(&im, MFS_ROOT_INO, "dir");
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)(i * 7);
    if (!d || !mkfs_file(&im, d, "small", "hello\n", 6) ||
        !mkfs_file(&im, MFS_ROOT_INO, "big", big, sizeof(big)))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(im.data);
    return 0;
}

/* fsck's report of the current image, as one string. */
static int check(char *buf, size_t len)
{
    FILE *f = fmemopen(buf, len, "w");
    int n = fsck_check(&im, f);
    fclose(f);
    return n;
}

/* Run fsck and expect exactly `n` problems, one mentioning `text`. */
static void expect_report(int n, const char *text)
{
    char out[8192] = "";
    int got = check(out, sizeof(out));
    if (got != n || !strstr(out, text))
        print_message("fsck said (%d):\n%s", got, out);
    assert_int_equal(got, n);
    assert_non_null(strstr(out, text));
}

static uint32_t lookup(uint32_t dir, const char *name)
{
    struct mfs_inode *dp = img_inode(&im, dir);
    for (uint32_t s = 0; s < dp->size / MFS_DIRENT_SIZE; s++) {
        uint32_t b = img_bmap(&im, dir, s / MFS_DIRENTS_PER_BLOCK, 0);
        struct mfs_dirent *e = (struct mfs_dirent *)img_block(&im, b) + s % MFS_DIRENTS_PER_BLOCK;
        if (e->d_ino && !strncmp(e->d_name, name, MFS_NAME_MAX))
            return e->d_ino;
    }
    return 0;
}

static void test_mkfs_clean(void **state)
{
    char out[4096];
    (void)state;
    assert_int_equal(check(out, sizeof(out)), 0);
    /* ".", "..", dir/.. and dev/.. */
    assert_int_equal(img_inode(&im, MFS_ROOT_INO)->nlinks, 4);
}

static void test_mkfs_big_file_reads_back(void **state)
{
    uint32_t ino = lookup(MFS_ROOT_INO, "big");
    (void)state;
    assert_int_not_equal(ino, 0);
    assert_int_equal(img_inode(&im, ino)->size, 300 * 1024);
    assert_int_not_equal(img_inode(&im, ino)->zone[MFS_DIND], 0);   /* past 263 KiB */
    for (uint32_t pos = 0; pos < 300 * 1024; pos += 4093) {
        uint32_t b = img_bmap(&im, ino, pos / MFS_BLOCK, 0);
        assert_int_equal((uint8_t)img_block(&im, b)[pos % MFS_BLOCK], (uint8_t)(pos * 7));
    }
}

static void test_mkfs_many_files(void **state)
{
    char name[16], out[4096];
    uint32_t d = mkfs_mkdir(&im, MFS_ROOT_INO, "many");
    (void)state;
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "f%03d", i);
        assert_int_not_equal(mkfs_file(&im, d, name, name, 4), 0);
    }
    assert_int_equal(lookup(d, "f099") != 0, 1);
    assert_int_equal(img_inode(&im, d)->size, 102 * MFS_DIRENT_SIZE);
    assert_int_equal(check(out, sizeof(out)), 0);
}

static void test_mkfs_from_tree(void **state)
{
    char dir[] = "/tmp/mfs-tree-XXXXXX", path[256], out[4096];
    struct img saved = im;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/sub", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/sub/file.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("from the host\n", f);
    fclose(f);
    assert_int_equal(mkfs_create(&im, 512, 64), 0);
    assert_int_equal(mkfs_add_tree(&im, MFS_ROOT_INO, dir), 0);
    uint32_t sub = lookup(MFS_ROOT_INO, "sub"), file = lookup(sub, "file.txt");
    assert_int_not_equal(file, 0);
    assert_int_equal(img_inode(&im, file)->size, 14);
    assert_int_equal(check(out, sizeof(out)), 0);
    free(im.data);
    im = saved;
    unlink(path);
    snprintf(path, sizeof(path), "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
}

static void test_mkfs_refuses_tiny(void **state)
{
    struct img t;
    (void)state;
    assert_int_equal(mkfs_create(&t, 4, 4096), -1);
}

static void test_fsck_bad_magic(void **state)
{
    (void)state;
    img_super(&im)->magic ^= 1;
    expect_report(1, "bad magic");
    img_super(&im)->magic ^= 1;
}

static void test_fsck_bad_layout(void **state)
{
    (void)state;
    img_super(&im)->imap_blocks++;
    expect_report(1, "bitmap or inode-table sizes");
    img_super(&im)->imap_blocks--;
}

static void test_fsck_inode_bitmap(void **state)
{
    uint32_t ino = lookup(MFS_ROOT_INO, "big");
    (void)state;
    img_setbit(&im, img_imap(&im), ino, 0);
    expect_report(1, "in use but free in the inode bitmap");
    img_setbit(&im, img_imap(&im), ino, 1);
    img_setbit(&im, img_imap(&im), 200, 1);
    expect_report(1, "inode 200: free but marked");
    img_setbit(&im, img_imap(&im), 200, 0);
}

static void test_fsck_zone_bitmap(void **state)
{
    uint32_t ino = lookup(MFS_ROOT_INO, "big"), z = img_inode(&im, ino)->zone[0];
    (void)state;
    img_setbit(&im, img_zmap(&im), z, 0);
    expect_report(1, "in use but free in the zone bitmap");
    img_setbit(&im, img_zmap(&im), z, 1);
    img_setbit(&im, img_zmap(&im), 2000, 1);
    expect_report(1, "block 2000: marked in the zone bitmap but used by no inode");
    img_setbit(&im, img_zmap(&im), 2000, 0);
}

static void test_fsck_shared_zone(void **state)
{
    uint32_t big = lookup(MFS_ROOT_INO, "big"), d = lookup(MFS_ROOT_INO, "dir");
    uint32_t small = lookup(d, "small");
    uint32_t saved = img_inode(&im, small)->zone[0];
    (void)state;
    img_inode(&im, small)->zone[0] = img_inode(&im, big)->zone[3];
    /* the shared zone, and the one small no longer uses */
    expect_report(2, "is also used by inode");
    img_inode(&im, small)->zone[0] = saved;
}

static void test_fsck_zone_out_of_range(void **state)
{
    uint32_t d = lookup(MFS_ROOT_INO, "dir"), small = lookup(d, "small");
    uint32_t saved = img_inode(&im, small)->zone[0];
    (void)state;
    img_inode(&im, small)->zone[0] = 999999;
    expect_report(2, "outside the data area");
    img_inode(&im, small)->zone[0] = saved;
}

static void test_fsck_link_count(void **state)
{
    uint32_t d = lookup(MFS_ROOT_INO, "dir"), small = lookup(d, "small");
    (void)state;
    img_inode(&im, small)->nlinks = 2;
    expect_report(1, "link count 2, but 1 directory entries");
    img_inode(&im, small)->nlinks = 1;
}

static void test_fsck_dot_dot(void **state)
{
    uint32_t d = lookup(MFS_ROOT_INO, "dir");
    struct mfs_dirent *e = (struct mfs_dirent *)img_block(&im, img_bmap(&im, d, 0, 0)) + 1;
    (void)state;
    e->d_ino = d;   /* ".." names the directory itself: also the link counts */
    expect_report(3, "entry 1 is \"..\"");
    e->d_ino = MFS_ROOT_INO;
}

static void test_fsck_entry_to_free_inode(void **state)
{
    uint32_t d = lookup(MFS_ROOT_INO, "dir"), small = lookup(d, "small");
    (void)state;
    uint16_t mode = img_inode(&im, small)->mode;
    img_inode(&im, small)->mode = 0;
    /* the entry, the bitmap bit, and its zone that no inode uses now */
    expect_report(3, "which is not in use");
    img_inode(&im, small)->mode = mode;
}

static void test_fsck_directory_loop(void **state)
{
    uint32_t d = lookup(MFS_ROOT_INO, "dir");
    (void)state;
    assert_int_equal(img_dir_add(&im, d, "loop", MFS_ROOT_INO), 0);
    expect_report(1, "reached twice");
    /* undo: drop the last entry and the link it added */
    img_inode(&im, d)->size -= MFS_DIRENT_SIZE;
    img_inode(&im, MFS_ROOT_INO)->nlinks--;
    expect_report(0, "");
}

/* Every image has /dev with the terminals of MFS_DEV_TABLE, each a
 * character device with no data and its (major, minor). */
static void test_mkfs_dev_files(void **state)
{
    static const struct { const char *name; uint32_t minor; } want[] = {
        { "console", 0 }, { "tty1", 1 }, { "tty2", 2 }, { "tty3", 3 }, { "tty4", 4 },
        { "ttyS0", 5 },
    };
    uint32_t dev = lookup(MFS_ROOT_INO, "dev");
    (void)state;
    assert_int_not_equal(dev, 0);
    assert_true(MFS_ISDIR(img_inode(&im, dev)->mode));
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct mfs_inode *ip = img_inode(&im, lookup(dev, want[i].name));
        assert_non_null(ip);
        assert_true(MFS_ISCHR(ip->mode));
        assert_int_equal(ip->size, 0);
        assert_int_equal(ip->zone[0], 0);
        assert_int_equal(MFS_DEV_MAJOR(ip->zone[MFS_RDEV_SLOT]), MFS_MAJOR_TTY);
        assert_int_equal(MFS_DEV_MINOR(ip->zone[MFS_RDEV_SLOT]), want[i].minor);
    }
}

/* A host tree with its own dev/ is refused: mkfs owns /dev. */
static void test_mkfs_refuses_dev_in_tree(void **state)
{
    char dir[] = "/tmp/mfs-dev-XXXXXX", path[256];
    struct img saved = im;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/dev", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(mkfs_create(&im, 512, 64), 0);
    assert_int_equal(mkfs_add_tree(&im, MFS_ROOT_INO, dir), -1);
    free(im.data);
    im = saved;
    rmdir(path);
    rmdir(dir);
}

static struct mfs_inode *console_inode(void)
{
    return img_inode(&im, lookup(lookup(MFS_ROOT_INO, "dev"), "console"));
}

static void test_fsck_device_with_data(void **state)
{
    (void)state;
    console_inode()->size = 10;
    expect_report(1, "character device with data");
    console_inode()->size = 0;
    console_inode()->zone[0] = 99;
    expect_report(1, "character device with data");
}

static void test_fsck_device_without_number(void **state)
{
    (void)state;
    console_inode()->zone[MFS_RDEV_SLOT] = 0;
    expect_report(1, "without a device number");
}

/* Slot 9 holds a device number only in a device inode. */
static void test_fsck_slot9_on_file(void **state)
{
    (void)state;
    img_inode(&im, lookup(MFS_ROOT_INO, "big"))->zone[MFS_RDEV_SLOT] = MFS_DEV(4, 0);
    expect_report(1, "unused zone slot 9");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mkfs_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_big_file_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_many_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_from_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_refuses_tiny, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_bad_magic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_bad_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_inode_bitmap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_zone_bitmap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_shared_zone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_zone_out_of_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_link_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_dot_dot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_entry_to_free_inode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_directory_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_dev_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mkfs_refuses_dev_in_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_device_with_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_device_without_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsck_slot9_on_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
