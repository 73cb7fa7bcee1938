/* ipc_test_reply.c: the ipc suite's tests of IPC_REPLY_RECV (docs/ipc.md).
 *
 * What must hold: the reply reaches only a caller blocked in SENDREC waiting
 * for us, never a process in a plain RECEIVE, one still in the send half of
 * its SENDREC, or one waiting for another server; a failed reply gives
 * SENDNB's code and receives nothing; the receive part works like RECEIVE
 * (a queued sender, blocking, a specific source, deadlock detection, which
 * comes after the reply went out); and the operation needs its trap bit,
 * which user processes do not have.
 *
 * Peers are ipc_peer copies with the roles of peer.h.  Whenever a test
 * needs a peer to be blocked, it waits for that state with a deadline
 * (wait_blocked), never for a fixed time. */
#include <string.h>
#include <sys.h>
#include <service.h>
#include <ltest.h>
#include "ipc_test.h"

#define CHECK(test, cond, ...) LT_CHECK("ipc", test, cond, __VA_ARGS__)
#define DEADLINE_TICKS 300              /* 3 s: a state a peer reaches in microseconds */

static endpoint_t self;

/* Wait until ep is blocked (sending or receiving), polling the process
 * table once per clock tick; 0 if the deadline passes first. */
static int wait_blocked(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    for (int tick = 0; tick < DEADLINE_TICKS; tick++) {
        int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
        for (int i = 0; i < n; i++)
            if (tab[i].endpoint == ep && (tab[i].flags & PI_BLOCKED))
                return 1;
        message m;
        sys_setalarm(1);
        ipc_receive(CLOCK, &m);
    }
    return 0;
}

/* A peer in the receive half of a SENDREC to us: spawned, and its request
 * received (value = its i1). */
static endpoint_t caller_waiting(int value)
{
    message m;
    endpoint_t c = spawn_peer(ROLE_SENDREC_PARENT, value);
    if (ipc_receive(c, &m) != OK || m.m_type != MSG_DATA || m.m_u.m1.i1 != value)
        return NONE;
    return c;
}

static void set_reply(message *m, int type, int value)
{
    memset(m, 0, sizeof(*m));
    m->m_type = type;
    m->m_u.m1.i1 = value;
}

/* c's report of the reply to its sendrec; OK if it is the reply we sent. */
static int got_our_reply(endpoint_t c, int type, int value)
{
    message rep;
    if (ipc_receive(c, &rep) != OK || rep.m_type != MSG_SUMMARY)
        return EGENERIC;
    return REPORT_R(&rep) == OK && REPORT_TYPE(&rep) == type && REPORT_VALUE(&rep) == value &&
           REPORT_SOURCE(&rep) == self ? OK : EGENERIC;
}

/* The reply, then a message that was already queued for us. */
static void test_queued_sender(void)
{
    endpoint_t a = caller_waiting(5), b = spawn_peer(ROLE_SEND_ONE, 7);
    message m;
    int blocked = wait_blocked(b), r;

    set_reply(&m, 500, 55);
    r = ipc_reply_recv(a, &m, ANY);
    CHECK("reply_recv_queued_sender", blocked && r == OK && m.m_source == b &&
          m.m_type == MSG_DATA && m.m_u.m1.i1 == 7,
          "blocked %d, r=%d source=%d (want %d) value=%d", blocked, r, m.m_source, b,
          m.m_u.m1.i1);
    CHECK("reply_recv_delivers", got_our_reply(a, 500, 55) == OK, "caller %d got another reply", a);
    wait_for_exit(a);
    wait_for_exit(b);
}

/* The receive part blocks, here for the caller's own next message. */
static void test_blocking_receive(void)
{
    endpoint_t a = caller_waiting(6);
    message m;
    int r;

    set_reply(&m, 600, 66);
    r = ipc_reply_recv(a, &m, a);              /* a reports back to us: the next message */
    CHECK("reply_recv_blocks", r == OK && m.m_source == a && m.m_type == MSG_SUMMARY &&
          REPORT_R(&m) == OK && REPORT_TYPE(&m) == 600 && REPORT_VALUE(&m) == 66,
          "r=%d source=%d type=%#x report %d/%d/%d", r, m.m_source, m.m_type, REPORT_R(&m),
          REPORT_TYPE(&m), REPORT_VALUE(&m));
    wait_for_exit(a);
}

