/* ipc_peer: the other side of the ipc suite's tests (roles in peer.h).
 * Started at boot it is an echo server; ipc_test spawns more copies with
 * other roles. */
#include <string.h>
#include <sys.h>
#include <sef.h>
#include "peer.h"

static void sleep_ticks(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks);
    ipc_receive(CLOCK, &m);
}

static void echo_loop(uint32_t delay)
{
    message m;
    for (;;) {
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        if (delay)
            sleep_ticks(delay);
        m.m_type += 1;
        ipc_send(m.m_source, &m);
    }
}

/* A child of ours in ROLE_SLOW_ECHO (NONE if the spawn fails). */
static endpoint_t spawn_slow_echo(int delay)
{
    endpoint_t ep = NONE;
    if (sys_spawn("ipc_peer", PEER_ARG(ROLE_SLOW_ECHO, delay), &ep) != OK)
        return NONE;
    return ep;
}

/* Has ep blocked (its echo loop's first receive)?  Polled once a tick,
 * 3 s deadline: 1 if it did. */
static int wait_blocked_child(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    for (int tick = 0; ep != NONE && tick < 300; tick++) {
        int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
        for (int i = 0; i < n; i++)
            if (tab[i].endpoint == ep && (tab[i].flags & PI_BLOCKED))
                return 1;
        sleep_ticks(1);                     /* poll interval of this deadline loop */
    }
    return 0;
}

static void send_to(endpoint_t dst, int type, int value)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    m.m_u.m1.i1 = value;
    ipc_send(dst, &m);
}

static void async_receiver(endpoint_t parent, uint32_t count)
{
    message m;
    int sum = 0, got = 0;
    while ((uint32_t)got < count) {
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        sum += m.m_u.m1.i1;
        got++;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = MSG_SUMMARY;
    m.m_u.m1.i1 = got;
    m.m_u.m1.i2 = sum;
    ipc_send(parent, &m);
}

/* sendrec MSG_DATA (i1 = value) to dst, then tell the parent what came back. */
static void sendrec_and_report(endpoint_t dst, int value, endpoint_t parent)
{
    message m, rep;
    memset(&m, 0, sizeof(m));
    m.m_type = MSG_DATA;
    m.m_u.m1.i1 = value;
    int r = ipc_sendrec(dst, &m);
    memset(&rep, 0, sizeof(rep));
    rep.m_type = MSG_SUMMARY;
    REPORT_R(&rep) = r;
    REPORT_TYPE(&rep) = m.m_type;
    REPORT_VALUE(&rep) = m.m_u.m1.i1;
    REPORT_SOURCE(&rep) = m.m_source;
    ipc_send(parent, &rep);
}

int main(void)
{
    struct whoami_info me;
    message m;
    uint32_t role, param;
    sef_startup();                  /* RS's init request (or none, when spawned) */

    sys_whoami(&me);
    role = me.spawn_arg & 0xff;
    param = me.spawn_arg >> 8;
    switch (role) {
    case ROLE_ECHO_SERVER:
        echo_loop(0);
        break;
    case ROLE_BURST:
        for (uint32_t i = 0; i < param; i++)
            send_to(me.parent, MSG_DATA, (int)i);
        break;
    case ROLE_SEND_ONE:
    case ROLE_SEND_TO_PARENT:
        send_to(me.parent, MSG_DATA, (int)param);
        break;
    case ROLE_NOTIFIER:
        for (uint32_t i = 0; i < param; i++)
            ipc_notify(me.parent);
        send_to(me.parent, MSG_DONE, 0);
        break;
    case ROLE_SLEEPER:
        for (;;)
            ipc_receive(CLOCK, &m);
    case ROLE_ASYNC_RECEIVER:
        async_receiver(me.parent, param);
        break;
    case ROLE_DIE_ON_REQUEST:
        ipc_receive(ANY, &m);
        break;
    case ROLE_SLOW_ECHO:
        echo_loop(param);
        break;
    case ROLE_SENDREC_PARENT:
        sendrec_and_report(me.parent, (int)param, me.parent);
        break;
    case ROLE_RECEIVE_PARENT:
        ipc_receive(me.parent, &m);
        break;
    case ROLE_SENDREC_RELAY: {          /* the other server is our own child: */
        endpoint_t slow;                /* a parent's children may not talk */
        ipc_receive(me.parent, &m);
        slow = spawn_slow_echo(m.m_u.m1.i1);
        /* Tell the parent once the child is receiving: our sendrec then
         * goes straight to its receive half, where the parent must find
         * us (not in the send half, which another test covers). */
        send_to(me.parent, MSG_DATA, wait_blocked_child(slow));
        sendrec_and_report(slow, 77, me.parent);
        sys_kill(slow, 0);
        break;
    }
    case ROLE_TRY_REPLY_RECV:
        memset(&m, 0, sizeof(m));
        sys_exit(ipc_reply_recv(me.parent, &m, ANY));
    default:
        break;
    }
    return 0;
}
