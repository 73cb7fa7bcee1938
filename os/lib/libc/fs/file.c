/* file.c: libc's descriptor calls (unistd.h, fcntl.h, sys/stat.h), thin
 * wrappers over VFS requests (lantern/vfs.h) through _vfs_call. */
#include <stdarg.h>
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <safecopies.h>
#include "vfscall.h"
#include "../internal.h"

int open(const char *path, int flags, ...)
{
    struct vfs_req rq = { .flags = flags };
    struct vfs_lend l = { .path = path };
    va_list ap;

    if (flags & O_CREAT) {
        va_start(ap, flags);
        rq.mode = (int32_t)va_arg(ap, mode_t);
        va_end(ap);
    }
    return _vfs_call(VFS_OPEN, &rq, &l, NULL);
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
    struct vfs_req rq = { .fd = fd };
    return _vfs_call(VFS_CLOSE, &rq, NULL, NULL);
}

ssize_t read(int fd, void *buf, size_t count)
{
    struct vfs_req rq = { .fd = fd, .count = count };
    struct vfs_lend l = { .buf = buf, .len = count, .access = CPF_WRITE };
    return _vfs_call(VFS_READ, &rq, &l, NULL);
}

/* A pipe write may take part of the buffer: carry on until all of it went
 * or an error (after some bytes, their count is the answer). */
ssize_t write(int fd, const void *buf, size_t count)
{
    size_t done = 0;

    do {
        struct vfs_req rq = { .fd = fd, .count = count - done };
        struct vfs_lend l = { .buf = (char *)buf + done, .len = count - done,
                              .access = CPF_READ };
        int r = _vfs_call(VFS_WRITE, &rq, &l, NULL);
        if (r < 0 && errno == EPIPE)
            __raise_sigpipe();              /* signal.c: default action ends us */
        if (r < 0)
            return done ? (ssize_t)done : -1;
        if (r == 0)
            break;
        done += (size_t)r;
    } while (done < count);
    return (ssize_t)done;
}

off_t lseek(int fd, off_t offset, int whence)
{
    struct vfs_req rq = { .fd = fd, .offset = offset, .whence = whence };
    return _vfs_call(VFS_LSEEK, &rq, NULL, NULL);
}

int fstat(int fd, struct stat *st)
{
    struct vfs_req rq = { .fd = fd };
    struct vfs_lend l = { .buf = st, .len = sizeof(*st), .access = CPF_WRITE, .buf_second = 1 };
    return _vfs_call(VFS_FSTAT, &rq, &l, NULL) < 0 ? -1 : 0;
}

int dup(int fd)
{
    struct vfs_req rq = { .fd = fd };
    return _vfs_call(VFS_DUP, &rq, NULL, NULL);
}

int dup2(int fd, int fd2)
{
    struct vfs_req rq = { .fd = fd, .fd2 = fd2 };
    return _vfs_call(VFS_DUP2, &rq, NULL, NULL);
}

int pipe(int fds[2])
{
    struct vfs_req rq;
    message m;

    memset(&rq, 0, sizeof(rq));
    if (_vfs_call(VFS_PIPE, &rq, NULL, &m) < 0)
        return -1;
    fds[0] = m.m_u.m_i32[0];
    fds[1] = m.m_u.m_i32[1];
    return 0;
}

int ftruncate(int fd, off_t length)
{
    struct vfs_req rq = { .fd = fd, .offset = length };
    return _vfs_call(VFS_FTRUNCATE, &rq, NULL, NULL) < 0 ? -1 : 0;
}

int fsync(int fd)
{
    struct vfs_req rq = { .fd = fd };
    return _vfs_call(VFS_FSYNC, &rq, NULL, NULL) < 0 ? -1 : 0;
}

int givefd(int fd, int32_t child, int fd2)
{
    struct vfs_req rq = { .fd = fd, .fd2 = fd2, .target = child };
    return _vfs_call(VFS_GIVEFD, &rq, NULL, NULL);
}
