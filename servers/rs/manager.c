/* manager.c: starting, initializing, watching and restarting services.
 *
 * Life of a service: start_service() spawns the program (born without
 * privileges), sets its priv, allows it and sends the init request
 * (RS_INITIALIZING).  The init reply counts as its first sign of life.
 * Afterwards, if it has a period, RS pings it (notify) whenever it has been
 * quiet for a period and kills it if it stays quiet for two.  When PM
 * reports its exit, do_child_exits() decides: expected (down), refresh
 * (restart now), finished (exit status 0: down), or failure (restart with
 * backoff: at once, then 2, 4, 8, 16, 30, 30... periods while it keeps
 * failing within RS_STABLE_PERIODS of its last start).  User programs
 * (SF_USER: init, or a command started by RS_RUN) have no init protocol and
 * are never restarted: RS records their exit status and answers the
 * RS_RUN or RS_RESTART that started them. */
#include <lantern/ds.h>
#include "rs.h"

#define RS_STABLE_PERIODS 30
#define KILL_STATUS       (-9)

int rs_booting = 1;                           /* until every boot service is up */

void late_reply(struct rproc *rp, int result)
{
    message m;
    if (!(rp->r_flags & RS_LATEREPLY))
        return;
    rp->r_flags &= ~RS_LATEREPLY;
    memset(&m, 0, sizeof(m));
    m.m_type = result;
    m.m_u.m1.i1 = pub[rp_index(rp)].endpoint;
    if (pub[rp_index(rp)].sys_flags & SF_USER) {     /* RS_RUN: answered at the exit */
        m.m_u.m1.i1 = rp->r_last_ep;
        m.m_u.m1.i2 = rp->r_exit_status;
    }
    ipc_sendnb(rp->r_caller, &m);
}

int init_service(struct rproc *rp, int type)
{
    message m;
    int i = rp_index(rp), r;

    memset(&m, 0, sizeof(m));
    m.m_type = RS_INIT;
    m.m_u.m1.i1 = type;
    m.m_u.m1.i2 = NR_RS_SERVICES;
    m.m_u.m1.i3 = rp->r_restarts;
    m.m_u.m1.i4 = rs_pubtab_gid();
    m.m_u.m1.p1 = (uint32_t)rs_store_gid(rp);
    m.m_u.m1.p2 = m.m_u.m1.p1 == (uint32_t)-1 ? 0 : DS_STORE_BYTES;
    rp->r_flags |= RS_INITIALIZING;
    rp->r_check_tm = 0;
    r = rs_asyn_post(RS_ASYN_INIT + i, pub[i].endpoint, &m);
    rs_publish_label(rp);                  /* after the init: DS's first message is its init */
    return r;
}

/* RS_FAULT: order rp's SEF to fail (SEF_FAULT) without waiting for it. */
int order_fault(struct rproc *rp, int kind)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = SEF_FAULT;
    m.m_u.m1.i1 = kind;
    return rs_asyn_post(RS_ASYN_FAULT + rp_index(rp), pub[rp_index(rp)].endpoint, &m);
}

/* rp cannot be (re)started.  During the boot, and for core services, that
 * ends the system; otherwise the service stays down. */
static void give_up(struct rproc *rp, const char *why, int err)
{
    struct rs_pub *p = &pub[rp_index(rp)];
    char text[MESSAGE_PAYLOAD];

    if (rs_booting || (p->sys_flags & SF_CORE_SRV)) {
        snprintf(text, sizeof(text), "%s service %s %s: %s", rs_booting ? "boot" : "core",
                 p->label, why, strerrorname_np(err) ? strerrorname_np(err) : "?");
        sys_panic(text);
    }
    printf("rs: service %s %s (%s); it stays down\n", p->label, why, strerror(err));
    late_reply(rp, err);
}

/* Start (or restart) the program of rp in a new process. */
int start_service(struct rproc *rp)
{
    struct rs_pub *p = &pub[rp_index(rp)];
    endpoint_t ep;
    int r;

    if ((r = sys_spawn_args(p->program, rp->r_args, 0, &ep)) != OK)
        return r;
    if (rp->r_last_ep != NONE)
        rp->r_restarts++;
    p->endpoint = ep;
    rp->r_flags &= RS_IN_USE | RS_LATEREPLY;
    rp->r_start_tm = rp->r_alive_tm = now_ticks();
    if ((r = set_service_priv(rp)) != OK || (r = sys_privctl(ep, PRIV_ALLOW, NULL)) != OK) {
        sys_kill(ep, KILL_STATUS);
        rp->r_flags |= RS_EXITING;
        return r;
    }
    rs_trace_label(rp, rp->r_last_ep);
    rp->r_last_ep = ep;
    if (p->sys_flags & SF_USER) {                    /* no init protocol */
        rp->r_ready_us = now_us();
        return OK;
    }
    return init_service(rp, rp->r_restarts > 0 ? SEF_INIT_RESTART : SEF_INIT_FRESH);
}

/* Make rp go away; what happens when it is gone depends on `why`
 * (RS_EXITING: stays down, RS_REFRESHING: restarted, RS_NOPINGREPLY: a
 * failure). */
void stop_service(struct rproc *rp, uint32_t why)
{
    struct rs_pub *p = &pub[rp_index(rp)];
    rp->r_flags |= why;
    if (rp->r_flags & RS_BACKOFF) {                  /* nothing is running */
        rp->r_flags &= ~(RS_BACKOFF | RS_REFRESHING);
        if (why & RS_REFRESHING) {
            int r = start_service(rp);
            if (r != OK)
                give_up(rp, "could not be started", r);
            return;
        }
        rp->r_flags |= RS_DOWN_FLAG;
        late_reply(rp, OK);
        return;
    }
    if (p->endpoint != NONE)
        sys_kill(p->endpoint, KILL_STATUS);
}

