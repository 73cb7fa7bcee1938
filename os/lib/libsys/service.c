/* service.c: RS and PM client calls (see service.h). */
#include <string.h>
#include <service.h>

/* sendrec m to a server: the IPC error, or the server's answer (m_type). */
static int request(endpoint_t server, message *m)
{
    int r = ipc_sendrec(server, m);
    return r != OK ? r : m->m_type;
}

static int rs_label_call(int type, const char *label, message *m)
{
    memset(m, 0, sizeof(*m));
    if (!label || strlen(label) >= LABEL_MAX)
        return EINVAL;
    m->m_type = type;
    strcpy(m->m_u.m_str, label);
    return request(RS_ENDPOINT, m);
}

int rs_lookup(const char *label, endpoint_t *ep)
{
    message m;
    int r = rs_label_call(RS_LOOKUP, label, &m);
    if (r == OK && ep)
        *ep = m.m_u.m1.i1;
    return r;
}

int rs_down(const char *label) { message m; return rs_label_call(RS_DOWN, label, &m); }
int rs_refresh(const char *label) { message m; return rs_label_call(RS_REFRESH, label, &m); }
int rs_restart(const char *label) { message m; return rs_label_call(RS_RESTART, label, &m); }

int rs_fault(const char *label, int kind)
{
    message m;
    memset(&m, 0, sizeof(m));
    if (!label || strlen(label) >= LABEL_MAX)
        return EINVAL;
    strcpy(m.m_u.m_str, label);
    m.m_u.m1.p1 = (uint32_t)kind;
    m.m_type = RS_FAULT;
    return request(RS_ENDPOINT, &m);
}

int rs_status(const char *label, struct rs_status *st)
{
    message m;
    int r = rs_label_call(RS_STATUS, label, &m);
    if (r == OK)
        memcpy(st, m.m_u.m_u8, sizeof(*st));
    return r;
}

static int up_request(int type, const char *program, const char *label, uint32_t period,
                      const char *args, message *m)
{
    struct rs_up_req rq;

    memset(&rq, 0, sizeof(rq));
    if (strlen(program) >= sizeof(rq.program) || (label && strlen(label) >= sizeof(rq.label)) ||
        (args && strlen(args) >= sizeof(rq.args)))
        return E2BIG;
    strcpy(rq.program, program);
    strcpy(rq.label, label ? label : "");
    strcpy(rq.args, args ? args : "");
    rq.period = period;
    memset(m, 0, sizeof(*m));
    m->m_type = type;
    memcpy(m->m_u.m_u8, &rq, sizeof(rq));
    return request(RS_ENDPOINT, m);
}

int rs_up(const char *program, const char *label, uint32_t period, const char *args,
          endpoint_t *ep)
{
    message m;
    int r = up_request(RS_UP, program, label, period, args, &m);
    if (r == OK && ep)
        *ep = m.m_u.m1.i1;
    return r;
}

int rs_run(const char *program, const char *args, int *status)
{
    message m;
    int r = up_request(RS_RUN, program, NULL, 0, args, &m);
    if (r == OK && status)
        *status = m.m_u.m1.i2;
    return r;
}

int rs_pubtab(int index, struct rs_pub *entry)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = RS_PUBTAB;
    m.m_u.m1.i1 = index;
    if ((r = request(RS_ENDPOINT, &m)) == OK)
        memcpy(entry, m.m_u.m_u8, sizeof(*entry));
    return r;
}

static int gone(int r)
{
    return r == EDEADSRCDST || r == EDSTDIED || r == ESRCDIED || r == EBADSRCDST;
}

static void tick(void)
{
    message t;
    sys_setalarm(1);
    ipc_receive(CLOCK, &t);
}

int rs_sendrec_label(const char *label, endpoint_t *ep, message *m, int tries)
{
    message req = *m;
    endpoint_t dead = NONE;
    int r = EDEADSRCDST;

    for (int i = 0; i < tries; i++) {
        if (*ep == NONE) {
            r = rs_lookup(label, ep);
            if (r == OK && *ep == dead)         /* RS has not noticed yet */
                r = ESRCH;
            if (r != OK) {
                *ep = NONE;
                if (r != ESRCH)
                    return r;
                tick();                         /* being restarted */
                continue;
            }
        }
        *m = req;
        if (!gone(r = ipc_sendrec(*ep, m)))
            return r;
        dead = *ep;
        *ep = NONE;
    }
    return r;
}

int pm_wait(int flags, struct pm_child *child)
{
    return pm_waitpid(flags, 0, child);
}

int pm_waitpid(int flags, int pid, struct pm_child *child)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_WAIT;
    m.m_u.m1.i1 = flags;
    m.m_u.m1.i2 = pid;
    if ((r = request(PM_ENDPOINT, &m)) == OK && child) {
        child->endpoint = m.m_u.m1.i1;
        child->status = m.m_u.m1.i2;
        child->by = m.m_u.m1.i3;
        child->pid = m.m_u.m1.i4;
    }
    return r;
}

int pm_getproc(endpoint_t ep, int *pid, int *ppid, endpoint_t *parent, char name[16])
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_GETPROC;
    m.m_u.m1.i1 = ep;
    if ((r = request(PM_ENDPOINT, &m)) != OK)
        return r;
    if (pid) *pid = m.m_u.m1.i1;
    if (ppid) *ppid = m.m_u.m1.i2;
    if (parent) *parent = m.m_u.m1.i3;
    if (name) {
        memcpy(name, m.m_u.m_str + PM_NAME_OFF, 16);
        name[15] = 0;
    }
    return OK;
}

int pm_stats(int *procs, int *forked)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_STATS;
    if ((r = request(PM_ENDPOINT, &m)) == OK) {
        *procs = m.m_u.m1.i1;
        *forked = m.m_u.m1.i2;
    }
    return r;
}

int pm_fork(int *pid)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_FORK;
    if ((r = request(PM_ENDPOINT, &m)) == OK)
        *pid = m.m_u.m1.i1;
    return r;
}
