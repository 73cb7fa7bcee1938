/* tree.h: PM's process table and tree. */
#ifndef PM_TREE_H
#define PM_TREE_H

#include <lantern/priv.h>
#include <sys.h>

#define NR_PM_PROCS 128

struct mproc {
    int        used;
    endpoint_t ep;
    int        pid;
    int        parent;      /* index of the parent entry (INIT: itself) */
    char       name[16];
    int        zombie;      /* exited; its parent has not collected it */
    int        status, by;
    int        waiting;     /* blocked in PM_WAIT: reply when a child exits */
    int        wnotify;     /* used WNOTIFY: keep zombies and notify */
    int        boot;        /* a boot process (parent set by tree_link_boot) */
    int        keepz;       /* forked: keep zombies until it waits (POSIX) */
    int        forked;      /* made by PM_FORK: counts against PM_MAX_FORKED */
    int        wait_pid;    /* while waiting: the pid it waits for, or <= 0 */
};

extern struct mproc mproc[NR_PM_PROCS];

void tree_event(const struct proc_event *ev);
void tree_link_boot(void);
struct mproc *tree_find(endpoint_t ep);
int tree_wait(struct mproc *parent, int flags, int pid, message *reply);
int tree_forked(void);                  /* live processes made by fork */
int tree_stats(message *reply);         /* PM_STATS */
void drain_events(void);                /* main.c: read the kernel's process events */

/* fork.c */
int fork_proc(struct mproc *parent, message *reply);

/* exec.c: PM_EXEC (EDONTREPLY on success, or the caller's error) */
int exec_proc(struct mproc *p, const message *m);

/* vfs.c: PM's requests to VFS (VFS_PM_*) */
void vfs_note_event(const struct proc_event *ev);
void vfs_note_ready(endpoint_t who);
int vfs_is_ready(void);
void vfs_flush(void);                   /* queued exits to VFS (non-blocking) */
int vfs_tell(int type, endpoint_t from, endpoint_t target);
int vfs_read_exec(endpoint_t target, const char *path, uint32_t offset, void *buf,
                  uint32_t count, uint32_t *size);

#endif