void do_init_reply(const message *m)
{
    struct rproc *rp = rp_by_endpoint(m->m_source);
    int result = m->m_u.m1.i1;

    if (!rp || !(rp->r_flags & RS_INITIALIZING))
        return;                                      /* late or bogus: ignore */
    rp->r_flags &= ~RS_INITIALIZING;
    rp->r_alive_tm = now_ticks();
    rp->r_check_tm = 0;
    if (!rp->r_ready_us)
        rp->r_ready_us = now_us();
    if (result != OK) {
        give_up(rp, "failed to initialize", result);
        stop_service(rp, RS_EXITING);
        return;
    }
    rs_labels_to_ds(rp);
    late_reply(rp, OK);
}

static uint32_t backoff_for(int streak)
{
    uint32_t b;
    if (streak <= 1)
        return 0;
    b = 1u << (streak - 1 < 5 ? streak - 1 : 5);
    return b > RS_MAX_BACKOFF ? RS_MAX_BACKOFF : b;
}

static void record_backoff(struct rproc *rp, uint32_t b)
{
    if (rp->r_history_len == RS_HISTORY) {
        memmove(rp->r_history, rp->r_history + 1, sizeof(rp->r_history) - sizeof(uint32_t));
        rp->r_history_len--;
    }
    rp->r_history[rp->r_history_len++] = b;
}

/* rp's process is gone: decide what comes next. */
static void service_exited(struct rproc *rp, const struct pm_child *c)
{
    struct rs_pub *p = &pub[rp_index(rp)];
    uint32_t flags = rp->r_flags;
    int r;

    p->endpoint = NONE;
    if (p->sys_flags & SF_USER) {                    /* a user program: never restarted */
        rp->r_exit_status = c->status;
        rp->r_flags = RS_IN_USE | RS_DOWN_FLAG | (flags & RS_LATEREPLY);
        late_reply(rp, OK);
        return;
    }
    if ((flags & RS_EXITING) || (!(flags & RS_REFRESHING) && c->status == 0 && c->by == c->endpoint)) {
        rp->r_flags = RS_IN_USE | RS_DOWN_FLAG | (flags & RS_LATEREPLY);
        late_reply(rp, OK);
        return;
    }
    if (!(flags & RS_REFRESHING)) {
        rp->r_flags |= (c->by == RS_ENDPOINT) ? RS_KILLED : RS_CRASHED;
        if (flags & RS_INITIALIZING) {               /* died before answering init */
            rp->r_flags |= RS_DOWN_FLAG;
            give_up(rp, "died during initialization", EDEADSRCDST);
            return;
        }
        rp->r_streak = (now_ticks() - rp->r_start_tm < RS_STABLE_PERIODS * rs_delta_t)
                       ? rp->r_streak + 1 : 1;
        uint32_t b = backoff_for(rp->r_streak);
        record_backoff(rp, b);
        if (b > 0) {
            rp->r_flags |= RS_BACKOFF;
            rp->r_backoff = (int)b;
            return;
        }
    }
    if ((r = start_service(rp)) != OK) {
        rp->r_flags |= RS_DOWN_FLAG;
        give_up(rp, "could not be restarted", r);
    }
}

/* PM notified us: collect every child that has exited. */
void do_child_exits(void)
{
    struct pm_child c;
    while (pm_wait(WNOHANG | WNOTIFY, &c) == OK) {
        struct rproc *rp = rp_by_endpoint(c.endpoint);
        if (rp)
            service_exited(rp, &c);
    }
}

static void check_service(struct rproc *rp, uint32_t now)
{
    struct rs_pub *p = &pub[rp_index(rp)];
    int r;

    if (rp->r_flags & RS_BACKOFF) {
        if (--rp->r_backoff <= 0) {
            rp->r_flags &= ~RS_BACKOFF;
            if ((r = start_service(rp)) != OK) {
                rp->r_flags |= RS_DOWN_FLAG;
                give_up(rp, "could not be restarted", r);
            }
        }
        return;
    }
    if (p->endpoint == NONE || (rp->r_flags & (RS_EXITING | RS_REFRESHING | RS_NOPINGREPLY)))
        return;
    if (rp->r_flags & RS_INITIALIZING) {
        if (now - rp->r_start_tm > rs_init_t) {
            rp->r_flags |= RS_NOPINGREPLY;
            give_up(rp, "did not answer its init request", ETIMEDOUT);
            stop_service(rp, RS_EXITING);
        }
        return;
    }
    if (p->period == 0 || rs_booting)
        return;
    if (rp->r_check_tm && now - rp->r_alive_tm > 2 * p->period) {
        printf("rs: %s missed its heartbeat; restarting it\n", p->label);
        stop_service(rp, RS_NOPINGREPLY);
    } else if (!rp->r_check_tm && now - rp->r_alive_tm >= p->period) {
        rp->r_check_tm = now;
        ipc_notify(p->endpoint);
    }
}

void do_period(void)
{
    uint32_t now = now_ticks();
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if ((rproc[i].r_flags & RS_IN_USE) && pub[i].endpoint != RS_ENDPOINT)
            check_service(&rproc[i], now);
    sys_setalarm(rs_delta_t);
}

/* A notification from a service: it is alive (the answer to a ping). */
void do_alive(endpoint_t ep)
{
    struct rproc *rp = rp_by_endpoint(ep);
    if (rp && !(rp->r_flags & RS_INITIALIZING)) {
        rp->r_alive_tm = now_ticks();
        rp->r_check_tm = 0;
    }
}
