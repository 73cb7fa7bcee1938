/* tv_term.c: <termios.h> through VFS (round trip, refusals, the
 * foreground group), raw mode with VMIN, and the error rows: ESPIPE,
 * ENOTTY, EBADF, EFAULT (bad pointers to read, write and ioctl lose no
 * input), and no leaked VFS state. */
#include "tv.h"

#define BAD_PTR ((void *)0x1000)     /* unmapped in every program */

static void term(int fd)
{
    struct termios a, b, c;
    int r1 = tcgetattr(fd, &a);
    b = a;
    b.c_lflag &= ~(tcflag_t)ECHO;
    b.c_cc[VMIN] = 3;
    int r2 = tcsetattr(fd, TCSANOW, &b);
    int r3 = tcgetattr(fd, &c);
    int r4 = tcsetattr(fd, TCSADRAIN, &a);
    T("termios_roundtrip", r1 == 0 && r2 == 0 && r3 == 0 && r4 == 0 &&
      !memcmp(&b, &c, sizeof(b)) && (a.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG)
      && a.c_cc[VERASE] == 0x7f && a.c_cc[VINTR] == 3, "%d %d %d %d lflag %x", r1, r2, r3, r4,
      (unsigned)a.c_lflag);
    c.c_lflag |= 0x8000;
    r1 = tcsetattr(fd, TCSANOW, &c);
    int e1 = errno;
    r2 = tcsetattr(fd, TCSAFLUSH, &a);
    T("termios_refused", r1 == -1 && e1 == EINVAL && err_is(r2, EINVAL), "bad flag %d/%d, "
      "TCSAFLUSH %d", r1, e1, r2);
    r1 = tcsetpgrp(fd, 7);
    pid_t p = tcgetpgrp(fd);
    r2 = tcsetpgrp(fd, 0);
    T("pgrp", r1 == 0 && p == 7 && err_is(r2, EINVAL), "set %d get %d zero %d", r1, (int)p, r2);
}

/* Raw mode: a read returns when VMIN bytes are there; VMIN 0 at once. */
static void raw(int fd)
{
    struct termios saved, t;
    char buf[16];
    tcgetattr(fd, &saved);
    t = saved;
    cfmakeraw(&t);
    t.c_cc[VMIN] = 3;
    int r = tcsetattr(fd, TCSANOW, &t);
    int nb = open("/dev/console", O_RDONLY | O_NONBLOCK);
    inject(fd, "ab");
    int n1 = (int)read(nb, buf, sizeof(buf));
    int e1 = errno;
    inject(fd, "c");
    memset(buf, 0, sizeof(buf));
    int n2 = (int)read(fd, buf, sizeof(buf) - 1);
    t.c_cc[VMIN] = 0;
    tcsetattr(fd, TCSANOW, &t);
    int n3 = (int)read(fd, buf + 8, 4);
    close(nb);
    T("raw_vmin", r == 0 && n1 == -1 && e1 == EAGAIN && n2 == 3 && !strcmp(buf, "abc") &&
      n3 == 0, "set %d, 2 bytes: %d/%d, 3 bytes: %d '%s', vmin 0: %d", r, n1, e1, n2, buf, n3);
    /* VMIN 0, VTIME 2: nothing typed returns 0 no sooner than 0.2 s (the
     * read waits in VFS meanwhile); a byte typed returns it at once */
    t.c_cc[VTIME] = 2;
    tcsetattr(fd, TCSANOW, &t);
    uint32_t t0 = sys_uptime();
    n1 = (int)read(fd, buf, 4);
    uint32_t waited = sys_uptime() - t0;
    inject(fd, "z");
    n2 = (int)read(fd, buf, 4);
    tcsetattr(fd, TCSANOW, &saved);
    T("raw_vtime", n1 == 0 && waited >= 20 && n2 == 1 && buf[0] == 'z',
      "timeout read %d after %u ticks (want 0 after >= 20), then %d", n1, waited, n2);
}

static void errors(int fd)
{
    char buf[16];
    int file = open("/etc/motd", O_RDONLY), p[2] = { -1, -1 };
    struct termios t;
    pipe(p);
    int s = (int)lseek(fd, 0, SEEK_SET);
    T("lseek_espipe", err_is(s, ESPIPE), "%d errno %d", s, errno);
    int r1 = ioctl(file, TCGETS, &t), e1 = errno;
    int r2 = tcgetattr(p[0], &t), e2 = errno;
    int r3 = ioctl(fd, 0x7777, &t), e3 = errno;
    const char *tn = ttyname(file);
    T("ioctl_enotty", r1 == -1 && e1 == ENOTTY && r2 == -1 && e2 == ENOTTY &&
      r3 == -1 && e3 == ENOTTY && !tn && errno == ENOTTY && !isatty(p[0]),
      "file %d/%d pipe %d/%d unknown %d/%d ttyname(file) %s", r1, e1, r2, e2, r3, e3,
      tn ? tn : "(null)");
    int wo = open("/dev/console", O_WRONLY);
    r1 = ioctl(99, TCGETS, &t), e1 = errno;
    r2 = (int)read(wo, buf, 4), e2 = errno;
    r3 = ioctl(-1, TCGETS, &t);
    T("ebadf", r1 == -1 && e1 == EBADF && r2 == -1 && e2 == EBADF && err_is(r3, EBADF),
      "fd 99 %d/%d, read O_WRONLY %d/%d, fd -1 %d", r1, e1, r2, e2, r3);
    inject(fd, "kept\n");
    r1 = (int)read(fd, BAD_PTR, 8), e1 = errno;
    r2 = (int)write(fd, BAD_PTR, 8), e2 = errno;
    r3 = ioctl(fd, TCGETS, BAD_PTR);
    e3 = errno;
    memset(buf, 0, sizeof(buf));
    int n = (int)read(fd, buf, sizeof(buf) - 1);
    T("efault_keeps_input", r1 == -1 && e1 == EFAULT && r2 == -1 && e2 == EFAULT && r3 == -1 &&
      e3 == EFAULT && n == 5 && !strcmp(buf, "kept\n"), "read %d/%d write %d/%d ioctl %d/%d, "
      "then %d '%s'", r1, e1, r2, e2, r3, e3, n, buf);
    close(wo);
    close(file);
    close(p[0]);
    close(p[1]);
}

void tv_term(void)
{
    struct vfs_stats a, b;
    vfs_stats(&a);
    int fd = open("/dev/ttyS0", O_RDWR);
    term(fd);
    raw(fd);
    errors(fd);
    close(fd);
    int r = vfs_stats(&b);
    T("no_leak", r >= 0 && b.filps == a.filps && b.vnodes == a.vnodes && b.dev_reads == 0,
      "stats %d filps %u->%u vnodes %u->%u reads %u", r, a.filps, b.filps, a.vnodes, b.vnodes,
      b.dev_reads);
}