/* A process in a plain RECEIVE gets no reply; nothing is received either. */
static void test_not_a_caller(void)
{
    endpoint_t q = spawn_peer(ROLE_SEND_ONE, 9);
    message m, e, n;
    int blocked = wait_blocked(q), r, r_echo, r_q;

    set_reply(&m, 300, 33);
    r = ipc_reply_recv(echo_server, &m, ANY);  /* the echo server waits in receive(ANY) */
    set_reply(&e, 41, 0);
    r_echo = ipc_sendrec(echo_server, &e);      /* had it got 300, it would be sending 301 */
    r_q = ipc_receive(q, &n);                   /* still queued: the receive did not happen */
    CHECK("reply_recv_to_receiver", r == ENOTREADY && r_echo == OK && e.m_type == 42,
          "reply_recv %d (want ENOTREADY), then echo %d type %d", r, r_echo, e.m_type);
    CHECK("reply_recv_fail_no_receive", blocked && m.m_type == 300 && m.m_u.m1.i1 == 33 &&
          r_q == OK && n.m_u.m1.i1 == 9,
          "blocked %d, buffer type %d i1 %d after the failed call; queued message %d/%d",
          blocked, m.m_type, m.m_u.m1.i1, r_q, n.m_u.m1.i1);
    wait_for_exit(q);
}

/* A caller still in the send half of its SENDREC is not waiting for a
 * reply yet. */
static void test_send_half(void)
{
    endpoint_t d = spawn_peer(ROLE_SENDREC_PARENT, 8);
    message m;
    int blocked = wait_blocked(d), r, r_req;

    set_reply(&m, 400, 44);
    r = ipc_reply_recv(d, &m, ANY);
    r_req = ipc_receive(d, &m);                 /* now take its request ... */
    set_reply(&m, 401, 45);
    ipc_reply_recv(d, &m, d);                   /* ... and answer it for real */
    CHECK("reply_recv_to_sender", blocked && r == ENOTREADY && r_req == OK &&
          m.m_type == MSG_SUMMARY && REPORT_TYPE(&m) == 401 && REPORT_VALUE(&m) == 45,
          "blocked %d, reply_recv %d (want ENOTREADY), request %d, reply seen %d/%d", blocked,
          r, r_req, REPORT_TYPE(&m), REPORT_VALUE(&m));
    wait_for_exit(d);
}

/* A caller waiting for another server's reply gets ours neither.  The
 * other server is the caller's own child (a slow echo, 20 ticks): two
 * children of ours may not talk to each other (lantern/priv.h). */
static void test_other_server(void)
{
    endpoint_t e = spawn_peer(ROLE_SENDREC_RELAY, 0);
    message m, rep;
    int ready, r = OK, r_rep = -1;

    memset(&rep, 0, sizeof(rep));
    set_reply(&m, 0, 20);
    ready = ipc_send(e, &m) == OK && ipc_receive(e, &rep) == OK && rep.m_u.m1.i1 == 1 &&
            wait_blocked(e);                /* e in the receive half, waiting for its child */
    if (ready) {
        set_reply(&m, 700, 77);
        r = ipc_reply_recv(e, &m, ANY);
        r_rep = ipc_receive(e, &rep);
    }
    CHECK("reply_recv_to_other_caller", ready && r == ENOTREADY && r_rep == OK &&
          REPORT_SOURCE(&rep) != self && REPORT_SOURCE(&rep) != NONE && REPORT_R(&rep) == OK &&
          REPORT_TYPE(&rep) == MSG_DATA + 1 && REPORT_VALUE(&rep) == 77,
          "ready %d, reply_recv %d (want ENOTREADY), report %d: from %d type %#x", ready, r,
          r_rep, REPORT_SOURCE(&rep), REPORT_TYPE(&rep));
    wait_for_exit(e);                       /* e kills its child first */
}

/* The reply part fails exactly as SENDNB would, before anything happens. */
static void test_sendnb_codes(void)
{
    endpoint_t gone = spawn_peer(ROLE_EXIT_NOW, 0), h;
    message m;
    int r_gone, nb_gone, r_dead, nb_dead, r_bad, nb_bad, r_task, nb_task, r_self, nb_self;

    wait_for_exit(gone);
    set_reply(&m, 1, 0);
    r_gone = ipc_reply_recv(gone, &m, ANY);
    nb_gone = ipc_sendnb(gone, &m);
    h = caller_waiting(1);                      /* a caller that dies before the reply */
    sys_kill(h, 0);
    r_dead = ipc_reply_recv(h, &m, ANY);
    nb_dead = ipc_sendnb(h, &m);
    r_bad = ipc_reply_recv(12345, &m, ANY);
    nb_bad = ipc_sendnb(12345, &m);
    r_task = ipc_reply_recv(SYSTEM, &m, ANY);
    nb_task = ipc_sendnb(SYSTEM, &m);
    r_self = ipc_reply_recv(self, &m, ANY);
    nb_self = ipc_sendnb(self, &m);
    CHECK("reply_recv_dead_caller", r_gone == EDEADSRCDST && nb_gone == r_gone &&
          r_dead == EDEADSRCDST && nb_dead == r_dead,
          "exited %d (sendnb %d), killed while waiting %d (sendnb %d)", r_gone, nb_gone,
          r_dead, nb_dead);
    CHECK("reply_recv_sendnb_codes", r_bad == EBADSRCDST && nb_bad == r_bad &&
          r_task == ETRAPDENIED && nb_task == r_task && r_self == nb_self && r_self < 0,
          "bad %d/%d, task %d/%d, self %d/%d (reply_recv/sendnb)", r_bad, nb_bad, r_task,
          nb_task, r_self, nb_self);
}

