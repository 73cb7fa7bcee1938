/* bench_peer: the server side of the IPC round-trip benchmark: answers every
 * request at once with the same message.  The answer and the next receive
 * are one trap (IPC_REPLY_RECV), as in any SEF server's loop. */
#include <sys.h>
#include <sef.h>

int main(void)
{
    message m;
    endpoint_t to = NONE;
    sef_startup();                  /* RS's init request (or none, when spawned) */
    for (;;) {
        int r = to == NONE ? ipc_receive(ANY, &m) : ipc_reply_recv(to, &m, ANY);
        to = r == OK && !IS_NOTIFY(m.m_type) ? m.m_source : NONE;
    }
}
