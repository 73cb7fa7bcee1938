/* vfs.h: VFS's internal interfaces.
 *
 * VFS is the POSIX file layer: per-process descriptor tables (proc.c), the
 * open-file and vnode tables (filp.c), path lookup (path.c), the client of
 * the file server (fsclient.c), pipes (pipe.c), device files (dev.c,
 * ops_dev.c) and the requests (ops_file.c, ops_path.c).  Single-threaded: a
 * request to MFS or a driver is a sendrec, so VFS waits for it (a driver
 * answers at once); only pipe reads and writes and device reads are ever
 * suspended (answered later, main.c's reply()).
 *
 * Tables: a process owns its fproc (found by the endpoint the kernel
 * stamps on each message: nobody can name another's descriptors); an fd
 * points at a filp (shared by dup and VFS_GIVEFD, with the position); a
 * filp at a vnode (one per open inode, holding MFS's reference) or a pipe.
 */
#ifndef VFS_VFS_H
#define VFS_VFS_H

#include <sys.h>
#include <lantern/vfs.h>
#include <lantern/fsproto.h>

#define NR_FPROCS  64
#define NR_FILPS   128
#define NR_VNODES  96
#define NR_PIPES   16
#define PIPE_SIZE  4096
#define ROOT_INO   1u

struct vnode {
    uint32_t ino;             /* 0 = free */
    uint32_t refs;            /* filps and working directories */
    uint32_t mode;
    uint32_t rdev;            /* a device file's number (lantern/mfs_format.h), else 0 */
};

struct pipe;
struct filp {
    uint32_t refs;            /* 0 = free */
    int      flags;           /* VFS_O_* given at open */
    uint32_t pos;
    struct vnode *vn;         /* a file, or */
    struct pipe *pipe;        /* a pipe end (flags say which) */
    int      dev;             /* opened at a device's driver: CDEV_CLOSE at the end */
};

struct fproc {
    endpoint_t ep;            /* NONE = free */
    struct filp *fd[VFS_OPEN_MAX];
    struct vnode *cwd;
    char cwd_path[VFS_PATH_MAX];
    uint32_t cloexec;         /* bit fd: close at exec; set only while fd is open */
};

/* main.c */
void reply(endpoint_t to, int result, const message *payload);

/* proc.c */
struct fproc *fproc_get(endpoint_t ep, int create, int *err);
int fd_alloc(struct fproc *fp, int from);
struct filp *fd_filp(struct fproc *fp, int fd);
void fproc_close_all(struct fproc *fp);
void fproc_sweep(void);
int fproc_parent(endpoint_t ep, endpoint_t *parent);   /* the kernel's parent of ep */
void fd_set_cloexec(struct fproc *fp, int fd, int on);
uint32_t fprocs_in_use(void);

/* filp.c */
struct vnode *vnode_get(uint32_t ino, uint32_t mode, int *err);
void vnode_put(struct vnode *vn);
struct filp *filp_new(int flags, int *err);
void filp_put(struct filp *f);
uint32_t filps_in_use(void);
uint32_t vnodes_in_use(void);

/* fsclient.c: requests to MFS; the node reply in *node when given */
void fs_connect(void);            /* look MFS up (at start, before PM may call) */
int fs_lookup(uint32_t dir, const char *name, struct fs_node *node);
int fs_create(int type, uint32_t dir, const char *name, uint32_t mode, struct fs_node *node);
int fs_remove(int type, uint32_t dir, const char *name);
int fs_link(uint32_t dir, const char *name, uint32_t ino);
int fs_rename(uint32_t dir, const char *name, uint32_t dir2, const char *name2);
int fs_io(int type, uint32_t ino, uint32_t pos, uint32_t count, endpoint_t user, int32_t ugrant,
          struct fs_node *node);
int fs_simple(int type, uint32_t ino, uint32_t pos, struct fs_node *node);
int fs_statfs(struct fs_statfs *st);

/* path.c */
int path_copy(endpoint_t who, int32_t grant, uint32_t addr, char *buf);
/* The directory that holds the last component of path, and that name
 * ("" for "/").  trailing: the path ended in '/'. */
int path_parent(struct fproc *fp, const char *path, uint32_t *dir, char *name, int *trailing);
/* The node a path names. */
int path_node(struct fproc *fp, const char *path, struct fs_node *node);
void path_join(char *out, const char *cwd, const char *path);

/* pipe.c */
void pipe_init(void);
int pipe_make(struct fproc *fp, message *m);
int pipe_rw(struct fproc *fp, struct filp *f, int write, int32_t grant, uint32_t count);
void pipe_end_closed(struct pipe *p, int flags);
void pipe_forget(endpoint_t ep);
int pipe_interrupt(endpoint_t ep);          /* EINTR to its suspended call */
int do_pm_unpause(const message *m);         /* unpause.c: VFS_PM_UNPAUSE */
uint32_t pipes_in_use(void);

/* pmreq.c: PM's requests (VFS_PM_*, PM only) and the cleanup of a
 * process that is gone: every table that can hold a process's state is
 * cleared in vfs_proc_gone (extend it there). */
int pm_request(message *m);
int is_pm_request(int type);
void vfs_proc_gone(endpoint_t ep);
int fproc_fork(endpoint_t parent, endpoint_t child);
void fproc_exec(struct fproc *fp);

/* ops_fcntl.c */
int do_fcntl(struct fproc *fp, message *m);
/* dev.c: device files through their drivers (lantern/chardev.h) */
struct driver;
void dev_init(void);
struct driver *dev_driver(uint32_t rdev);
int dev_simple(uint32_t rdev, int type, endpoint_t user, int32_t ugrant, uint32_t count,
               int32_t request);
int dev_read(struct fproc *fp, struct filp *f, int32_t ugrant, uint32_t count);
int dev_notify(endpoint_t from);
void dev_proc_gone(endpoint_t ep);
int dev_unpause(endpoint_t ep);
void dev_check_restart(void);
uint32_t dev_reads_waiting(void);
uint32_t dev_reads_resent(void);

/* ops_dev.c: the device side of open, close, read/write, and VFS_IOCTL */
#define ISCHR(mode) (((mode) & 0170000) == 0020000)
int dev_open(struct filp *f, const struct fs_node *node);
void dev_close(struct filp *f);
int dev_rw(struct fproc *fp, struct filp *f, int write, message *m);
int do_ioctl(struct fproc *fp, message *m);

/* ops_file.c, ops_path.c: the handlers; the answer, or EDONTREPLY */
int do_open(struct fproc *fp, message *m);
int do_close(struct fproc *fp, message *m);
int do_rw(struct fproc *fp, message *m);
int do_lseek(struct fproc *fp, message *m);
int do_fstat(struct fproc *fp, message *m);
int do_dup(struct fproc *fp, message *m);
int do_ftruncate(struct fproc *fp, message *m);
int do_getdents(struct fproc *fp, message *m);
int do_fsync(struct fproc *fp, message *m);
int do_givefd(struct fproc *fp, message *m);
int do_stat(struct fproc *fp, message *m);
int do_mkdir(struct fproc *fp, message *m);
int do_remove(struct fproc *fp, message *m);
int do_link(struct fproc *fp, message *m);
int do_chdir(struct fproc *fp, message *m);
int do_getcwd(struct fproc *fp, message *m);
int do_truncate(struct fproc *fp, message *m);
int do_sync(struct fproc *fp, message *m);
int do_stats(struct fproc *fp, message *m);

#define VRQ(m) ((struct vfs_req *)&(m)->m_u)

#endif
