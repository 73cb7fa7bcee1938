/* chardev.h: the character-device protocol between VFS and character
 * drivers (drivers/tty), and the terminal's ioctl ABI (docs/tty.md).
 *
 * The client sends a request with sendrec and gets one immediate reply:
 * m_type = bytes moved / OK, or a negative errno (lantern/errno.h);
 * payload u32[0] = the request's id, u32[1] = CDEV_PENDING when the
 * request is not finished yet (a read waiting for a line).  The driver
 * never blocks and the client never waits on it: when a pending request
 * finishes, the driver sends the client a NOTIFY, and the client asks
 * CDEV_STATUS, which returns one finished request per call (u32[1] =
 * CDEV_DONE, u32[0] = its id, m_type = its result) until it says
 * CDEV_NONE.  CDEV_CANCEL ends a pending request at once (EINTR), or
 * hands back its result if it finished meanwhile: nothing is lost.
 *
 * Data moves only through grants the client made (CPF_WRITE for a read,
 * CPF_READ for a write and for an ioctl's input).
 *
 * Who may ask: the one client the driver admits (VFS by default; the tty
 * suite's protocol run boots the driver with its test's label instead);
 * anyone else gets EPERM and nothing is touched.  An unknown type is
 * EBADREQUEST, an unknown minor ENXIO, an unknown ioctl ENOTTY, a bad grant
 * the safe copy's error.
 */
#ifndef LANTERN_CHARDEV_H
#define LANTERN_CHARDEV_H

#include <lantern/types.h>
#include <lantern/message.h>

#define CDEV_RQ_BASE    0x900
#define CDEV_OPEN       0x900  /* minor */
#define CDEV_CLOSE      0x901  /* minor */
#define CDEV_READ       0x902  /* minor, grant, count, flags */
#define CDEV_WRITE      0x903  /* minor, grant, count */
#define CDEV_IOCTL      0x904  /* minor, request (TC*), grant */
#define CDEV_CANCEL     0x905  /* minor, id of the pending request */
#define CDEV_STATUS     0x906  /* one finished request, or CDEV_NONE */
#define CDEV_RQ_LAST    0x93F

/* CDEV_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define CDEV_MTYPE_TABLE(X) \
    X(CDEV_OPEN,   "cdev", "open a character device minor") \
    X(CDEV_CLOSE,  "cdev", "close a character device minor") \
    X(CDEV_READ,   "cdev", "read into the client's grant (may stay pending)") \
    X(CDEV_WRITE,  "cdev", "write from the client's grant") \
    X(CDEV_IOCTL,  "cdev", "device control: termios, process group, TIOCSTI") \
    X(CDEV_CANCEL, "cdev", "end a pending request (EINTR) or fetch its result") \
    X(CDEV_STATUS, "cdev", "fetch one finished pending request after a NOTIFY")

/* ttyvfs block (0x907-0x91F).  CONSOLE_KILL_TTY is a test request of the
 * console harness (tests/guest/console, docs/testing.md "console"):
 * console_echo asks console_kill, an admin that only the harness's boot
 * image has, to restart the tty driver (RS_REFRESH); the reply's m_type is
 * RS's answer.  Only console_echo and console_watch (shell.script's
 * other console, console2; each endpoint asked of RS by label) may ask;
 * anyone else gets EPERM, any other type EBADREQUEST. */
#define CONSOLE_KILL_TTY 0x91F
#define CONSOLE_MTYPE_TABLE(X) \
    X(CONSOLE_KILL_TTY, "console", "test: restart the tty driver (console harness)")

/* Reply payload u32[1]. */
#define CDEV_DONE       0
#define CDEV_PENDING    1
#define CDEV_NONE       2      /* CDEV_STATUS: nothing finished */

/* CDEV_READ flags */
#define CDEV_NONBLOCK   0x1    /* EAGAIN instead of pending */

/* Minors of the tty driver (major 4). */
#define TTY_MINOR_CONSOLE 0    /* the console: COM1 and VC 1 (docs/tty.md) */
#define TTY_MINOR_VC1     1    /* VGA virtual consoles 1..4 (tty1 is the console) */
#define TTY_MINOR_COM1    5    /* ttyS0 */
#define TTY_MINORS        6

struct cdev_req {
    int32_t  minor;
    int32_t  grant;
    uint32_t count;            /* bytes */
    int32_t  request;          /* CDEV_IOCTL */
    uint32_t id;               /* the client's tag, echoed in every reply */
    uint32_t flags;            /* CDEV_READ: CDEV_NONBLOCK */
    uint32_t target;           /* CDEV_CANCEL: the id to cancel */
};
LANTERN_STATIC_ASSERT(sizeof(struct cdev_req) <= MESSAGE_PAYLOAD, "cdev_req fits a message");

/* ---- the terminal's ioctls (the grant carries the argument) ---------- */
#define TCGETS      0x5401     /* grant (CPF_WRITE) gets struct lt_termios */
#define TCSETS      0x5402     /* grant (CPF_READ): set now (TCSANOW) */
#define TCSETSW     0x5403     /* set after output drains (TCSADRAIN) */
#define TIOCGPGRP   0x540F     /* grant (CPF_WRITE) gets int32 foreground pgrp */
#define TIOCSPGRP   0x5410     /* grant (CPF_READ): int32 pgrp (> 0) */
#define TIOCSTI     0x5412     /* grant (CPF_READ): one byte, processed as typed */

#define LT_NCCS     12
struct lt_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t  c_cc[LT_NCCS];
};
/* c_iflag */
#define LT_ICRNL    0x0100     /* \r in = \n */
/* c_oflag */
#define LT_OPOST    0x0001
#define LT_ONLCR    0x0004     /* \n out = \r\n */
/* c_lflag */
#define LT_ISIG     0x0001     /* ^C: SIGINT to the foreground group */
#define LT_ICANON   0x0002     /* lines, erase, kill, ^D */
#define LT_ECHO     0x0008
#define LT_ECHOE    0x0010     /* erase shown as \b \b */
/* c_cc indexes */
#define LT_VINTR    0
#define LT_VQUIT    1
#define LT_VERASE   2
#define LT_VKILL    3
#define LT_VEOF     4
#define LT_VTIME    5
#define LT_VMIN     6
#define LT_VSUSP    7
/* The valid bits: a TCSETS with any other bit set is EINVAL. */
#define LT_IFLAGS   LT_ICRNL
#define LT_OFLAGS   (LT_OPOST | LT_ONLCR)
#define LT_LFLAGS   (LT_ISIG | LT_ICANON | LT_ECHO | LT_ECHOE)

#endif
