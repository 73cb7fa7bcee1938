/* panic_test: the guest half of the trace post-mortem check
 * (tests/harness/trace-postmortem.sh).  It does a little IPC, leaves a
 * MARK with a known text as the last thing before the end, and makes the
 * kernel panic.  The host then recovers the ring from the RAM file and the
 * port stream and looks for that MARK and the PANIC record. */
#include <string.h>
#include <sys.h>
#include <sef.h>

int main(void)
{
    message m;
    sef_startup();                  /* RS's init request (or none, when spawned) */
    endpoint_t server = sys_find_proc("bench_peer");

    memset(&m, 0, sizeof(m));
    for (int i = 0; i < 20; i++)
        ipc_sendrec(server, &m);
    sys_trace_mark(0xdead, 1, 2, "last-words");
    sys_panic("post-mortem check");
}
