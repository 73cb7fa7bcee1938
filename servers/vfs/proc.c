/* proc.c: VFS's per-process tables.
 *
 * An fproc is made at a process's first request (working directory: the
 * root), or copied from its parent at a fork (VFS_PM_FORK, pmreq.c), and
 * lives until PM says the process is gone (VFS_PM_EXIT: vfs_proc_gone).
 * PM tells VFS of every exit it reads, so nothing polls.  fproc_sweep (the
 * kernel's process table: close what belongs to dead endpoints) remains
 * only as a safety net when the table is full.  Endpoints carry a
 * generation, so a new process in a dead one's slot never inherits files.
 *
 * Close-on-exec: bit fd of fp->cloexec, set by O_CLOEXEC or F_SETFD; the
 * invariant "a bit is set only while its fd is open" is kept by every
 * place that empties or refills a slot (close, dup2, exec, close_all).
 */
#include <string.h>
#include "vfs.h"

static struct fproc fprocs[NR_FPROCS];
static int initialized;

static void init_table(void)
{
    for (int i = 0; i < NR_FPROCS; i++)
        fprocs[i].ep = NONE;
    initialized = 1;
}

static struct fproc *find(endpoint_t ep)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (fprocs[i].ep == ep)
            return &fprocs[i];
    return NULL;
}

struct fproc *fproc_get(endpoint_t ep, int create, int *err)
{
    struct fproc *fp;

    if (!initialized)
        init_table();
    if ((fp = find(ep)) || !create)
        return fp;
    if (!(fp = find(NONE))) {
        fproc_sweep();
        if (!(fp = find(NONE))) {
            *err = ENFILE;
            return NULL;
        }
    }
    memset(fp, 0, sizeof(*fp));
    fp->ep = NONE;
    if (!(fp->cwd = vnode_get(ROOT_INO, 0, err)))
        return NULL;                /* e.g. EIO: MFS refused its image */
    fp->ep = ep;
    strcpy(fp->cwd_path, "/");
    return fp;
}

int fd_alloc(struct fproc *fp, int from)
{
    for (int fd = from; fd < VFS_OPEN_MAX; fd++)
        if (!fp->fd[fd])
            return fd;
    return EMFILE;
}

struct filp *fd_filp(struct fproc *fp, int fd)
{
    return fd >= 0 && fd < VFS_OPEN_MAX ? fp->fd[fd] : NULL;
}

void fproc_close_all(struct fproc *fp)
{
    pipe_forget(fp->ep);        /* its suspended pipe calls die with it */
    dev_proc_gone(fp->ep);      /* its waiting device read is cancelled */
    for (int fd = 0; fd < VFS_OPEN_MAX; fd++)
        if (fp->fd[fd]) {
            filp_put(fp->fd[fd]);
            fp->fd[fd] = NULL;
        }
    fp->cloexec = 0;
    vnode_put(fp->cwd);
    fp->cwd = NULL;
    fp->ep = NONE;
}

void fproc_sweep(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);

    if (n < 0)
        return;
    for (int i = 0; i < NR_FPROCS; i++) {
        int live = 0;
        if (fprocs[i].ep == NONE)
            continue;
        for (int j = 0; j < n && !live; j++)
            live = tab[j].endpoint == fprocs[i].ep && !(tab[j].flags & PI_STOPPED);
        if (!live)
            vfs_proc_gone(fprocs[i].ep);
    }
}

int fproc_parent(endpoint_t ep, endpoint_t *parent)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);

    for (int j = 0; j < n; j++)
        if (tab[j].endpoint == ep && !(tab[j].flags & PI_STOPPED)) {
            *parent = tab[j].parent;
            return OK;
        }
    return ESRCH;
}

void fd_set_cloexec(struct fproc *fp, int fd, int on)
{
    if (on)
        fp->cloexec |= 1u << fd;
    else
        fp->cloexec &= ~(1u << fd);
}

uint32_t fprocs_in_use(void)
{
    uint32_t n = 0;
    for (int i = 0; initialized && i < NR_FPROCS; i++)
        n += fprocs[i].ep != NONE;
    return n;
}
