/* tree.h: PM's process table and tree. */
#ifndef PM_TREE_H
#define PM_TREE_H

#include <lantern/priv.h>
#include <sys.h>
#include <lantern/signal.h>

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

    /* signals (signal.c, docs/signals.md) */
    uint32_t   sig_pending, sig_blocked;   /* bit SIG_BIT(n); SIGKILL never blocked */
    struct lt_sigaction act[LT_NSIG];
    uint32_t   sig_tramp;   /* libc's trampoline, given with each handler */
    int        paused;      /* blocked in PM_SIGSUSPEND: reply EINTR on a handler */
    int        suspmask;    /* paused with a temporary mask: saved_mask is the real one */
    uint32_t   saved_mask;
    int        pgrp;        /* process group (pgrp.c) */
    uint32_t   alarm_at;    /* uptime tick of its SIGALRM, 0 = none (alarm.c) */
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
int vfs_wants_tick(void);           /* VFS refused an exit: a tick's alarm wanted */
void vfs_flush(void);                   /* queued exits to VFS (non-blocking) */
int vfs_tell(int type, endpoint_t from, endpoint_t target);
int vfs_read_exec(endpoint_t target, const char *path, uint32_t offset, void *buf,
                  uint32_t count, uint32_t *size);
/* signal.c: actions, masks, delivery; sigcalls.c: the requests */
struct mproc *tree_find_pid(int pid);
void sig_post(struct mproc *p, int sig);
void sig_check(struct mproc *p);
void sig_fork(const struct mproc *parent, struct mproc *child);
void sig_exec(struct mproc *p);         /* handlers back to SIG_DFL */
void sig_child_exited(struct mproc *parent);
int sig_may_signal(endpoint_t caller, const struct mproc *target);
int do_kill(const message *m, message *reply);
int do_sigaction(struct mproc *p, const message *m);
int do_sigprocmask(struct mproc *p, const message *m);
int do_sigpending(struct mproc *p, const message *m);
int do_sigsuspend(struct mproc *p, const message *m);
int do_sigretmask(struct mproc *p, const message *m);
extern endpoint_t pm_caller;
void vfs_unpause(endpoint_t who);      /* unpause.c */            /* the request being handled (main.c) */

/* alarm.c */
int do_alarm(struct mproc *p, const message *m, message *reply);
void alarm_expired(void);
void pm_timer_rearm(void);          /* PM's one kernel alarm: the earliest of alarms and vfs.c's retry */
void alarm_drop(struct mproc *p);

/* pgrp.c */
int do_setpgid(struct mproc *p, const message *m);
int do_getpgid(struct mproc *p, const message *m, message *reply);

#endif
