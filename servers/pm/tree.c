/* tree.c: the process tree.
 *
 * Invariants: every used entry's parent is a used entry; INIT (pid 1) is its
 * own parent and adopts orphans; RS is INIT's child and the parent of every
 * other boot process, so RS learns about every service exit.  A zombie
 * exists only while its parent asked for zombies (WNOTIFY) or waits. */
#include <string.h>
#include <stdio.h>
#include <lantern/pm.h>
#include "tree.h"

struct mproc mproc[NR_PM_PROCS];
static int next_pid = INIT_PID + 1;
static int init_idx = -1, rs_idx = -1;

struct mproc *tree_find(endpoint_t ep)
{
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used && !mproc[i].zombie && mproc[i].ep == ep)
            return &mproc[i];
    return NULL;
}

static int index_of(const struct mproc *p) { return (int)(p - mproc); }

/* Boot processes (no spawner) hang under INIT and RS; called once every
 * boot process is known, since their events come in slot order. */
void tree_link_boot(void)
{
    for (int i = 0; i < NR_PM_PROCS; i++) {
        struct mproc *p = &mproc[i];
        if (!p->used || !p->boot)
            continue;
        if (i == init_idx)
            p->parent = i;
        else if (i == rs_idx)
            p->parent = init_idx >= 0 ? init_idx : i;
        else
            p->parent = rs_idx >= 0 ? rs_idx : (init_idx >= 0 ? init_idx : i);
    }
}

static int spawner(const struct proc_event *ev, int self)
{
    struct mproc *p = tree_find(ev->parent);
    if (p)
        return index_of(p);
    return init_idx >= 0 ? init_idx : self;     /* spawner gone: an orphan */
}

static void started(const struct proc_event *ev)
{
    int i;
    for (i = 0; i < NR_PM_PROCS && mproc[i].used; i++)
        ;
    if (i == NR_PM_PROCS) {
        printf("pm: process table full; %s (endpoint %d) is not in the tree\n", ev->name, ev->endpoint);
        return;
    }
    struct mproc *p = &mproc[i];
    memset(p, 0, sizeof(*p));
    p->used = 1;
    p->ep = ev->endpoint;
    memcpy(p->name, ev->name, sizeof(p->name));
    p->name[15] = 0;
    if (ev->endpoint == INIT_ENDPOINT && ev->parent == NONE) {
        p->pid = INIT_PID;
        init_idx = i;
    } else {
        p->pid = next_pid++;
    }
    if (ev->endpoint == RS_ENDPOINT && ev->parent == NONE)
        rs_idx = i;
    p->pgrp = p->pid;                           /* its own group (pgrp.c) */
    p->boot = ev->parent == NONE;
    p->parent = p->boot ? i : spawner(ev, i);   /* boot: see tree_link_boot() */
}

static void fill_reply(const struct mproc *child, message *m)
{
    m->m_u.m1.i1 = child->ep;
    m->m_u.m1.i2 = child->status;
    m->m_u.m1.i3 = child->by;
    m->m_u.m1.i4 = child->pid;
}

/* A child of `parent` has exited: hand it over now, keep it, or drop it. */
static void child_exited(struct mproc *parent, struct mproc *child)
{
    if (parent == child) {
        child->used = 0;
        return;
    }
    if (parent->waiting && (parent->wait_pid <= 0 || parent->wait_pid == child->pid)) {
        message m;
        memset(&m, 0, sizeof(m));
        m.m_type = OK;
        fill_reply(child, &m);
        parent->waiting = 0;
        child->used = 0;
        ipc_sendnb(parent->ep, &m);
    } else if (parent->wnotify || parent->keepz) {
        child->zombie = 1;
        if (parent->wnotify)
            ipc_notify(parent->ep);
    } else {
        child->used = 0;
    }
}

static void exited(const struct proc_event *ev)
{
    struct mproc *p = tree_find(ev->endpoint);
    if (!p)
        return;
    p->status = ev->status;
    p->by = ev->by;
    p->waiting = 0;
    for (int i = 0; i < NR_PM_PROCS; i++) {            /* orphans go to INIT */
        struct mproc *c = &mproc[i];
        if (!c->used || c == p || c->parent != index_of(p))
            continue;
        c->parent = init_idx >= 0 && init_idx != index_of(p) ? init_idx : i;
        if (c->zombie) {
            c->zombie = 0;
            child_exited(&mproc[c->parent], c);
        }
    }
    child_exited(&mproc[p->parent], p);
    sig_child_exited(&mproc[p->parent]);        /* SIGCHLD (signal.c) */
}

void tree_event(const struct proc_event *ev)
{
    if (ev->kind == PROC_EV_START)
        started(ev);
    else if (ev->kind == PROC_EV_EXIT)
        exited(ev);
}

int tree_forked(void)
{
    int n = 0;
    for (int i = 0; i < NR_PM_PROCS; i++)
        n += mproc[i].used && mproc[i].forked;
    return n;
}

int tree_stats(message *reply)
{
    int n = 0;
    for (int i = 0; i < NR_PM_PROCS; i++)
        n += mproc[i].used;
    reply->m_u.m1.i1 = n;
    reply->m_u.m1.i2 = tree_forked();
    return OK;
}

int tree_wait(struct mproc *parent, int flags, int pid, message *reply)
{
    int children = 0;

    if (flags & WNOTIFY)
        parent->wnotify = 1;
    for (int i = 0; i < NR_PM_PROCS; i++) {
        struct mproc *c = &mproc[i];
        if (!c->used || c == parent || c->parent != index_of(parent) || (pid > 0 && c->pid != pid))
            continue;
        children++;
        if (c->zombie) {
            fill_reply(c, reply);
            c->used = 0;
            return OK;
        }
    }
    if (!children)
        return ECHILD;
    if (flags & WNOHANG)
        return EAGAIN;
    parent->waiting = 1;
    parent->wait_pid = pid;
    return EDONTREPLY;
}
