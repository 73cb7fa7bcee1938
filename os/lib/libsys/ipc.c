/* ipc.c: the IPC trap (see <lantern/ipc.h> for register use). */
#include <sys.h>

static inline int ipc_trap(int op, endpoint_t ep, void *addr, uint32_t count)
{
    int r;
    __asm__ volatile("int %1"
                     : "=a"(r)
                     : "i"(IPC_VECTOR), "a"(op), "b"(ep), "c"(addr), "d"(count)
                     : "memory");
    return r;
}

int ipc_send(endpoint_t dst, message *m) { return ipc_trap(IPC_SEND, dst, m, 0); }
int ipc_receive(endpoint_t src, message *m) { return ipc_trap(IPC_RECEIVE, src, m, 0); }
int ipc_sendrec(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDREC, dst, m, 0); }
int ipc_notify(endpoint_t dst) { return ipc_trap(IPC_NOTIFY, dst, 0, 0); }
int ipc_sendnb(endpoint_t dst, message *m) { return ipc_trap(IPC_SENDNB, dst, m, 0); }
int ipc_senda(asynmsg_t *table, uint32_t count) { return ipc_trap(IPC_SENDA, NONE, table, count); }
int ipc_reply_recv(endpoint_t to, message *m, endpoint_t src)
{
    return ipc_trap(IPC_REPLY_RECV, to, m, (uint32_t)src);
}
