/* fcntl.h: open() and its flags (the values are lantern/vfs.h's). */
#ifndef _LANTERN_LIBC_FCNTL_H
#define _LANTERN_LIBC_FCNTL_H

#include <lantern/vfs.h>
#include <sys/types.h>

#define O_RDONLY    VFS_O_RDONLY
#define O_WRONLY    VFS_O_WRONLY
#define O_RDWR      VFS_O_RDWR
#define O_ACCMODE   VFS_O_ACCMODE
#define O_CREAT     VFS_O_CREAT
#define O_EXCL      VFS_O_EXCL
#define O_TRUNC     VFS_O_TRUNC
#define O_APPEND    VFS_O_APPEND
#define O_DIRECTORY VFS_O_DIRECTORY
#define O_CLOEXEC   VFS_O_CLOEXEC

/* fcntl() commands (fs/fcntl.c) */
#define F_DUPFD     VFS_F_DUPFD
#define F_GETFD     VFS_F_GETFD
#define F_SETFD     VFS_F_SETFD
#define F_GETFL     VFS_F_GETFL
#define FD_CLOEXEC  VFS_FD_CLOEXEC
#define O_NONBLOCK  VFS_O_NONBLOCK

int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
