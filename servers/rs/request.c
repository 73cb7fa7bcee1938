/* request.c: RS's requests (lantern/rs.h).  Requests that finish later
 * (start, stop, refresh) are answered by late_reply() from manager.c. */
#include "rs.h"

static int get_label(const message *m, char *label)
{
    size_t n = strnlen(m->m_u.m_str, MESSAGE_PAYLOAD);
    if (n < 1 || n >= LABEL_MAX)
        return EINVAL;
    memcpy(label, m->m_u.m_str, n + 1);
    return OK;
}

static void wait_for_it(struct rproc *rp, const message *m)
{
    rp->r_flags |= RS_LATEREPLY;
    rp->r_caller = m->m_source;
    rp->r_caller_type = m->m_type;
}

/* RS_UP: a boot-image program as a new service with the DSRV defaults.
 * RS_RUN: a user program of RS's table (SF_USER), run once under its table
 * line; answered when it exits (service_exited). */
static int do_up(message *m)
{
    struct rs_up_req rq;
    const struct boot_priv *bp = NULL;
    struct rproc *rp;
    struct rs_pub *p;
    int r;

    memcpy(&rq, m->m_u.m_u8, sizeof(rq));
    rq.program[sizeof(rq.program) - 1] = rq.label[sizeof(rq.label) - 1] = 0;
    rq.args[sizeof(rq.args) - 1] = 0;
    if (!rq.program[0])
        return EINVAL;
    if (m->m_type == RS_RUN &&
        (!(bp = table_priv(rq.program)) || !(table_sys_flags(bp->label) & SF_USER)))
        return EINVAL;
    if (!rq.label[0])
        strcpy(rq.label, rq.program);
    if ((rp = rp_by_label(rq.label)) && !(rp->r_flags & RS_DOWN_FLAG))
        return EBUSY;
    if (!rp && !(rp = rp_free()))
        return ENOMEM;
    p = &pub[rp_index(rp)];
    memset(rp, 0, sizeof(*rp));
    memset(p, 0, sizeof(*p));
    if (bp) {
        rp->priv = bp;
        p->sys_flags = table_sys_flags(bp->label) & ~SF_NOSTART;
    } else {
        rp->r_dpriv = dsrv_priv;
        rp->r_dpriv.program = p->program;
        rp->r_dpriv.label = p->label;
        rp->priv = &rp->r_dpriv;
        p->period = rq.period;
    }
    rp->r_flags = RS_IN_USE;
    rp->r_last_ep = NONE;
    strcpy(rp->r_args, rq.args);
    strcpy(p->label, rq.label);
    strcpy(p->program, rq.program);
    p->endpoint = NONE;
    p->in_use = 1;
    if ((r = start_service(rp)) != OK) {
        rp->r_flags = 0;
        p->in_use = 0;
        return r;
    }
    wait_for_it(rp, m);                 /* answered when its init is done (RS_RUN: its exit) */
    return EDONTREPLY;
}

static int do_by_label(message *m)
{
    char label[LABEL_MAX];
    struct rproc *rp;
    struct rs_pub *p;
    int r;

    if ((r = get_label(m, label)) != OK)
        return r;
    if (!(rp = rp_by_label(label)))
        return ESRCH;
    p = &pub[rp_index(rp)];
    switch (m->m_type) {
    case RS_LOOKUP:
        if (p->endpoint == NONE || (rp->r_flags & RS_DOWN_FLAG))
            return ESRCH;
        m->m_u.m1.i1 = p->endpoint;
        return OK;
    case RS_STATUS: {
        struct rs_status st;
        memset(&st, 0, sizeof(st));
        st.endpoint = p->endpoint;
        st.flags = rp->r_flags;
        st.restarts = (uint32_t)rp->r_restarts;
        st.streak = (uint32_t)rp->r_streak;
        st.ready_us = rp->r_ready_us;
        st.allowed_us = rp->r_allowed_us;
        st.history_len = rp->r_history_len;
        st.exit_status = rp->r_exit_status;
        memcpy(st.history, rp->r_history, sizeof(st.history));
        memset(&m->m_u, 0, sizeof(m->m_u));
        memcpy(m->m_u.m_u8, &st, sizeof(st));
        return OK;
    }
    }
    if (p->endpoint == RS_ENDPOINT)
        return EPERM;                   /* nothing restarts RS */
    switch (m->m_type) {
    case RS_DOWN:
        if (p->sys_flags & SF_CORE_SRV)
            return EPERM;
        if (rp->r_flags & RS_DOWN_FLAG)
            return EINVAL;
        wait_for_it(rp, m);
        stop_service(rp, RS_EXITING);
        return EDONTREPLY;
    case RS_REFRESH:
        if ((rp->r_flags & RS_DOWN_FLAG) || (p->sys_flags & (SF_CORE_SRV | SF_USER)))
            return (rp->r_flags & RS_DOWN_FLAG) ? EINVAL : EPERM;
        wait_for_it(rp, m);
        stop_service(rp, RS_REFRESHING);
        return EDONTREPLY;
    case RS_RESTART:
        if (!(rp->r_flags & RS_DOWN_FLAG))
            return EBUSY;
        rp->r_flags &= ~RS_DOWN_FLAG;
        if ((r = start_service(rp)) != OK) {
            rp->r_flags |= RS_DOWN_FLAG;
            return r;
        }
        wait_for_it(rp, m);
        return EDONTREPLY;
    }
    return EINVAL;
}

