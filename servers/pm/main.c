/* pm: the process manager.  It keeps the process tree (tree.c) from the
 * kernel's process events and answers PM_WAIT and PM_GETPROC (lantern/pm.h).
 * PM never blocks on a client: a reply goes out with the next receive
 * (sef_reply_receive, dropped if the caller no longer waits), and late
 * replies and notifications are non-blocking. */
#include <string.h>
#include <stdio.h>
#include <sef.h>
#include <lantern/pm.h>
#include "tree.h"
#include "check.h"
#include "proclist.h"

void drain_events(void)
{
    struct proc_event ev;
    int r;
    while ((r = sys_procevent(&ev)) == OK) {
        tree_event(&ev);
        vfs_note_event(&ev);    /* VFS_PM_EXIT (vfs.c) */
    }
    if (r != EAGAIN)
        printf("pm: reading process events failed: %s\n", strerror(r));
}

static int do_getproc(const message *rq, message *reply)
{
    endpoint_t ep = rq->m_u.m1.i1 == SELF ? rq->m_source : rq->m_u.m1.i1;
    struct mproc *p = tree_find(ep);
    if (!p)
        return ESRCH;
    reply->m_u.m1.i1 = p->pid;
    reply->m_u.m1.i2 = mproc[p->parent].pid;
    reply->m_u.m1.i3 = mproc[p->parent].ep;
    memcpy(reply->m_u.m_str + PM_NAME_OFF, p->name, 16);
    return OK;
}

static int pm_init(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    drain_events();            /* the boot processes, all started before PM runs */
    tree_link_boot();
    PM_CHECK_BREAK();          /* CHECK=1 only: checkbreak=pmtree (check.c) */
    return OK;
}

endpoint_t pm_caller = NONE;

/* A request's answer, or EDONTREPLY (tree_wait answers later). */
static int handle(const message *m, message *reply)
{
    struct mproc *caller = tree_find(m->m_source);
    memset(reply, 0, sizeof(*reply));
    pm_caller = m->m_source;
    switch (m->m_type) {
    case PM_WAIT:
        return caller ? tree_wait(caller, m->m_u.m1.i1, m->m_u.m1.i2, reply) : ECHILD;
    case PM_FORK:
        return caller ? fork_proc(caller, reply) : ESRCH;
    case PM_GETPROC:
        return do_getproc(m, reply);
    /* signals, alarm, process groups (signal.c, sigcalls.c, alarm.c, pgrp.c) */
    case PM_KILL:        return do_kill(m, reply);
    case PM_SIGACTION:   return caller ? do_sigaction(caller, m) : ESRCH;
    case PM_SIGPROCMASK: return caller ? do_sigprocmask(caller, m) : ESRCH;
    case PM_SIGPENDING:  return caller ? do_sigpending(caller, m) : ESRCH;
    case PM_SIGSUSPEND:  return caller ? do_sigsuspend(caller, m) : ESRCH;
    case PM_SIGRETMASK:  return caller ? do_sigretmask(caller, m) : ESRCH;
    case PM_ALARM:       return caller ? do_alarm(caller, m, reply) : ESRCH;
    case PM_SETPGID:     return caller ? do_setpgid(caller, m) : ESRCH;
    case PM_GETPGID:     return caller ? do_getpgid(caller, m, reply) : ESRCH;
    case PM_EXEC:
        return caller ? exec_proc(caller, m) : ESRCH;
    case PM_PROCLIST:                   /* shexec: ps (proclist.c) */
        return do_proclist(m, reply);
    case PM_STATS:
        return tree_stats(reply);
    default:
        return EBADREQUEST;
    }
}

int main(void)
{
    message m, reply;
    endpoint_t to = NONE;           /* the caller owed a reply, sent with the next receive */
    int r;

    sef_setcb_init_fresh(pm_init);
    sef_setcb_init_restart(sef_cb_init_restart_fail);   /* the tree would be lost */
    sef_startup();
    for (;;) {
        r = to == NONE ? sef_receive(ANY, &m) : sef_reply_receive(to, &m, ANY);
        to = NONE;
        if (r != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            /* SYSTEM notifies when process events are pending.  The kernel
             * delivers notifications before queued requests, so a request
             * never overtakes the event it depends on. */
            if (m.m_source == SYSTEM)
                drain_events();
            else if (m.m_source == CLOCK) {
                vfs_flush();            /* VFS was busy: exits again (vfs.c) */
                alarm_expired();        /* SIGALRMs; sets PM's one alarm (alarm.c) */
            } else
                vfs_note_ready(m.m_source);     /* VFS's loop runs (vfs.c) */
            PM_CHECK();         /* CHECK=1 only: the tree's invariants (check.c) */
            continue;
        }
        r = handle(&m, &reply);
        PM_CHECK();
        if (r == EDONTREPLY)
            continue;
        reply.m_type = r;
        to = m.m_source;
        m = reply;                  /* REPLY_RECV sends from, and receives into, one buffer */
    }
}
