/* sys/stat.h: stat(), fstat(), mkdir() and the mode bits. */
#ifndef _LANTERN_LIBC_SYS_STAT_H
#define _LANTERN_LIBC_SYS_STAT_H

#include <sys/types.h>

/* The same layout as struct vfs_stat (lantern/vfs.h), which VFS fills. */
struct stat {
    ino_t   st_ino;
    mode_t  st_mode;
    nlink_t st_nlink;
    off_t   st_size;
    time_t  st_atime, st_mtime, st_ctime;
    dev_t   st_dev;
    dev_t   st_rdev;        /* a device file's (major << 8) | minor, else 0 */
};

#define S_IFMT   0170000
#define S_IFREG  0100000
#define S_IFDIR  0040000
#define S_IFIFO  0010000
#define S_IFCHR  0020000
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);

#endif
