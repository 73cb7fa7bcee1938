/* gdb_peer: a service that sends one request to gdb_probe and waits for
 * the answer (tests/guest/tools/gdb_probe.c says why).  While gdb_probe is
 * stopped in GDB it is blocked in SENDREC to gdb_probe, which lantern-ps
 * must show; once answered it is scheduled again, which
 * lantern-break-proc must catch.  Its RS label is "peer", not its
 * program name, so the helpers' label lookups are exercised too. */
#include <string.h>
#include <sys.h>
#include <sef.h>

int peer_answered;

static void wait_tick(void)
{
    message m;
    sys_setalarm(1);
    ipc_receive(CLOCK, &m);
}

int main(void)
{
    message m;
    endpoint_t probe;

    sef_startup();
    while ((probe = sys_find_proc("gdb_probe")) == NONE)
        wait_tick();
    for (;;) {
        memset(&m, 0, sizeof(m));
        m.m_type = 0x6764;
        if (ipc_sendrec(probe, &m) == OK)
            break;
        wait_tick();
    }
    peer_answered = 1;
    for (;;)
        sef_receive(ANY, &m);
}
