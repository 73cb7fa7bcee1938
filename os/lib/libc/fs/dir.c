/* dir.c: reading directories: getdents (raw) and opendir/readdir/closedir,
 * which read DIR_BUF_ENTRIES entries per request. */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <safecopies.h>
#include "vfscall.h"

LANTERN_STATIC_ASSERT(sizeof(struct dirent) == sizeof(struct vfs_dirent), "dirent layout");

int getdents(int fd, struct dirent *buf, size_t nbytes)
{
    struct vfs_req rq = { .fd = fd, .count = nbytes };
    struct vfs_lend l = { .buf = buf, .len = nbytes, .access = CPF_WRITE };
    return _vfs_call(VFS_GETDENTS, &rq, &l, NULL);
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    DIR *d;

    if (fd < 0)
        return NULL;
    if (!(d = malloc(sizeof(*d)))) {
        close(fd);
        return NULL;
    }
    d->fd = fd;
    d->next = d->count = 0;
    return d;
}

struct dirent *readdir(DIR *d)
{
    if (d->next == d->count) {
        int r = getdents(d->fd, d->buf, sizeof(d->buf));
        if (r <= 0)
            return NULL;
        d->count = r / (int)sizeof(struct dirent);
        d->next = 0;
    }
    return &d->buf[d->next++];
}

int closedir(DIR *d)
{
    int r = close(d->fd);
    free(d);
    return r;
}
