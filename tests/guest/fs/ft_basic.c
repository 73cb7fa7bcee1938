/* ft_basic.c: open, read, write, lseek, close, stat, fstat, dup, dup2 and
 * their errors, on the files mkfs put in the image (image/mfs.Makefrag). */
#include "ft.h"

const int ft_basic_n = 38;

static const char motd[] = "Welcome to Lantern.\n";

static void t_read_existing(void)
{
    char buf[64];
    int fd = open("/etc/motd", O_RDONLY), n = -1, n2 = -1;

    T("open_existing", fd >= 0, "open /etc/motd: %d errno %d", fd, errno);
    if (fd >= 0) {
        memset(buf, 0, sizeof(buf));
        n = read(fd, buf, sizeof(buf));
        n2 = read(fd, buf + 40, 8);
    }
    T("read_content", n == (int)strlen(motd) && !memcmp(buf, motd, strlen(motd)),
      "read %d bytes: '%s'", n, buf);
    T("read_eof", n2 == 0, "read at the end gave %d", n2);
    T("close", close(fd) == 0, "close failed: %d", errno);
    T("close_ebadf", err_is(close(fd), EBADF), "second close: errno %d", errno);
}

static void t_open_errors(void)
{
    char longname[80], longpath[300];

    memset(longname, 'n', 61);
    strcpy(longname, "/");
    memset(longname + 1, 'n', 61);
    longname[62] = 0;
    memset(longpath, 'a', sizeof(longpath) - 1);
    longpath[sizeof(longpath) - 1] = 0;
    T("open_enoent", err_is(open("/no/such", O_RDONLY), ENOENT), "errno %d", errno);
    T("open_enotdir", err_is(open("/etc/motd/x", O_RDONLY), ENOTDIR), "errno %d", errno);
    T("open_eexist", err_is(open("/etc/motd", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST),
      "errno %d", errno);
    T("open_eisdir", err_is(open("/etc", O_WRONLY), EISDIR), "errno %d", errno);
    T("open_name_too_long", err_is(open(longname, O_RDONLY), ENAMETOOLONG), "errno %d", errno);
    T("open_path_too_long", err_is(open(longpath, O_RDONLY), ENAMETOOLONG), "errno %d", errno);
    T("open_efault", err_is(open((const char *)0x10, O_RDONLY), EFAULT), "errno %d", errno);
    T("open_empty_enoent", err_is(open("", O_RDONLY), ENOENT), "errno %d", errno);
    T("open_bad_mode", err_is(open("/etc/motd", 3), EINVAL), "errno %d", errno);
}

static void t_write_read(void)
{
    char buf[128], in[128];
    int fd = open("/tmp/a", O_RDWR | O_CREAT | O_TRUNC, 0644), w, r, cur, end;

    for (int i = 0; i < 100; i++)
        buf[i] = (char)('a' + i % 26);
    w = write(fd, buf, 100);
    T("write", fd >= 0 && w == 100, "fd %d wrote %d errno %d", fd, w, errno);
    T("lseek_set", lseek(fd, 10, SEEK_SET) == 10, "errno %d", errno);
    r = read(fd, in, 20);
    T("read_back", r == 20 && !memcmp(in, buf + 10, 20), "read %d", r);
    cur = lseek(fd, 5, SEEK_CUR);
    end = lseek(fd, 0, SEEK_END);
    T("lseek_cur_end", cur == 35 && end == 100, "cur %d end %d", cur, end);
    T("lseek_einval", err_is(lseek(fd, -200, SEEK_CUR), EINVAL) &&
                      err_is(lseek(fd, 0, 7), EINVAL), "errno %d", errno);
    lseek(fd, 0, SEEK_SET);
    T("read_efault", err_is(read(fd, (void *)0x10, 10), EFAULT), "errno %d", errno);
    T("write_efault", err_is(write(fd, (void *)0x10, 10), EFAULT), "errno %d", errno);
    close(fd);
    fd = open("/tmp/a", O_RDONLY);
    T("write_rdonly_ebadf", err_is(write(fd, buf, 1), EBADF), "errno %d", errno);
    T("read_ebadf", err_is(read(99, in, 1), EBADF) && err_is(read(-1, in, 1), EBADF),
      "errno %d", errno);
    close(fd);
}

static void t_append_trunc(void)
{
    struct stat st;
    int fd = open("/tmp/a", O_WRONLY | O_APPEND), r;

    r = write(fd, "END", 3);
    close(fd);
    stat("/tmp/a", &st);
    T("o_append", r == 3 && st.st_size == 103, "wrote %d, size %d", r, (int)st.st_size);
    fd = open("/tmp/a", O_WRONLY | O_TRUNC);
    close(fd);
    stat("/tmp/a", &st);
    T("o_trunc", fd >= 0 && st.st_size == 0, "size %d", (int)st.st_size);
}

static void t_stat(void)
{
    struct stat st, st2;
    int fd, r;

    memset(&st, 0, sizeof(st));
    r = stat("/etc/motd", &st);
    T("stat_file", r == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
      st.st_size == (off_t)strlen(motd) && st.st_ino > 1, "r %d mode %o size %d",
      r, (unsigned)st.st_mode, (int)st.st_size);
    r = stat("/", &st);
    T("stat_root", r == 0 && S_ISDIR(st.st_mode) && st.st_ino == 1, "r %d ino %u", r,
      (unsigned)st.st_ino);
    T("stat_enoent", err_is(stat("/etc/nothing", &st), ENOENT), "errno %d", errno);
    T("stat_efault", err_is(stat("/etc/motd", (struct stat *)0x10), EFAULT), "errno %d", errno);
    fd = open("/etc/motd", O_RDONLY);
    stat("/etc/motd", &st);
    r = fstat(fd, &st2);
    T("fstat", r == 0 && st2.st_ino == st.st_ino && st2.st_size == st.st_size, "r %d", r);
    close(fd);
    T("fstat_ebadf", err_is(fstat(fd, &st2), EBADF), "errno %d", errno);
}

static void t_dup(void)
{
    char c1 = 0, c2 = 0;
    int fd = open("/etc/motd", O_RDONLY), d = dup(fd), fd3, d2;

    read(fd, &c1, 1);
    read(d, &c2, 1);
    T("dup_shares_offset", d > fd && c1 == 'W' && c2 == 'e', "d %d c1 %c c2 %c", d, c1, c2);
    fd3 = open("/data/hello.txt", O_RDONLY);
    d2 = dup2(fd, fd3);                     /* closes hello.txt first */
    c1 = 0;
    read(d2, &c1, 1);
    T("dup2", d2 == fd3 && c1 == 'l', "d2 %d c %c", d2, c1);
    T("dup_ebadf", err_is(dup(15), EBADF) && err_is(dup2(fd, 99), EBADF), "errno %d", errno);
    close(fd);
    close(d);
    close(d2);
}

/* The device files mkfs makes in every image: character devices with no
 * data.  This suite boots no tty driver, so opening one is ENXIO (no
 * driver: docs/files.md, "Device files"); an O_TRUNC open must not touch
 * the inode either. */
static void t_dev_files(void)
{
    struct stat st, st2;
    int sc = stat("/dev/console", &st), s5 = stat("/dev/ttyS0", &st2);

    T("dev_console_chr", sc == 0 && S_ISCHR(st.st_mode) && st.st_size == 0,
      "stat %d errno %d mode %o size %d", sc, errno, st.st_mode, (int)st.st_size);
    T("dev_ttyS0_chr", s5 == 0 && S_ISCHR(st2.st_mode) && st2.st_ino != st.st_ino &&
      st.st_rdev == 0x400 && st2.st_rdev == 0x405,
      "stat %d errno %d mode %o rdev %x %x", s5, errno, st2.st_mode, (unsigned)st.st_rdev,
      (unsigned)st2.st_rdev);
    T("dev_open_enxio", err_is(open("/dev/console", O_RDWR), ENXIO), "errno %d", errno);
    sc = err_is(open("/dev/tty1", O_WRONLY | O_TRUNC), ENXIO);
    T("dev_trunc_enxio", sc && stat("/dev/tty1", &st) == 0 && S_ISCHR(st.st_mode) &&
      st.st_size == 0, "errno %d mode %o", errno, st.st_mode);
}

void ft_basic(void)
{
    t_read_existing();
    t_open_errors();
    t_write_read();
    t_append_trunc();
    t_stat();
    t_dup();
    t_dev_files();
}
