/* bench_peer: the server side of the IPC round-trip benchmark: answers every
 * request at once with the same message. */
#include <sys.h>

int main(void)
{
    message m;
    for (;;) {
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        ipc_send(m.m_source, &m);
    }
}