static int do_pubtab(message *m)
{
    int i = m->m_u.m1.i1;
    if (i < 0)
        return EINVAL;
    if (i >= NR_RS_SERVICES)
        return ENOENT;
    memset(&m->m_u, 0, sizeof(m->m_u));
    memcpy(m->m_u.m_u8, &pub[i], sizeof(pub[i]));
    return OK;
}

/* RS_FAULT: fault injection, for test programs only: the caller is an
 * admin (checked by do_request) and has TEST_PROC, which only RS gives.
 * RS itself fails at once (the kernel then stops the system, naming RS);
 * an endless loop in RS would hang the system with nobody to notice, so
 * that one is refused. */
static int do_fault(message *m)
{
    struct priv_info pi;
    char label[LABEL_MAX];
    struct rproc *rp;
    int kind = (int)m->m_u.m1.p1, r;

    if (sys_getpriv(m->m_source, &pi) != OK || !(pi.flags & TEST_PROC))
        return EPERM;
    m->m_u.m_str[LABEL_MAX - 1] = 0;
    if ((r = get_label(m, label)) != OK)
        return r;
    if (kind < RS_FAULT_WILD || kind > RS_FAULT_LOOP)
        return EINVAL;
    /* Only a service that runs and has answered its init: an order that
     * overtook the init request would break SEF's start-up. */
    if (!(rp = rp_by_label(label)) || pub[rp_index(rp)].endpoint == NONE ||
        (rp->r_flags & (RS_DOWN_FLAG | RS_BACKOFF | RS_INITIALIZING | RS_EXITING |
                        RS_REFRESHING | RS_NOPINGREPLY)))
        return ESRCH;
    if (pub[rp_index(rp)].endpoint == RS_ENDPOINT) {
        if (kind == RS_FAULT_LOOP)
            return EINVAL;
        sef_fail(kind);
    }
    return order_fault(rp, kind);
}

/* An admin: a process RS started from a table line with SF_ADMIN.  RS
 * finds the caller in its own table by endpoint (which the kernel stamps on
 * the message), so a copy of that program spawned by anyone else is not
 * one (lantern/rs.h). */
int is_admin(endpoint_t ep)
{
    struct rproc *rp = rp_by_endpoint(ep);
    return rp && (pub[rp_index(rp)].sys_flags & SF_ADMIN);
}

static int changes_services(int type)
{
    return type == RS_UP || type == RS_RUN || type == RS_DOWN || type == RS_REFRESH ||
           type == RS_RESTART || type == RS_FAULT;
}

void do_request(message *m)
{
    int r;

    if (m->m_type < RS_RQ_BASE || m->m_type > RS_RQ_LAST) {
        r = EBADREQUEST;
    } else if (changes_services(m->m_type) && !is_admin(m->m_source)) {
        r = EPERM;
    } else {
        switch (m->m_type) {
        case RS_UP: case RS_RUN: r = do_up(m); break;
        case RS_PUBTAB:   r = do_pubtab(m); break;
        case RS_FAULT:    r = do_fault(m); break;
        case RS_LOOKUP: case RS_STATUS: case RS_DOWN: case RS_REFRESH: case RS_RESTART:
            r = do_by_label(m);
            break;
        default:          r = EINVAL;
        }
    }
    if (r == EDONTREPLY)
        return;
    m->m_type = r;
    ipc_sendnb(m->m_source, m);
}
