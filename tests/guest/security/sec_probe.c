/* sec_probe: tries what the security suite says it may not do, and reports
 * each return code to security_test (probe.h).
 *
 * Three ways to run:
 *   - as a boot service with few rights (servers/rs/table.c: IPC to RS, PM
 *     and security_test, the basic kernel calls; not a test program, not an
 *     admin, no TRACE_CTL);
 *   - spawned by security_test and made a user process (spawn argument 1);
 *   - spawned by security_test as a system process that asked for its
 *     parent's TEST_PROC and TRACE_CTL (argument 2): the kernel must not
 *     hand them down, and RS must not take it for an admin.
 * It reports nothing to the harness itself: it may not. */
#include <string.h>
#include <stdio.h>
#include <sys.h>
#include <sef.h>
#include <service.h>
#include <lantern/testproto.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "probe.h"

static int kinfo_bits(void)
{
    struct kinfo k;
    int r = sys_kinfo(&k), bits = 0;
    if (r != OK)
        return r;
    k.cmdline[sizeof(k.cmdline) - 1] = 0;
    if (strstr(k.cmdline, "nonce"))
        bits |= PROBE_KINFO_NONCE;
    if (strstr(k.cmdline, PROBE_MARKER))
        bits |= PROBE_KINFO_MARKER;
    return bits;
}

static int forge_result(void)
{
    static const char text[] = PROBE_FORGED_NAME "\0a probe forged this result";
    return sys_testresult(TR_RESULT, TR_FAIL, text, sizeof(text) - 1);
}

/* TRACECTL_READ of one record: the ring shows everyone's messages. */
static int trace_read_one(void)
{
    static struct trace_rec rec;
    return sys_trace_read(0, 1, &rec);
}

static int perform(int op)
{
    struct rs_status st;
    struct rs_pub pub;
    int status;

    switch (op) {
    case PROBE_OP_TESTRESULT:     return forge_result();
    case PROBE_OP_KINFO:          return kinfo_bits();
    case PROBE_OP_TRACE_STATUS:   return sys_tracectl(TRACECTL_STATUS, 0, 0, 0, NULL);
    case PROBE_OP_TRACE_MARK:     return sys_trace_mark(0x5ec, 0, 0, "probe");
    case PROBE_OP_TRACE_ENABLE:   return sys_tracectl(TRACECTL_ENABLE, TC_ALL, 0, 0, NULL);
    case PROBE_OP_TRACE_DISABLE:  return sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
    case PROBE_OP_TRACE_MODE:     return sys_tracectl(TRACECTL_MODE, TRACE_MODE_DISCARD, 0, 0, NULL);
    case PROBE_OP_TRACE_CLEAR:    return sys_tracectl(TRACECTL_CLEAR, 0, 0, 0, NULL);
    case PROBE_OP_TRACE_ENDPOINT: return sys_tracectl(TRACECTL_ENDPOINT, IDLE, 1, 0, NULL);
    case PROBE_OP_TRACE_SERVICE:  return probe_trace_service("evil");
    case PROBE_OP_TRACE_READ:     return trace_read_one();
    case PROBE_OP_RS_UP:          return rs_up("crashd", "evil", 0, NULL, NULL);
    case PROBE_OP_RS_RUN:         return rs_run("service", "refresh crashd", &status);
    case PROBE_OP_RS_DOWN:        return rs_down("crashd");
    case PROBE_OP_RS_REFRESH:     return rs_refresh("crashd");
    case PROBE_OP_RS_RESTART:     return rs_restart("crashd");
    case PROBE_OP_RS_LOOKUP:      return rs_lookup("crashd", NULL);
    case PROBE_OP_RS_STATUS:      return rs_status("crashd", &st);
    case PROBE_OP_RS_PUBTAB:      return rs_pubtab(0, &pub);
    }
    return EINVAL;
}

int main(void)
{
    struct whoami_info me;
    endpoint_t test;
    message m;
    int op = PROBE_OP_DONE, result = 0;

    sef_startup();
    sys_whoami(&me);
    if (me.parent == NONE) {                    /* a boot process */
        if (rs_lookup("security_test", &test) != OK)
            return 1;
    } else {
        test = me.parent;
    }
    for (;;) {
        memset(&m, 0, sizeof(m));
        m.m_type = PROBE_NEXT;
        m.m_u.m1.i1 = op;
        m.m_u.m1.i2 = result;
        int r = ipc_sendrec(test, &m);
        if (r != OK) {
            printf("sec_probe: cannot reach security_test (%d): %s\n", test, strerror(r));
            return 1;
        }
        if ((op = m.m_u.m1.i1) == PROBE_OP_DONE)
            return 0;
        result = perform(op);
    }
}
