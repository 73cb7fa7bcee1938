/* ipc_calls.h: the IPC trap wrappers (registers as in <lantern/ipc.h>).
 *
 * Inline, so that a call is the `int $0x30` itself: under QEMU each return
 * is a translated-block lookup, and after the trap's CR3 loads such a
 * lookup is slow (docs/benchmarks.md).  Each returns OK or a negative error
 * from <lantern/errno.h>. */
#ifndef LIBSYS_IPC_CALLS_H
#define LIBSYS_IPC_CALLS_H

#include <lantern/types.h>
#include <lantern/endpoint.h>
#include <lantern/message.h>
#include <lantern/ipc.h>

static inline int ipc_trap(int op, endpoint_t ep, void *addr, uint32_t count)
{
    int r;
    __asm__ volatile("int %1"
                     : "=a"(r)
                     : "i"(IPC_VECTOR), "a"(op), "b"(ep), "c"(addr), "d"(count)
                     : "memory");
    return r;
}

static inline int ipc_send(endpoint_t dst, message *m) { return ipc_trap(IPC_SEND, dst, m, 0); }
static inline int ipc_receive(endpoint_t src, message *m) { return ipc_trap(IPC_RECEIVE, src, m, 0); }
static inline int ipc_sendrec(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDREC, dst, m, 0); }
static inline int ipc_notify(endpoint_t dst) { return ipc_trap(IPC_NOTIFY, dst, 0, 0); }
static inline int ipc_sendnb(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDNB, dst, m, 0); }
static inline int ipc_senda(asynmsg_t *table, uint32_t count)
{
    return ipc_trap(IPC_SENDA, NONE, table, count);
}
/* A server's turn: reply m to `to` (blocked in SENDREC waiting for us), then
 * receive from src into m.  If the reply fails (SENDNB's codes), nothing is
 * received; ELOCKED and ESRCDIED come from the receive, after the reply. */
static inline int ipc_reply_recv(endpoint_t to, message *m, endpoint_t src)
{
    return ipc_trap(IPC_REPLY_RECV, to, m, (uint32_t)src);
}

#endif
