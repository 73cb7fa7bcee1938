/* dirent.h: reading directories. */
#ifndef _LANTERN_LIBC_DIRENT_H
#define _LANTERN_LIBC_DIRENT_H

#include <sys/types.h>
#include <lantern/vfs.h>

/* One entry: the layout of struct vfs_dirent (lantern/vfs.h). */
struct dirent {
    ino_t d_ino;
    char  d_name[VFS_NAME_MAX + 4];
};

#define DIR_BUF_ENTRIES 8
typedef struct {
    int fd;
    int next, count;                   /* entries in buf */
    struct dirent buf[DIR_BUF_ENTRIES];
} DIR;

/* Raw: fill buf with up to nbytes of struct dirent; bytes, 0 at the end. */
int getdents(int fd, struct dirent *buf, size_t nbytes);
DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);

#endif
