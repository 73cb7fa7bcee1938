/* trace_demo: the default workload of `make trace`, a short scenario a
 * student can read in the browser from start to end.  Every message it
 * causes has a name in os/include/lantern (mtypes.h, kcall.h), so the
 * tracer's e2e test can require a name for every message type of the run:
 *   1. kernel calls: GETINFO (kinfo), TIMES, DIAGCTL (printf);
 *   2. IPC with RS and PM: RS_LOOKUP, RS_PUBTAB, RS_STATUS, PM_GETPROC;
 *   3. a spawned user program (`service list`: more RS_PUBTAB) and its
 *      exit, collected with PM_WAIT;
 *   4. an RS restart: RS_REFRESH of crashd (kill, PROC_RESTART, RS_INIT),
 *      waiting until the new crashd has answered its init;
 *   5. a timer: SETALARM of DEMO_TICKS, then the NOTIFY from CLOCK (the e2e
 *      test checks the µs between them against the PIT: DEMO_TICKS / hz);
 *   6. a MARK "done", then SYS_SHUTDOWN: the recording ends by itself.
 * trace_demo_b.c builds the same program with TRACE_DEMO_VARIANT 1, which
 * sends RS_LOOKUP where this one sends RS_STATUS: the `diff` e2e test's
 * "two variants of a real program that differ in one message". */
#include <stdio.h>
#include <sef.h>
#include "../rs/common.h"

#ifndef TRACE_DEMO_VARIANT
#define TRACE_DEMO_VARIANT 0
#endif
#define DEMO_MARK  0xde40
#define DEMO_TICKS 5

static void kernel_calls(void)
{
    struct kinfo k;
    uint64_t tsc;
    uint32_t up, user;
    sys_kinfo(&k);
    sys_times(&tsc, &up, &user);
    printf("trace_demo: %u Hz clock, TSC %u kHz\n", k.hz, k.tsc_khz);
}

static void ask_servers(void)
{
    endpoint_t pm_ep;
    struct rs_pub pub;
    struct rs_status st;
    int pid, ppid;
    endpoint_t parent;
    char name[16];
    rs_lookup("pm", &pm_ep);
    for (int i = 0; rs_pubtab(i, &pub) == OK; i++)
        ;
#if TRACE_DEMO_VARIANT
    rs_lookup("crashd", &pm_ep);           /* trace_demo_b.c: one request differs */
    (void)st;
#else
    rs_status("crashd", &st);
#endif
    pm_getproc(SELF, &pid, &ppid, &parent, name);
}

int main(void)
{
    struct rs_status st;
    int status = -1;
    sef_startup();
    kernel_calls();
    ask_servers();
    run_user("service", "list", &status);
    if (rs_refresh("crashd") == OK)
        wait_status("crashd", RS_INITIALIZING | RS_BACKOFF | RS_REFRESHING, 0, 300, &st);
    /* The scenario's alarm (the trace shows SETALARM, then CLOCK's NOTIFY):
     * the sleep is what is recorded, not a wait for anything. */
    sleep_ticks(DEMO_TICKS);
    sys_trace_mark(DEMO_MARK, (uint32_t)status, 0, "done");
    sys_shutdown(0);
}
