/* peer.h: roles of ipc_peer, chosen by its spawn argument:
 * arg = role | (param << 8).  Shared by ipc_test and ipc_peer. */
#ifndef IPC_PEER_H
#define IPC_PEER_H

enum peer_role {
    ROLE_ECHO_SERVER = 0,   /* reply to every request: m_type + 1, payload unchanged */
    ROLE_BURST,             /* send param messages (m1.i1 = 0..param-1) to the parent */
    ROLE_SEND_ONE,          /* send one message with m1.i1 = param to the parent, exit */
    ROLE_NOTIFIER,          /* notify the parent param times, then send "done" */
    ROLE_SLEEPER,           /* receive from CLOCK only, forever */
    ROLE_ASYNC_RECEIVER,    /* receive param messages, send back count and sum */
    ROLE_SEND_TO_PARENT,    /* send once to the parent (blocks until received) */
    ROLE_EXIT_NOW,          /* exit at once */
    ROLE_DIE_ON_REQUEST,    /* receive one request, exit without replying */
    ROLE_SLOW_ECHO,         /* like echo, but wait param ticks before replying */
    ROLE_SENDREC_PARENT,    /* sendrec MSG_DATA (i1 = param) to the parent, report the reply */
    ROLE_RECEIVE_PARENT,    /* receive one message from the parent only, exit */
    ROLE_SENDREC_RELAY,     /* receive a delay (i1) from the parent, spawn a slow-echo
                               child with that delay, send MSG_DATA (i1 = 1 once the
                               child is receiving), sendrec the child, report */
    ROLE_TRY_REPLY_RECV,    /* reply_recv to the parent; exit with its result as status */
};

/* The report of ROLE_SENDREC_PARENT and ROLE_SENDREC_RELAY, sent to the
 * parent as MSG_SUMMARY: the sendrec's result and the reply it got. */
#define REPORT_R(m)      ((m)->m_u.m1.i1)
#define REPORT_TYPE(m)   ((m)->m_u.m1.i2)
#define REPORT_VALUE(m)  ((m)->m_u.m1.i3)
#define REPORT_SOURCE(m) ((m)->m_u.m1.i4)

#define PEER_ARG(role, param) ((unsigned)(role) | ((unsigned)(param) << 8))
#define MSG_DATA    0x100
#define MSG_DONE    0x101
#define MSG_SUMMARY 0x102

#endif
