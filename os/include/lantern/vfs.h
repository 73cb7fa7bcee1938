/* vfs.h: the protocol of VFS, the POSIX file layer (servers/vfs).
 *
 * Every process may ask (VFS's IPC list admits users); libc's file calls
 * (open, read, ... in os/lib/libc/fs/) are the wrappers.  A process only
 * ever names its own descriptors: VFS keys its tables by the endpoint the
 * kernel stamps on the message, so no request can reach another process's
 * files.  User memory reaches VFS only through grants the caller makes for
 * VFS: a path is a grant (CPF_READ) over the caller's string, with its
 * address so VFS can copy it page by page up to the NUL (a bad pointer then
 * gives EFAULT, never a fault); data buffers are grants (CPF_WRITE for read,
 * CPF_READ for write) that VFS passes on to MFS as indirect grants.
 *
 * Device files (character-special, lantern/mfs_format.h's MFS_DEV) are
 * served by their driver (major 4: the label "tty", lantern/chardev.h):
 * VFS is its one client and passes the data on as indirect grants.  A read
 * that must wait suspends the caller in VFS; VFS_IOCTL's TIOCSTI is for
 * system processes only (a user gets EPERM); lseek on a device is ESPIPE;
 * a device with no driver running is ENXIO.
 *
 * Reply: m_type = result (>= 0) or a negative errno; VFS_PIPE puts the two
 * descriptors in m_i32[0..1], VFS_LSEEK the position in m_type.
 */
#ifndef LANTERN_VFS_H
#define LANTERN_VFS_H

#include <lantern/types.h>
#include <lantern/message.h>

#define VFS_PATH_MAX   256     /* bytes with the NUL; longer: ENAMETOOLONG */
#define VFS_OPEN_MAX   16      /* descriptors per process; more: EMFILE */

#define VFS_RQ_BASE    0xE00
#define VFS_OPEN       0xE00   /* path, flags, mode -> fd */
#define VFS_CLOSE      0xE01   /* fd */
#define VFS_READ       0xE02   /* fd, grant, count -> bytes */
#define VFS_WRITE      0xE03   /* fd, grant, count -> bytes */
#define VFS_LSEEK      0xE04   /* fd, offset, whence -> position */
#define VFS_STAT       0xE05   /* path, grant2 (struct vfs_stat) */
#define VFS_FSTAT      0xE06   /* fd, grant2 (struct vfs_stat) */
#define VFS_MKDIR      0xE07   /* path, mode */
#define VFS_RMDIR      0xE08   /* path */
#define VFS_UNLINK     0xE09   /* path */
#define VFS_LINK       0xE0A   /* path (existing), path2 (new name) */
#define VFS_RENAME     0xE0B   /* path (old), path2 (new) */
#define VFS_CHDIR      0xE0C   /* path */
#define VFS_GETCWD     0xE0D   /* grant, count -> length with the NUL */
#define VFS_GETDENTS   0xE0E   /* fd, grant, count -> bytes of struct vfs_dirent */
#define VFS_DUP        0xE0F   /* fd -> lowest free fd */
#define VFS_DUP2       0xE10   /* fd, fd2 -> fd2 */
#define VFS_PIPE       0xE11   /* -> m_i32[0] read end, m_i32[1] write end */
#define VFS_TRUNCATE   0xE12   /* path, offset (new size) */
#define VFS_FTRUNCATE  0xE13   /* fd, offset */
#define VFS_FSYNC      0xE14   /* fd */
#define VFS_SYNC       0xE15   /* - */
#define VFS_GIVEFD     0xE16   /* fd, target (a child of the caller), fd2 -> fd2 in the child */
#define VFS_STATS      0xE17   /* grant2 (struct vfs_stats): table use, for leak checks */
/* exec's block (docs/processes.md): PM's requests to VFS, PM only (anyone
 * else: EPERM), and fcntl.  Direction rule: PM may sendrec VFS; VFS never
 * sendrecs PM, so these never deadlock. */
#define VFS_PM_FORK    0xE30   /* PM: fd = parent endpoint, target = child: copy fds and cwd */
#define VFS_PM_EXIT    0xE31   /* PM, by SENDNB: target = a process that is gone: close all
                                  (vfs_proc_gone); no answer */
#define VFS_PM_READEXEC 0xE32  /* PM: target's view of path (grant, addr): read count bytes at
                                  offset into PM's grant2 -> bytes; m_i32[12] = file size */
#define VFS_PM_EXEC    0xE33   /* PM: target = a process past exec's point of no return:
                                  close its close-on-exec descriptors */
#define VFS_FCNTL      0xE34   /* everyone: fd, flags = F_* command, mode = argument */
/* PM only (EPERM for anyone else): answer m1.i1's suspended request (a
 * pipe read or write) with EINTR: it is to run a signal handler.  Reply
 * OK, or ESRCH when that process has no suspended request. */
#define VFS_PM_UNPAUSE 0xE38
/* ttyvfs block (0xE18-0xE2F): device files (docs/files.md, "Device files") */
#define VFS_IOCTL      0xE18   /* fd, flags = request (TC*, TIOC*), grant (the argument, or -1) */
#define VFS_RQ_LAST    0xE3F

