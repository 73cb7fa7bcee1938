/* termios.h: the terminal interface (fs/termios.c; docs/tty.md).
 *
 * struct termios is lantern/chardev.h's struct lt_termios field for field
 * (the same layout, checked below), so tcgetattr/tcsetattr pass it to the
 * driver unchanged.  Only the subset the driver implements exists: a flag
 * outside it is refused by tcsetattr (EINVAL).  Errors: -1 with errno
 * EBADF, ENOTTY (not a terminal), EFAULT, EINVAL. */
#ifndef _LANTERN_LIBC_TERMIOS_H
#define _LANTERN_LIBC_TERMIOS_H

#include <sys/types.h>
#include <lantern/chardev.h>

typedef uint32_t tcflag_t;
typedef uint8_t  cc_t;
typedef uint32_t speed_t;

#define NCCS LT_NCCS
struct termios {
    tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
    cc_t     c_cc[NCCS];
};
_Static_assert(sizeof(struct termios) == sizeof(struct lt_termios), "termios is lt_termios");

/* c_iflag, c_oflag, c_lflag */
#define ICRNL   LT_ICRNL
#define OPOST   LT_OPOST
#define ONLCR   LT_ONLCR
#define ISIG    LT_ISIG
#define ICANON  LT_ICANON
#define ECHO    LT_ECHO
#define ECHOE   LT_ECHOE
/* c_cc */
#define VINTR   LT_VINTR
#define VQUIT   LT_VQUIT
#define VERASE  LT_VERASE
#define VKILL   LT_VKILL
#define VEOF    LT_VEOF
#define VTIME   LT_VTIME
#define VMIN    LT_VMIN
#define VSUSP   LT_VSUSP

/* tcsetattr's `when`: TCSAFLUSH (drop unread input) is not implemented: EINVAL */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
/* raw mode: no ICANON, ECHO, ECHOE, ISIG, ICRNL, OPOST; VMIN 1, VTIME 0 */
void cfmakeraw(struct termios *t);

#endif
