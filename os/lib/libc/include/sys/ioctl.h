/* sys/ioctl.h: device control on a descriptor (fs/ioctl.c).
 *
 * The requests are the terminal's (lantern/chardev.h): TCGETS, TCSETS,
 * TCSETSW (struct termios *), TIOCGPGRP, TIOCSPGRP (pid_t *), TIOCSTI
 * (const char *: one byte processed as typed; users get EPERM).  Any other
 * request is passed on without an argument and the driver answers ENOTTY.
 * Returns 0 (or the driver's count) or -1 with errno: EBADF (not open),
 * ENOTTY (not a terminal), EFAULT (a bad pointer), EINVAL (bad termios). */
#ifndef _LANTERN_LIBC_SYS_IOCTL_H
#define _LANTERN_LIBC_SYS_IOCTL_H

#include <lantern/chardev.h>

int ioctl(int fd, unsigned long request, ...);

#endif
