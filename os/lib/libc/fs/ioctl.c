/* ioctl.c: ioctl(), a VFS_IOCTL request with a grant over the argument.
 *
 * VFS cannot know the size of an argument, so libc lends exactly the
 * request's struct (lantern/chardev.h's table below) with the access the
 * driver needs; an unknown request lends nothing (grant -1) and the driver
 * answers ENOTTY. */
#include <stdarg.h>
#include <sys/ioctl.h>
#include <safecopies.h>
#include "vfscall.h"

static const struct { unsigned long request; uint32_t len, access; } args[] = {
    { TCGETS,    sizeof(struct lt_termios), CPF_WRITE },
    { TCSETS,    sizeof(struct lt_termios), CPF_READ },
    { TCSETSW,   sizeof(struct lt_termios), CPF_READ },
    { TIOCGPGRP, sizeof(int32_t),           CPF_WRITE },
    { TIOCSPGRP, sizeof(int32_t),           CPF_READ },
    { TIOCSTI,   1,                         CPF_READ },
};

int ioctl(int fd, unsigned long request, ...)
{
    struct vfs_req rq = { .fd = fd, .flags = (int32_t)request, .grant = -1 };
    struct vfs_lend l = { .buf = 0 };
    va_list ap;

    va_start(ap, request);
    l.buf = va_arg(ap, void *);
    va_end(ap);
    for (unsigned i = 0; i < sizeof(args) / sizeof(args[0]); i++)
        if (args[i].request == request) {
            l.len = args[i].len;
            l.access = args[i].access;
        }
    return _vfs_call(VFS_IOCTL, &rq, &l, NULL);
}
