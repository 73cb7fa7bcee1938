/* tt_ldisc.c: the line discipline, typed through TIOCSTI: lines, erase,
 * kill, ^D, ^C dropping the line, raw mode and VMIN, non-blocking reads,
 * the foreground group, and a bad grant that loses nothing. */
#include "tt.h"

static void typed(const char *name, const char *in, const char *want)
{
    char buf[64];
    type_str(in);
    int r = read_now(buf, sizeof(buf));
    T(name, r == (int)strlen(want) && !strcmp(buf, want), "got %d '%s', want '%s'", r, buf,
      want);
}

static void cooked(void)
{
    char buf[64];
    typed("cooked_line", "abc\n", "abc\n");
    typed("cooked_cr", "cr\r", "cr\n");
    typed("erase", "ab\x7f" "c\bd\n", "ad\n");
    typed("kill_line", "junk\x15ok\n", "ok\n");
    typed("eof_partial", "pq\x04", "pq");
    type_str("\x04");
    int r = read_now(buf, sizeof(buf));
    T("eof_empty", r == 0, "got %d", r);
    type_str("l1\nl2\n");
    int r1 = read_now(buf, sizeof(buf));
    int r2 = read_now(buf + 10, sizeof(buf) - 10);
    T("one_line_per_read", r1 == 3 && r2 == 3 && !strncmp(buf, "l1\n", 3) &&
      !strcmp(buf + 10, "l2\n"), "%d %d", r1, r2);
    typed("intr_drops_line", "partial\x03next\n", "next\n");
    r = rw(CDEV_READ, buf, 10, CDEV_NONBLOCK);
    T("nonblock_empty", r == EAGAIN, "got %d", r);
}

static void raw(void)
{
    char buf[16];
    set_mode(0, 1);
    typed("raw_bytes", "r\x7f", "r\x7f");
    set_mode(0, 0);
    int r = read_now(buf, sizeof(buf));
    T("raw_vmin0", r == 0, "got %d", r);
    set_mode(0, 1);
    type_str("ab\x7f" "c\n");          /* typed ahead while raw, not read */
    set_mode(1, 1);
    typed("raw_typeahead_cooked", "", "ac\n");   /* edited again when cooked */
}

static void misc(void)
{
    int32_t p = 7, q = 0, z = 0;
    int r1 = ioctl_buf(TIOCSPGRP, &p, sizeof(p), CPF_READ);
    int r2 = ioctl_buf(TIOCGPGRP, &q, sizeof(q), CPF_WRITE);
    int r3 = ioctl_buf(TIOCSPGRP, &z, sizeof(z), CPF_READ);
    T("pgrp", r1 == OK && r2 == OK && q == 7 && r3 == EINVAL, "%d %d %d q %d", r1, r2, r3, q);
    type_str("zz\n");
    int r = req(CDEV_READ, 0, 4000, 10, 0, 0, 0);
    T("bad_read_grant", r < 0, "got %d", r);
    typed("bad_read_grant_keeps", "", "zz\n");
}

void tt_ldisc(void)
{
    cooked();
    raw();
    misc();
}
