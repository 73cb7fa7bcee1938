/* fz_server.c: requests to the servers with random fields: a request type
 * of the server's range (or any), a random payload, sometimes a valid
 * label or endpoint so the deeper paths run.  The result is the IPC
 * status if the SENDREC failed, else the reply's m_type, which must be one
 * of the codes the server's protocol header documents.  A new server is
 * one row (its endpoint, its request range, its codes).
 *
 * Also the refusals of fault injection (lantern/rs.h, RS_FAULT; sef.h,
 * SEF_FAULT): nobody here is an admin with TEST_PROC, so RS_FAULT is EPERM,
 * and a SEF_FAULT sent to a service by anyone but RS is refused with EPERM
 * by the service's SEF (main and fuzz_svc may not even talk to echo:
 * ECALLDENIED). */
#include "fuzz.h"
#include <lantern/pm.h>
#include <lantern/rs.h>
#include <lantern/echo.h>

static const char *const labels[] = { "rs", "pm", "echo", "fuzz", "fuzz_svc", "nope", "" };

static int ask(endpoint_t to, message *m)
{
    if (IS_NOTIFY(m->m_type))
        m->m_type = 0x1f7f;                  /* a forged notification gets no answer */
    int r = ipc_sendrec(to, m);
    return r != OK ? r : m->m_type;
}

static void random_request(message *m, int base, int span)
{
    fz_message(m);
    m->m_type = fz_below(8) ? base + (int)fz_below((uint32_t)span) : (int)fz_rand();
    if (fz_below(2))
        strcpy(m->m_u.m_str, labels[fz_below(7)]);
}

static int rs_request(void)
{
    message m;
    random_request(&m, RS_RQ_BASE, RS_RQ_LAST - RS_RQ_BASE + 1);
    if (m.m_type == RS_INIT)
        m.m_type = RS_LOOKUP;                /* never answered (fz_ipc.c) */
    if (m.m_type == RS_PUBTAB && fz_below(2))
        m.m_u.m1.i1 = (int32_t)fz_below(NR_RS_SERVICES + 2) - 1;
    return ask(RS_ENDPOINT, &m);
}

static int pm_request(void)
{
    message m;
    random_request(&m, PM_RQ_BASE, 4);
    if (m.m_type == PM_WAIT)
        m.m_u.m1.i1 |= WNOHANG;              /* the blocking wait: see fz_ipc.c */
    if (m.m_type == PM_FORK)
        m.m_type = PM_GETPROC;               /* a forked fuzzer would fuzz on for ever (suite proc tests fork) */
    if (m.m_type == PM_GETPROC && fz_below(2))
        m.m_u.m1.i1 = fz_endpoint();
    return ask(PM_ENDPOINT, &m);
}

/* PM's signal requests (docs/signals.md) with random arguments, except
 * what would hurt the fuzzer itself: PM_KILL only names pids and groups
 * that do not exist, PM_SIGACTION only reads (a random handler would run
 * at the next SIGCHLD), and no PM_SIGSUSPEND (it waits) or PM_ALARM (its
 * SIGALRM would end the fuzzer). */
static int pm_signal_request(void)
{
    static const uint32_t types[] = { PM_KILL, PM_SIGACTION, PM_SIGPROCMASK, PM_SIGPENDING,
                                      PM_GETPGID, PM_SIGRETMASK };
    message m;
    fz_message(&m);
    m.m_type = (int32_t)fz_pick(types, 6);
    if (m.m_type == PM_KILL)
        m.m_u.m1.i1 = (fz_below(2) ? 1 : -1) * (int32_t)(30000 + fz_below(1000));
    if (m.m_type == PM_SIGACTION)
        m.m_u.m1.i2 = -1;                    /* GRANT_INVALID: no new action */
    return ask(PM_ENDPOINT, &m);
}

static int echo_request(void)
{
    message m;
    random_request(&m, ECHO_RQ_BASE, 2);
    int32_t value = m.m_u.m1.i1, type = m.m_type;
    int r = ask(fz.echo, &m);
    if (r == OK && type == ECHO_PING && m.m_u.m1.i1 != value)
        return EGENERIC;                     /* echo must give the value back */
    return r;
}

static int fault_via_rs(void)
{
    message m;
    fz_message(&m);
    strcpy(m.m_u.m_str, labels[fz_below(5)]);
    m.m_u.m1.p1 = fz_below(RS_FAULT_LOOP + 2);
    m.m_type = RS_FAULT;
    return ask(RS_ENDPOINT, &m);
}

static int fault_direct(void)
{
    message m;
    fz_message(&m);
    m.m_type = SEF_FAULT;
    m.m_u.m1.i1 = (int32_t)fz_below(RS_FAULT_LOOP + 2);
    return ask(fz_below(2) ? fz.echo : PM_ENDPOINT, &m);
}

const struct fz_row fz_server_rows[] = {
    { "rs request", rs_request, FZ_ALL,
      { OK, EPERM, EINVAL, ESRCH, ENOENT, EBADREQUEST, FZ_END } },
    { "pm request", pm_request, FZ_ALL,
      { OK, ECHILD, EAGAIN, EBADREQUEST, ESRCH, EINVAL, FZ_END } },
    { "pm signal request", pm_signal_request, FZ_ALL,
      { OK, EINVAL, EFAULT, EPERM, ESRCH, E2BIG, ELOOP, FZ_END } },
    { "echo request", echo_request, FZ_ALL, { OK, EBADREQUEST, ECALLDENIED, FZ_END } },
    { "RS_FAULT (not an admin)", fault_via_rs, FZ_ALL, { EPERM, FZ_END } },
    { "SEF_FAULT (not from RS)", fault_direct, FZ_ALL, { EPERM, ECALLDENIED, FZ_END } },
};
const unsigned fz_server_n = sizeof(fz_server_rows) / sizeof(fz_server_rows[0]);
