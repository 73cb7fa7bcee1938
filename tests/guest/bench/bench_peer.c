/* bench_peer: the server side of the IPC round-trip benchmark: answers every
 * request at once with the same message. */
#include <sys.h>
#include <sef.h>

int main(void)
{
    message m;
    sef_startup();                  /* RS's init request (or none, when spawned) */
    for (;;) {
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        ipc_send(m.m_source, &m);
    }
}
