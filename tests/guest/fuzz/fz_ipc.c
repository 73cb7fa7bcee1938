/* fz_ipc.c: one row per IPC operation (IPC_OP_TABLE), plus unknown
 * operation numbers.  Destinations come from every endpoint class
 * (fz_gen.c); the message is random in every field, at a good address
 * (in fz_scratch) or a bad one.  The codes are docs/ipc.md's table.
 *
 * So that every call ends: SEND and SENDREC go to a process that answers
 * (fz_block_target), with a request type that gets an answer (never one
 * in the NOTIFY range: a forged notification is never answered, so its
 * sender would wait for ever; never RS_INIT to RS, which answers only the
 * services it is initializing; never PM_WAIT without WNOHANG: PM answers
 * that when a child exits); a RECEIVE from ANY or CLOCK has a one-tick
 * alarm armed first, and a RECEIVE never names a live process other
 * than CLOCK.  Whoever receives a request answers it (fz_answer). */
#include "fuzz.h"
#include <lantern/pm.h>
#include <lantern/rs.h>

#define FZ_NOT_FOR_US 0x1f7f

/* A message at a random good address in fz_scratch, or a bad address. */
static message *msg_at(void)
{
    uint32_t len = sizeof(message);
    vir_bytes a = fz_below(8) ? (vir_bytes)fz_scratch + 4 * fz_below((2 * FZ_PAGE - 64) / 4)
                              : fz_addr(&len);
    if (a >= (vir_bytes)fz_scratch && a + 64 > (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        a = (vir_bytes)fz_scratch;
    if (a >= (vir_bytes)fz_scratch && a < (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        fz_message((message *)a);
    return (message *)a;
}

/* Requests that would never be answered become ones that are. */
static void tame(endpoint_t dst, message *m)
{
    if ((vir_bytes)m < (vir_bytes)fz_scratch || (vir_bytes)m >= (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        return;
    if (IS_NOTIFY(m->m_type) || m->m_type == FZ_REPORT)
        m->m_type = FZ_NOT_FOR_US;
    if (dst == RS_ENDPOINT && m->m_type == RS_INIT)
        m->m_type = FZ_NOT_FOR_US;           /* RS answers no stray init reply */
    if (dst == PM_ENDPOINT && m->m_type == PM_WAIT)
        m->m_u.m1.i1 |= WNOHANG;
}

/* We received a request: answer it (only a sender blocked in SENDREC gets
 * it; users cannot answer at all: no SENDNB trap). */
static void answer(int r, message *m)
{
    message a;
    if (r != OK || fz.role == FZ_USER || IS_NOTIFY(m->m_type))
        return;
    memset(&a, 0, sizeof(a));
    a.m_type = EBADREQUEST;
    ipc_sendnb(m->m_source, &a);
}

/* A source to receive from that cannot keep us waiting: ANY or CLOCK with
 * an alarm a tick away, or an endpoint that is not a live process (a live
 * one, a kernel task other than CLOCK included, becomes a generation of
 * its slot that was never issued). */
static endpoint_t recv_source(void)
{
    endpoint_t src = fz_endpoint();
    if (src == ANY || src == CLOCK || fz_below(2)) {
        sys_setalarm(1);
        return fz_below(4) ? ANY : CLOCK;
    }
    int live = src == IDLE || src == SYSTEM || src == KERNEL || src == fz.self;
    for (unsigned i = 0; i < fz.nlive; i++)
        live |= fz.live[i] == src;
    return live ? ENDPOINT(ENDPOINT_GEN(src) + 1, ENDPOINT_NR(src)) : src;
}

static int op_send(int op)
{
    endpoint_t dst = fz_block_target();
    message *m = msg_at();
    tame(dst, m);
    return ipc_trap(op, dst, m, 0);
}

static int do_send(void) { return op_send(IPC_SEND); }
static int do_sendrec(void) { return op_send(IPC_SENDREC); }

static int do_sendnb(void)
{
    message *m = msg_at();
    endpoint_t dst = fz_endpoint();
    tame(dst, m);
    return ipc_sendnb(dst, m);
}

static int do_notify(void) { return ipc_notify(fz_endpoint()); }

static int do_receive(void)
{
    endpoint_t src = recv_source();
    message *m = msg_at();
    int r = ipc_receive(src, m);
    if ((vir_bytes)m >= (vir_bytes)fz_scratch && (vir_bytes)m < (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        answer(r, m);
    return r;
}

static int do_reply_recv(void)
{
    endpoint_t to = fz_endpoint(), src = recv_source();
    message *m = msg_at();
    tame(to, m);
    int r = ipc_reply_recv(to, m, src);
    if ((vir_bytes)m >= (vir_bytes)fz_scratch && (vir_bytes)m < (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        answer(r, m);
    return r;
}

/* SENDA: a table in fz_scratch (other calls scribble on it while the
 * kernel may still read it: the kernel must cope) or at a bad address. */
static int do_senda(void)
{
    uint32_t n = fz_below(4) ? fz_below(8) : fz_below(SENDA_MAX_ENTRIES + 8);
    uint32_t len = n * sizeof(asynmsg_t);
    asynmsg_t *t = (asynmsg_t *)(fz_below(4) ? (vir_bytes)fz_scratch + FZ_PAGE / 2 : fz_addr(&len));
    if ((vir_bytes)t >= (vir_bytes)fz_scratch && (vir_bytes)t < (vir_bytes)fz_scratch + 2 * FZ_PAGE) {
        if (n > 16)
            n = 16;                          /* stays inside fz_scratch */
        for (uint32_t i = 0; i < n; i++) {
            t[i].flags = fz_below(4) ? AMF_VALID : fz_rand();
            t[i].dst = fz_endpoint();
            fz_message((message *)t[i].msg);
            tame(t[i].dst, (message *)t[i].msg);
        }
    }
    return ipc_senda(t, n);
}

static int bad_op(void)
{
    int op = (int)fz_rand();
    if (op > 0 && op < 32 && (IPC_ALL_OPS >> op & 1))
        op = 0;
    message *m = msg_at();
    return ipc_trap(op, fz_endpoint(), m, fz_rand());
}

#define EP_ERRS  EBADSRCDST, EDEADSRCDST, ETRAPDENIED, ECALLDENIED
const struct fz_row fz_ipc_rows[] = {
    { "IPC_SEND", do_send, FZ_ALL, { OK, EP_ERRS, ELOCKED, EFAULT, EDSTDIED, FZ_END } },
    { "IPC_RECEIVE", do_receive, FZ_ALL, { OK, EP_ERRS, ELOCKED, EFAULT, ESRCDIED, FZ_END } },
    { "IPC_SENDREC", do_sendrec, FZ_ALL,
      { OK, EP_ERRS, ELOCKED, EFAULT, EDSTDIED, ESRCDIED, FZ_END } },
    { "IPC_NOTIFY", do_notify, FZ_ALL, { OK, EP_ERRS, FZ_END } },
    { "IPC_SENDNB", do_sendnb, FZ_ALL, { OK, EP_ERRS, ENOTREADY, EFAULT, FZ_END } },
    { "IPC_REPLY_RECV", do_reply_recv, FZ_ALL,
      { OK, EP_ERRS, ENOTREADY, ELOCKED, EFAULT, ESRCDIED, FZ_END } },
    { "IPC_SENDA", do_senda, FZ_ALL, { OK, E2BIG, EFAULT, ETRAPDENIED, EINVAL, FZ_END } },
    { "unknown IPC op", bad_op, FZ_ALL, { EBADCALL, ETRAPDENIED, FZ_END } },
};
const unsigned fz_ipc_n = sizeof(fz_ipc_rows) / sizeof(fz_ipc_rows[0]);
