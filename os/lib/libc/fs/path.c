/* path.c: libc's path calls (unistd.h, sys/stat.h, stdio.h's rename). */
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <safecopies.h>
#include "vfscall.h"

static int path_call(int type, const char *path, const char *path2, struct vfs_req *rq)
{
    struct vfs_req none;
    struct vfs_lend l = { .path = path, .path2 = path2 };

    if (!rq) {
        memset(&none, 0, sizeof(none));
        rq = &none;
    }
    return _vfs_call(type, rq, &l, NULL) < 0 ? -1 : 0;
}

int stat(const char *path, struct stat *st)
{
    struct vfs_req rq;
    struct vfs_lend l = { .path = path, .buf = st, .len = sizeof(*st), .access = CPF_WRITE,
                          .buf_second = 1 };
    memset(&rq, 0, sizeof(rq));
    return _vfs_call(VFS_STAT, &rq, &l, NULL) < 0 ? -1 : 0;
}

int mkdir(const char *path, mode_t mode)
{
    struct vfs_req rq = { .mode = (int32_t)mode };
    return path_call(VFS_MKDIR, path, NULL, &rq);
}

int rmdir(const char *path) { return path_call(VFS_RMDIR, path, NULL, NULL); }
int unlink(const char *path) { return path_call(VFS_UNLINK, path, NULL, NULL); }
int link(const char *a, const char *b) { return path_call(VFS_LINK, a, b, NULL); }
int rename(const char *a, const char *b) { return path_call(VFS_RENAME, a, b, NULL); }
int chdir(const char *path) { return path_call(VFS_CHDIR, path, NULL, NULL); }

int truncate(const char *path, off_t length)
{
    struct vfs_req rq = { .offset = length };
    return path_call(VFS_TRUNCATE, path, NULL, &rq);
}

char *getcwd(char *buf, size_t size)
{
    struct vfs_req rq = { .count = size };
    struct vfs_lend l = { .buf = buf, .len = size, .access = CPF_WRITE };
    return _vfs_call(VFS_GETCWD, &rq, &l, NULL) < 0 ? NULL : buf;
}

void sync(void)
{
    struct vfs_req rq;
    memset(&rq, 0, sizeof(rq));
    _vfs_call(VFS_SYNC, &rq, NULL, NULL);
}
