/* ft_dirs.c: mkdir, rmdir, unlink, link, rename, chdir, getcwd, getdents
 * and readdir, with their errors. */
#include "ft.h"

static int touch(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    write(fd, text, strlen(text));
    return close(fd);
}

static int content_is(const char *path, const char *text)
{
    char buf[64];
    int fd = open(path, O_RDONLY), n;
    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    return n == (int)strlen(text) && !memcmp(buf, text, (size_t)n);
}

static void t_mkdir_rmdir(void)
{
    struct stat st, root;
    int r;

    stat("/tmp", &root);
    r = mkdir("/tmp/d", 0755);
    stat("/tmp/d", &st);
    T("mkdir", r == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2, "r %d nlink %u", r,
      (unsigned)st.st_nlink);
    stat("/tmp", &st);
    T("mkdir_parent_links", st.st_nlink == root.st_nlink + 1, "%u -> %u",
      (unsigned)root.st_nlink, (unsigned)st.st_nlink);
    T("mkdir_eexist", err_is(mkdir("/tmp/d", 0755), EEXIST), "errno %d", errno);
    T("mkdir_enoent", err_is(mkdir("/tmp/no/d", 0755), ENOENT), "errno %d", errno);
    touch("/tmp/d/f", "x");
    T("rmdir_enotempty", err_is(rmdir("/tmp/d"), ENOTEMPTY), "errno %d", errno);
    T("rmdir_enotdir", err_is(rmdir("/tmp/d/f"), ENOTDIR), "errno %d", errno);
    T("unlink_eisdir", err_is(unlink("/tmp/d"), EISDIR), "errno %d", errno);
    T("unlink", unlink("/tmp/d/f") == 0 && err_is(open("/tmp/d/f", O_RDONLY), ENOENT),
      "errno %d", errno);
    T("unlink_enoent", err_is(unlink("/tmp/d/f"), ENOENT), "errno %d", errno);
    r = rmdir("/tmp/d");
    T("rmdir", r == 0 && err_is(stat("/tmp/d", &st), ENOENT), "r %d errno %d", r, errno);
    stat("/tmp", &st);
    T("rmdir_parent_links", st.st_nlink == root.st_nlink, "nlink %u", (unsigned)st.st_nlink);
}

static void t_unlink_open(void)
{
    struct vfs_stats before, after;
    char buf[8] = "";
    int fd, n;

    touch("/tmp/open-unlinked", "still here");
    vfs_stats(&before);
    fd = open("/tmp/open-unlinked", O_RDONLY);
    unlink("/tmp/open-unlinked");
    n = read(fd, buf, 5);
    T("unlink_while_open_reads", n == 5 && !memcmp(buf, "still", 5), "read %d", n);
    close(fd);
    vfs_stats(&after);
    T("unlinked_freed_at_close", after.free_inodes == before.free_inodes + 1,
      "free inodes %u -> %u", before.free_inodes, after.free_inodes);
}

static void t_link_rename(void)
{
    struct stat a, b;

    touch("/tmp/l1", "linked");
    T("link", link("/tmp/l1", "/tmp/l2") == 0 && stat("/tmp/l1", &a) == 0 &&
      stat("/tmp/l2", &b) == 0 && a.st_ino == b.st_ino && b.st_nlink == 2 &&
      content_is("/tmp/l2", "linked"), "errno %d nlink %u", errno, (unsigned)b.st_nlink);
    T("link_eexist", err_is(link("/tmp/l1", "/etc/motd"), EEXIST), "errno %d", errno);
    T("link_dir_eperm", err_is(link("/tmp", "/tmp/t2"), EPERM), "errno %d", errno);
    T("rename", rename("/tmp/l1", "/tmp/l3") == 0 && err_is(stat("/tmp/l1", &a), ENOENT) &&
      content_is("/tmp/l3", "linked"), "errno %d", errno);
    touch("/tmp/other", "other");
    T("rename_replaces", rename("/tmp/other", "/tmp/l3") == 0 &&
      content_is("/tmp/l3", "other") && stat("/tmp/l2", &b) == 0 && b.st_nlink == 1,
      "errno %d nlink %u", errno, (unsigned)b.st_nlink);
    mkdir("/tmp/r1", 0755);
    mkdir("/tmp/r1/sub", 0755);
    T("rename_into_itself_einval", err_is(rename("/tmp/r1", "/tmp/r1/sub/x"), EINVAL),
      "errno %d", errno);
    T("rename_dir", rename("/tmp/r1/sub", "/tmp/r2") == 0 && stat("/tmp/r2/..", &a) == 0 &&
      stat("/tmp", &b) == 0 && a.st_ino == b.st_ino, "errno %d", errno);
    T("rename_enoent", err_is(rename("/tmp/none", "/tmp/x"), ENOENT), "errno %d", errno);
    unlink("/tmp/l2");
    unlink("/tmp/l3");
    rmdir("/tmp/r2");
    rmdir("/tmp/r1");
}

static void t_chdir(void)
{
    char buf[VFS_PATH_MAX];
    int fd;

    mkdir("/tmp/cd", 0755);
    T("chdir_getcwd", chdir("/tmp/cd") == 0 && getcwd(buf, sizeof(buf)) &&
      !strcmp(buf, "/tmp/cd"), "errno %d cwd %s", errno, buf);
    fd = open("rel", O_WRONLY | O_CREAT, 0644);
    close(fd);
    T("relative_path", fd >= 0 && stat("/tmp/cd/rel", (struct stat *)buf) == 0, "fd %d", fd);
    T("chdir_dotdot", chdir("..") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/tmp") &&
      stat("cd/rel", (struct stat *)buf) == 0, "errno %d", errno);
    T("chdir_enotdir", err_is(chdir("/etc/motd"), ENOTDIR), "errno %d", errno);
    T("getcwd_erange", getcwd(buf, 2) == NULL && errno == ERANGE, "errno %d", errno);
    chdir("/");
    unlink("/tmp/cd/rel");
    rmdir("/tmp/cd");
}

static void t_readdir(void)
{
    DIR *d = opendir("/data");
    struct dirent *e;
    int dot = 0, dotdot = 0, hello = 0, big = 0, n = 0, fd;
    struct dirent raw[2];

    while (d && (e = readdir(d))) {
        n++;
        dot += !strcmp(e->d_name, ".");
        dotdot += !strcmp(e->d_name, "..");
        hello += !strcmp(e->d_name, "hello.txt");
        big += !strcmp(e->d_name, "big.txt");
    }
    T("readdir", d && n == 4 && dot && dotdot && hello && big, "n %d", n);
    if (d)
        closedir(d);
    T("opendir_enotdir", !opendir("/etc/motd") && errno == ENOTDIR, "errno %d", errno);
    fd = open("/etc/motd", O_RDONLY);
    T("getdents_enotdir", err_is(getdents(fd, raw, sizeof(raw)), ENOTDIR), "errno %d", errno);
    close(fd);
}

void ft_dirs(void)
{
    t_mkdir_rmdir();
    t_unlink_open();
    t_link_rename();
    t_chdir();
    t_readdir();
}
const int ft_dirs_n = 29;
