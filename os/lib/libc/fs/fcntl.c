/* fcntl.c: fcntl() (VFS_FCNTL, lantern/vfs.h): F_DUPFD, F_GETFD/F_SETFD
 * (FD_CLOEXEC: closed by exec, docs/processes.md) and F_GETFL.  The third
 * argument is an int for every command Lantern has. */
#include <stdarg.h>
#include <fcntl.h>
#include "vfscall.h"

int fcntl(int fd, int cmd, ...)
{
    struct vfs_req rq = { .fd = fd, .flags = cmd };
    va_list ap;

    va_start(ap, cmd);
    if (cmd == F_DUPFD || cmd == F_SETFD)
        rq.mode = va_arg(ap, int);
    va_end(ap);
    return _vfs_call(VFS_FCNTL, &rq, NULL, NULL);
}