/* VFS_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define VFS_MTYPE_TABLE(X) \
    X(VFS_OPEN,      "vfs", "open (or create) a file: path, flags, mode") \
    X(VFS_CLOSE,     "vfs", "close a descriptor") \
    X(VFS_READ,      "vfs", "read from a descriptor into the caller's grant") \
    X(VFS_WRITE,     "vfs", "write to a descriptor from the caller's grant") \
    X(VFS_LSEEK,     "vfs", "move a descriptor's position") \
    X(VFS_STAT,      "vfs", "status of a path") \
    X(VFS_FSTAT,     "vfs", "status of a descriptor") \
    X(VFS_MKDIR,     "vfs", "make a directory") \
    X(VFS_RMDIR,     "vfs", "remove an empty directory") \
    X(VFS_UNLINK,    "vfs", "remove a name of a file") \
    X(VFS_LINK,      "vfs", "add a name for a file") \
    X(VFS_RENAME,    "vfs", "rename a file or directory") \
    X(VFS_CHDIR,     "vfs", "change the working directory") \
    X(VFS_GETCWD,    "vfs", "the working directory's path") \
    X(VFS_GETDENTS,  "vfs", "directory entries from a descriptor") \
    X(VFS_DUP,       "vfs", "duplicate a descriptor") \
    X(VFS_DUP2,      "vfs", "duplicate a descriptor onto a given number") \
    X(VFS_PIPE,      "vfs", "make a pipe: two descriptors") \
    X(VFS_TRUNCATE,  "vfs", "set a file's size by path") \
    X(VFS_FTRUNCATE, "vfs", "set a file's size by descriptor") \
    X(VFS_FSYNC,     "vfs", "write a file's blocks to the disk") \
    X(VFS_SYNC,      "vfs", "write every dirty block to the disk") \
    X(VFS_GIVEFD,    "vfs", "give a child process a copy of a descriptor") \
    X(VFS_STATS,     "vfs", "VFS and MFS table use (leak checks)") \
    X(VFS_PM_FORK,   "vfs", "PM: a forked child gets a copy of its parent's descriptors (PM only)") \
    X(VFS_PM_EXIT,   "vfs", "PM: a process is gone, close its files (PM only)") \
    X(VFS_PM_READEXEC, "vfs", "PM: read a program file for exec as the process sees it (PM only)") \
    X(VFS_PM_EXEC,   "vfs", "PM: a process exec'd, close its close-on-exec descriptors (PM only)") \
    X(VFS_FCNTL,     "vfs", "descriptor flags (FD_CLOEXEC), status flags, F_DUPFD") \
    VFS_SIGNAL_MTYPE_TABLE(X)
#define VFS_SIGNAL_MTYPE_TABLE(X) \
    X(VFS_PM_UNPAUSE,"vfs", "PM only: end a process's suspended request with EINTR (a signal)") \
    X(VFS_IOCTL,     "vfs", "device control on a descriptor (terminals: termios)")

/* open flags (the POSIX values) */
#define VFS_O_RDONLY   0x0
#define VFS_O_WRONLY   0x1
#define VFS_O_RDWR     0x2
#define VFS_O_ACCMODE  0x3
#define VFS_O_CREAT    0x40
#define VFS_O_EXCL     0x80
#define VFS_O_TRUNC    0x200
#define VFS_O_APPEND   0x400
#define VFS_O_NONBLOCK 0x800   /* a device read with nothing ready: EAGAIN */
#define VFS_O_DIRECTORY 0x10000
#define VFS_O_CLOEXEC  0x80000  /* the new descriptor is closed by exec */

/* VFS_FCNTL commands (the POSIX values) and the descriptor flag */
#define VFS_F_DUPFD    0       /* lowest free fd >= mode */
#define VFS_F_GETFD    1       /* -> VFS_FD_CLOEXEC or 0 */
#define VFS_F_SETFD    2       /* mode = VFS_FD_CLOEXEC or 0 */
#define VFS_F_GETFL    3       /* -> the open flags (access mode, O_APPEND) */
#define VFS_FD_CLOEXEC 1
#define VFS_EXEC_READ_MAX 16384 /* VFS_PM_READEXEC: most bytes one request reads */

/* The request, in the message payload. */
struct vfs_req {
    int32_t  fd, fd2;
    int32_t  grant;            /* data buffer, or the path */
    uint32_t addr;             /* the path's address in the caller (page-wise copy) */
    uint32_t count;
    int32_t  grant2;           /* second path, or a struct's grant */
    uint32_t addr2;
    int32_t  flags, mode;
    int32_t  offset, whence;
    endpoint_t target;         /* VFS_GIVEFD */
};
LANTERN_STATIC_ASSERT(sizeof(struct vfs_req) <= MESSAGE_PAYLOAD, "vfs_req fits a message");

struct vfs_stat {
    uint32_t ino, mode, nlinks, size;
    uint32_t atime, mtime, ctime;
    uint32_t dev;              /* 1 = the root file system, 2 = a pipe */
    uint32_t rdev;             /* a device file's MFS_DEV(major, minor), else 0 */
};

#define VFS_NAME_MAX   60      /* bytes in a name (MFS_NAME_MAX) */
struct vfs_dirent {
    uint32_t d_ino;
    char     d_name[VFS_NAME_MAX + 4];   /* NUL-terminated */
};

struct vfs_stats {
    uint32_t procs, filps, vnodes, pipes;   /* in use in VFS */
    uint32_t free_blocks, free_inodes;      /* MFS */
    uint32_t cache_hits, cache_misses;      /* MFS's block cache */
    uint32_t driver_retries;                /* requests MFS sent again after a driver died */
    uint32_t dev_reads;                     /* device reads waiting in VFS (sent or queued) */
    uint32_t dev_resent;                    /* device reads sent again after a driver restart */
};

#endif
