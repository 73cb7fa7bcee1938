/* tt_proto.c: the character-device protocol (lantern/chardev.h): open,
 * close, minors, unknown types and ioctls, writes, bad grants, termios
 * round trip, pending reads with NOTIFY + CDEV_STATUS, cancel, and a
 * restart of the driver under a waiting reader. */
#include "tt.h"

static void basics(void)
{
    int r1 = req(CDEV_OPEN, TTY_MINOR_CONSOLE, 0, 0, 0, 0, 0);
    int r2 = req(CDEV_CLOSE, TTY_MINOR_COM1, 0, 0, 0, 0, 0);
    T("open_close", r1 == OK && r2 == OK, "open %d close %d", r1, r2);
    r1 = req(CDEV_OPEN, 99, 0, 0, 0, 0, 0);
    r2 = req(CDEV_OPEN, -1, 0, 0, 0, 0, 0);
    T("bad_minor", r1 == ENXIO && r2 == ENXIO, "99: %d, -1: %d (want ENXIO)", r1, r2);
    r1 = req(CDEV_RQ_LAST, 0, 0, 0, 0, 0, 0);
    T("bad_type", r1 == EBADREQUEST, "got %d", r1);
    char msg[] = "tty_test: a write through the driver\n";
    r1 = rw(CDEV_WRITE, msg, sizeof(msg) - 1, 0);
    T("write", r1 == (int)sizeof(msg) - 1, "got %d", r1);
    r1 = req(CDEV_WRITE, 0, 4000, 10, 0, 0, 0);
    r2 = req(CDEV_READ, 0, 4000, 10, 0, CDEV_NONBLOCK, 0);
    T("bad_grant", r1 < 0 && r2 == EAGAIN, "write %d, read (nothing typed) %d", r1, r2);
    r1 = ioctl_buf(0x1234, msg, 4, CPF_READ);
    T("bad_ioctl", r1 == ENOTTY, "got %d", r1);
}

static void termios(void)
{
    struct lt_termios a, b, c;
    int r1 = ioctl_buf(TCGETS, &a, sizeof(a), CPF_WRITE);
    b = a;
    b.c_lflag &= ~LT_ECHO;
    b.c_cc[LT_VMIN] = 3;
    int r2 = ioctl_buf(TCSETSW, &b, sizeof(b), CPF_READ);
    int r3 = ioctl_buf(TCGETS, &c, sizeof(c), CPF_WRITE);
    T("termios_roundtrip",
      r1 == OK && r2 == OK && r3 == OK && !memcmp(&b, &c, sizeof(b)) &&
          (a.c_lflag & (LT_ICANON | LT_ECHO | LT_ISIG)) == (LT_ICANON | LT_ECHO | LT_ISIG),
      "get %d set %d get %d lflag %x", r1, r2, r3, a.c_lflag);
    c.c_lflag |= 0x8000;
    r1 = ioctl_buf(TCSETS, &c, sizeof(c), CPF_READ);
    r2 = req(CDEV_IOCTL, 0, 4000, 0, TCGETS, 0, 0);
    T("termios_bad", r1 == EINVAL && r2 < 0, "bad flag %d, bad grant %d", r1, r2);
    ioctl_buf(TCSETS, &a, sizeof(a), CPF_READ);
}

static void pending(void)
{
    char buf[32];
    uint32_t id = 0;
    memset(buf, 0, sizeof(buf));
    int r1 = rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    uint32_t rid = last_id, st = last_state;
    type_str("xy\n");
    int r2 = wait_done(&id);
    T("pending_read", r1 == OK && st == CDEV_PENDING && r2 == 3 && id == rid &&
      !strcmp(buf, "xy\n"), "read %d state %u, done %d id %u/%u '%s'", r1, st, r2, id, rid, buf);
    r1 = req(CDEV_STATUS, 0, 0, 0, 0, 0, 0);
    T("status_none", r1 == OK && last_state == CDEV_NONE, "%d state %u", r1, last_state);
    r1 = rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    rid = last_id;
    r2 = rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    int r3 = req(CDEV_CANCEL, 0, 0, 0, 0, 0, rid);
    int r4 = req(CDEV_CANCEL, 0, 0, 0, 0, 0, rid);
    T("cancel", r1 == OK && r2 == EBUSY && r3 == EINTR && r4 == EINVAL,
      "read %d second %d cancel %d again %d", r1, r2, r3, r4);
    memset(buf, 0, sizeof(buf));
    rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    rid = last_id;
    type_str("done\n");
    message m;
    r1 = wait_message(tty_ep, NOTIFY_MESSAGE, DEADLINE, &m);
    r2 = req(CDEV_CANCEL, 0, 0, 0, 0, 0, rid);
    T("cancel_finished", r1 == OK && r2 == 5 && !strcmp(buf, "done\n"),
      "notify %d cancel %d '%s'", r1, r2, buf);
}

/* RS_REFRESH the driver while a read waits: the reader sees a new
 * endpoint (the old one's reply never comes), reads again, and gets the
 * line typed after the restart. */
static void restart(void)
{
    char buf[32];
    endpoint_t old = tty_ep;
    rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    int r = rs_refresh("tty");
    uint32_t deadline = sys_uptime() + DEADLINE;
    while (r == OK && tty_ep == old && (int32_t)(deadline - sys_uptime()) > 0) {
        message m;
        wait_message(NONE, 0, 1, &m);         /* poll interval, inside the deadline */
        if (rs_lookup("tty", &tty_ep) != OK)
            tty_ep = old;
    }
    T("restart_new_endpoint", r == OK && tty_ep != old, "refresh %d ep %d", r, tty_ep);
    memset(buf, 0, sizeof(buf));
    int r1 = rw(CDEV_READ, buf, sizeof(buf) - 1, 0);
    uint32_t id = 0, rid = last_id;
    type_str("again\n");
    int r2 = wait_done(&id);
    T("restart_read", r1 == OK && r2 == 6 && id == rid && !strcmp(buf, "again\n"),
      "read %d done %d '%s'", r1, r2, buf);
}

void tt_proto(void)
{
    basics();
    termios();
    pending();
    restart();
}
