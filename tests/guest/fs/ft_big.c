/* ft_big.c: large files through the indirect and double-indirect zones,
 * holes, truncate, many files in one directory, a full disk (ENOSPC) and
 * a full inode table, and sync/fsync.  Every file made here is removed,
 * and the free counts must come back exactly (no block or inode leaks). */
#include "ft.h"

#define BIG (400u * 1024)           /* past 7 + 256 blocks: double indirect */

static void t_preloaded(void)
{
    char buf[16];
    int fd = open("/data/big.txt", O_RDONLY), ok = fd >= 0;

    /* mkfs wrote "%07d\n" for 0..19999: 160000 bytes, indirect zones */
    for (int i = 0; ok && i < 20000; i += 997) {
        char want[9];
        snprintf(want, sizeof(want), "%07d\n", i);
        ok = lseek(fd, i * 8, SEEK_SET) == i * 8 && read(fd, buf, 8) == 8 &&
             !memcmp(buf, want, 8);
    }
    T("mkfs_file_indirect", ok, "pattern mismatch in /data/big.txt");
    close(fd);
}

static void t_large(void)
{
    struct vfs_stats a, b, c;
    struct stat st;
    int r;

    vfs_stats(&a);
    r = write_pattern("/tmp/large", 1, BIG, 3000);
    T("large_write", r == OK, "write_pattern: %d", r);
    r = check_pattern("/tmp/large", 1, BIG);
    T("large_read_back", r == OK, "check_pattern: %d", r);
    vfs_stats(&b);
    /* 400 data blocks, the indirect block, the double-indirect block and
     * the one table under it */
    T("large_block_count", a.free_blocks - b.free_blocks == 400 + 3, "used %u blocks",
      a.free_blocks - b.free_blocks);
    r = truncate("/tmp/large", 5000);
    stat("/tmp/large", &st);
    T("truncate_shrinks", r == 0 && st.st_size == 5000 && check_pattern("/tmp/large", 1, 5000)
      == OK, "r %d size %d", r, (int)st.st_size);
    unlink("/tmp/large");
    vfs_stats(&c);
    T("large_blocks_freed", c.free_blocks == a.free_blocks && c.free_inodes == a.free_inodes,
      "free %u/%u, was %u/%u", c.free_blocks, c.free_inodes, a.free_blocks, a.free_inodes);
}

static void t_holes(void)
{
    struct vfs_stats a, b;
    char buf[100];
    int fd, ok, zeros = 1;
    struct stat st;

    vfs_stats(&a);
    fd = open("/tmp/holey", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ok = lseek(fd, 300000, SEEK_SET) == 300000 && write(fd, "Z", 1) == 1;
    fstat(fd, &st);
    vfs_stats(&b);
    T("hole_size", ok && st.st_size == 300001, "size %d", (int)st.st_size);
    /* one data block, plus the double-indirect block and one table */
    T("hole_blocks", a.free_blocks - b.free_blocks == 3, "used %u",
      a.free_blocks - b.free_blocks);
    lseek(fd, 100000, SEEK_SET);
    read(fd, buf, sizeof(buf));
    for (unsigned i = 0; i < sizeof(buf); i++)
        zeros &= buf[i] == 0;
    lseek(fd, 300000, SEEK_SET);
    T("hole_reads_zeros", zeros && read(fd, buf, 10) == 1 && buf[0] == 'Z', "not zeros");
    T("ftruncate_grows", ftruncate(fd, 400000) == 0 && fstat(fd, &st) == 0 &&
      st.st_size == 400000, "size %d", (int)st.st_size);
    T("ftruncate_rdonly_einval", ({ int f2 = open("/tmp/holey", O_RDONLY);
      int r2 = err_is(ftruncate(f2, 0), EINVAL); close(f2); r2; }), "errno %d", errno);
    close(fd);
    unlink("/tmp/holey");
}

static void t_many(void)
{
    char name[32];
    int made = 0, seen = 0, gone = 0;
    DIR *d;

    mkdir("/tmp/many", 0755);
    for (int i = 0; i < 150; i++) {
        snprintf(name, sizeof(name), "/tmp/many/file-%03d", i);
        int fd = open(name, O_WRONLY | O_CREAT, 0644);
        made += fd >= 0 && write(fd, name, 4) == 4;
        close(fd);
    }
    if ((d = opendir("/tmp/many"))) {
        while (readdir(d))
            seen++;
        closedir(d);
    }
    for (int i = 0; i < 150; i++) {
        snprintf(name, sizeof(name), "/tmp/many/file-%03d", i);
        gone += unlink(name) == 0;
    }
    T("many_files", made == 150 && seen == 152 && gone == 150, "made %d seen %d gone %d",
      made, seen, gone);
    T("many_rmdir", rmdir("/tmp/many") == 0, "errno %d", errno);
}

static void t_enospc(void)
{
    static char buf[8192];
    struct vfs_stats a, b;
    int fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC, 0644), r = 0, w;

    vfs_stats(&a);
    memset(buf, 'F', sizeof(buf));
    while ((w = write(fd, buf, sizeof(buf))) == (int)sizeof(buf))
        r += w;
    T("enospc", w >= 0 ? err_is(write(fd, buf, sizeof(buf)), ENOSPC) : errno == ENOSPC,
      "w %d errno %d after %d bytes", w, errno, r);
    close(fd);
    unlink("/tmp/fill");
    vfs_stats(&b);
    T("enospc_recovers", b.free_blocks == a.free_blocks, "free %u, was %u", b.free_blocks,
      a.free_blocks);
}

static void t_inodes_full(void)
{
    char name[32];
    int n = 0, fd, last_err = 0;
    struct vfs_stats a, b;

    vfs_stats(&a);
    mkdir("/tmp/fill", 0755);
    for (;;) {
        snprintf(name, sizeof(name), "/tmp/fill/%d", n);
        if ((fd = open(name, O_WRONLY | O_CREAT, 0644)) < 0) {
            last_err = errno;
            break;
        }
        close(fd);
        n++;
    }
    T("inode_table_full", last_err == ENOSPC && n > 100, "after %d files: errno %d", n,
      last_err);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "/tmp/fill/%d", i);
        unlink(name);
    }
    rmdir("/tmp/fill");
    vfs_stats(&b);
    T("inodes_recover", b.free_inodes == a.free_inodes && b.free_blocks == a.free_blocks,
      "inodes %u blocks %u, was %u %u", b.free_inodes, b.free_blocks, a.free_inodes,
      a.free_blocks);
}

static void t_sync(void)
{
    int fd = open("/tmp/s", O_WRONLY | O_CREAT, 0644);

    write(fd, "sync", 4);
    T("fsync", fsync(fd) == 0, "errno %d", errno);
    T("fsync_ebadf", err_is(fsync(77), EBADF), "errno %d", errno);
    close(fd);
    unlink("/tmp/s");
    sync();
}

void ft_big(void)
{
    t_preloaded();
    t_large();
    t_holes();
    t_many();
    t_enospc();
    t_inodes_full();
    t_sync();
}
const int ft_big_n = 19;
