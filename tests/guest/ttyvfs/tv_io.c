/* tv_io.c: device files through VFS: open (and a minor with no device),
 * write, a read of typed input, O_NONBLOCK, a read suspended in VFS and
 * answered later, two readers of one terminal queued in VFS, a waiting
 * read cancelled when its reader is killed, TIOCSTI refused to a user. */
#include <lantern/mfs_format.h>
#include "tv.h"

static int con = -1;                 /* /dev/console, O_RDWR, for typing */

static void opens(void)
{
    struct stat st;
    con = open("/dev/console", O_RDWR);
    const char *name = ttyname(con);
    T("open_console", con >= 0 && isatty(con) == 1 && name && !strcmp(name, "/dev/console"),
      "fd %d errno %d ttyname %s", con, errno, name ? name : "(null)");
    int fd = open("/dev/ttyS0", O_RDWR);
    int r = fstat(fd, &st);
    T("open_ttyS0", fd >= 0 && r == 0 && S_ISCHR(st.st_mode) &&
      st.st_rdev == MFS_DEV(4, 5), "fd %d fstat %d mode %o rdev %x", fd, r,
      (unsigned)st.st_mode, (unsigned)st.st_rdev);
    close(fd);
    fd = open("/dev/tty1", O_RDWR);     /* VGA virtual console 1 (no driver: ENXIO, suite fs) */
    T("open_tty1_vc", fd >= 0 && isatty(fd) == 1, "fd %d errno %d", fd, errno);
    close(fd);
    static const char msg[] = "ttyvfs_test: a write to /dev/console through VFS\n";
    int n = (int)write(con, msg, sizeof(msg) - 1);
    T("write_console", n == (int)sizeof(msg) - 1, "wrote %d", n);
}

static void reads(void)
{
    char buf[32];
    memset(buf, 0, sizeof(buf));
    int r = inject(con, "hi\n");
    int n = (int)read(con, buf, sizeof(buf) - 1);
    T("read_typed", r == 0 && n == 3 && !strcmp(buf, "hi\n"), "inject %d read %d '%s'", r, n,
      buf);
    int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
    n = (int)read(fd, buf, sizeof(buf));
    T("read_nonblock", fd >= 0 && err_is(n, EAGAIN), "fd %d read %d errno %d", fd, n, errno);
    close(fd);
}

/* A user child reads (suspended in VFS); typing answers it. */
static void waiting(void)
{
    endpoint_t a, b;
    int st = -1, st2 = -1, r, w1, w2;
    r = spawn_child("c rd /dev/console go", &a);
    w1 = r == OK ? wait_reads(1) : r;
    inject(con, "go\n");
    r = r == OK ? wait_child(a, &st) : r;
    w2 = wait_reads(0);
    T("read_waits", w1 == OK && r == OK && st == 0 && w2 == OK, "suspended %d child %d/%d "
      "after %d", w1, r, st, w2);
    /* two readers: one on the console, one on ttyS0 (the same terminal:
     * the driver takes one read at a time, VFS keeps the other) */
    r = spawn_child("c rd /dev/console one", &a);
    w1 = r == OK ? wait_reads(1) : r;
    r |= spawn_child("c rd /dev/ttyS0 two", &b);
    w2 = r == OK ? wait_reads(2) : r;
    inject(con, "one\n");
    r |= wait_child(a, &st);
    inject(con, "two\n");
    r |= wait_child(b, &st2);
    T("read_queue", r == OK && w1 == OK && w2 == OK && st == 0 && st2 == 0,
      "r %d waits %d %d status %d %d", r, w1, w2, st, st2);
}

/* Kill a waiting reader: VFS cancels its read (no reply to anyone, no
 * read left at the driver: the next line comes to us). */
static void cancel(void)
{
    char buf[32];
    endpoint_t a;
    int r = spawn_child("c rd /dev/console never", &a), w1, w2, n;
    w1 = r == OK ? wait_reads(1) : r;
    int k = sys_kill(a, 0);
    w2 = wait_reads(0);
    inject(con, "after\n");
    int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
    memset(buf, 0, sizeof(buf));
    n = (int)read(fd, buf, sizeof(buf) - 1);
    close(fd);
    T("cancel_on_exit", w1 == OK && k == OK && w2 == OK && n == 6 && !strcmp(buf, "after\n"),
      "suspended %d kill %d gone %d read %d '%s'", w1, k, w2, n, buf);
    int st = -1;
    r = spawn_child("c sti", &a);
    r = r == OK ? wait_child(a, &st) : r;
    fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
    n = (int)read(fd, buf, sizeof(buf));
    close(fd);
    T("tiocsti_user_eperm", r == OK && st == 0 && err_is(n, EAGAIN),
      "child %d status %d, then read %d errno %d (want nothing typed)", r, st, n, errno);
}

void tv_io(void)
{
    opens();
    reads();
    waiting();
    cancel();
    close(con);
}