/* The receive part's own checks: its source and buffer come before the
 * reply (nothing is sent if they fail); the deadlock check comes after it,
 * since the reply itself may break the cycle. */
static void test_receive_checks(void)
{
    endpoint_t a = caller_waiting(2), p;
    message m;
    int r_src, r_buf, r_ro, r_lock, blocked;

    set_reply(&m, 801, 81);
    r_src = ipc_reply_recv(a, &m, 12345);
    r_buf = ipc_reply_recv(a, (message *)0x10, ANY);   /* kernel memory */
    /* Program text: a reply could be read from it, but nothing received
     * could be written there. */
    r_ro = ipc_reply_recv(a, (message *)(uintptr_t)&test_receive_checks, ANY);
    p = spawn_peer(ROLE_RECEIVE_PARENT, 0);
    blocked = wait_blocked(p);                  /* p receives from us only */
    set_reply(&m, 800, 80);
    r_lock = ipc_reply_recv(a, &m, p);          /* we would wait for p, which waits for us */
    CHECK("reply_recv_checks_first", r_src == EBADSRCDST && r_buf == EFAULT && r_ro == EFAULT,
          "bad source %d, bad buffer %d, read-only buffer %d", r_src, r_buf, r_ro);
    CHECK("reply_recv_deadlock", blocked && r_lock == ELOCKED && got_our_reply(a, 800, 80) == OK,
          "blocked %d, receive from a process receiving from us gave %d (want ELOCKED), "
          "and the caller must have the reply sent before", blocked, r_lock);
    ipc_send(p, &m);                            /* let p go */
    wait_for_exit(p);
    wait_for_exit(a);
}

/* Run ipc_peer as ROLE_TRY_REPLY_RECV under the privileges `set` gives it;
 * its exit status is the result of its reply_recv. */
static int try_reply_recv(int user, int *status)
{
    struct priv_info want;
    struct pm_child c;
    endpoint_t ep;
    int r = sys_spawn_args("ipc_peer", NULL, PEER_ARG(ROLE_TRY_REPLY_RECV, 0), &ep);

    memset(&want, 0, sizeof(want));
    want.flags = SYS_PROC | DYN_PRIV_ID;
    want.trap_mask = IPC_ALL_OPS & ~TRAP_BIT(IPC_REPLY_RECV);
    memset(want.kcall_mask, 0xff, sizeof(want.kcall_mask));
    memset(want.ipc_to, 0xff, sizeof(want.ipc_to));
    if (r != OK || (r = user ? sys_privctl(ep, PRIV_SET_USER, NULL)
                             : sys_privctl(ep, PRIV_SET_SYS, &want)) != OK ||
        (r = sys_privctl(ep, PRIV_ALLOW, NULL)) != OK)
        return r;
    do {
        r = pm_wait(0, &c);
    } while (r == OK && c.endpoint != ep);
    *status = c.status;
    return r;
}

/* The operation needs its trap bit; user processes do not have it. */
static void test_trap_mask(void)
{
    struct priv_info pi;
    int st_sys = 0, st_user = 0;
    int r_sys = try_reply_recv(0, &st_sys), r_user = try_reply_recv(1, &st_user);
    int r_me = sys_getpriv(SELF, &pi);

    CHECK("reply_recv_trap_mask", r_sys == OK && st_sys == ETRAPDENIED && r_me == OK &&
          (pi.trap_mask & TRAP_BIT(IPC_REPLY_RECV)),
          "system process without the bit: run %d, result %d (want ETRAPDENIED); "
          "our own mask %#x", r_sys, st_sys, pi.trap_mask);
    CHECK("reply_recv_user_denied", r_user == OK && st_user == ETRAPDENIED,
          "user process: run %d, result %d (want ETRAPDENIED)", r_user, st_user);
}

void test_reply_recv(void)
{
    struct whoami_info me;
    sys_whoami(&me);
    self = me.endpoint;
    test_queued_sender();
    test_blocking_receive();
    test_not_a_caller();
    test_send_half();
    test_other_server();
    test_sendnb_codes();
    test_receive_checks();
    test_trap_mask();
}
