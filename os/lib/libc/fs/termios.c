/* termios.c: the POSIX terminal calls over ioctl (termios.h, docs/tty.md).
 * struct termios is the driver's struct lt_termios, so nothing is
 * converted. */
#include <errno.h>
#include <termios.h>
#include <sys/ioctl.h>

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t) < 0 ? -1 : 0;
}

int tcsetattr(int fd, int when, const struct termios *t)
{
    if (when != TCSANOW && when != TCSADRAIN) {
        errno = EINVAL;            /* TCSAFLUSH: not implemented */
        return -1;
    }
    return ioctl(fd, when == TCSANOW ? TCSETS : TCSETSW, t) < 0 ? -1 : 0;
}

pid_t tcgetpgrp(int fd)
{
    int32_t pgrp = 0;

    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : (pid_t)pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int32_t p = pgrp;

    return ioctl(fd, TIOCSPGRP, &p) < 0 ? -1 : 0;
}

void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)ICRNL;
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHOE | ISIG);
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}
