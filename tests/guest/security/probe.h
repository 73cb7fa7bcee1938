/* probe.h: the protocol between security_test and its probes (sec_probe).
 *
 * A probe is a client: it asks security_test for the next operation with
 * sendrec (PROBE_NEXT, carrying the result of the previous one), performs it
 * and asks again, until it is told PROBE_OP_DONE.  That works from a user
 * process, which may only SENDREC and RECEIVE, as well as from a service.
 * Each result is the call's return code (OK or a negative error), except
 * PROBE_OP_KINFO (bits below, or the call's error). */
#ifndef SECURITY_PROBE_H
#define SECURITY_PROBE_H

#define PROBE_NEXT   0x7e00        /* m1.i1 = previous op (0: none), m1.i2 = its result */
                                   /* reply: m1.i1 = the op to perform */

/* Spawn arguments of sec_probe (a boot sec_probe has 0: the service). */
#define PROBE_AS_SERVICE   0
#define PROBE_AS_USER      1       /* made a user process by security_test */
#define PROBE_AS_SYSCHILD  2       /* a system process, child of security_test */

enum probe_op {
    PROBE_OP_DONE = 0,
    PROBE_OP_TESTRESULT,           /* forge a failing result: must be refused */
    PROBE_OP_KINFO,                /* GETINFO_KINFO: PROBE_KINFO_* bits */
    PROBE_OP_TRACE_STATUS,
    PROBE_OP_TRACE_MARK,
    PROBE_OP_TRACE_ENABLE,         /* TC_ALL */
    PROBE_OP_TRACE_DISABLE,        /* TC_ALL */
    PROBE_OP_TRACE_MODE,           /* discard */
    PROBE_OP_TRACE_CLEAR,
    PROBE_OP_TRACE_ENDPOINT,       /* trace only IDLE */
    PROBE_OP_TRACE_SERVICE,        /* relabel itself */
    PROBE_OP_TRACE_READ,           /* read one ring record back */
    PROBE_OP_RS_UP,                /* crashd as "evil" */
    PROBE_OP_RS_RUN,               /* service refresh crashd */
    PROBE_OP_RS_DOWN,              /* crashd */
    PROBE_OP_RS_REFRESH,           /* crashd */
    PROBE_OP_RS_RESTART,           /* crashd */
    PROBE_OP_RS_LOOKUP,            /* crashd */
    PROBE_OP_RS_STATUS,            /* crashd */
    PROBE_OP_RS_PUBTAB,            /* entry 0 */
    PROBE_NR_OPS
};

#define PROBE_KINFO_NONCE   0x1    /* "nonce" appears in the command line */
#define PROBE_KINFO_MARKER  0x2    /* the run's marker option is there */
#define PROBE_MARKER        "sec_marker=42"

#define PROBE_FORGED_NAME   "security/forged_by_probe"

/* TRACECTL_SERVICE naming the caller itself: RS's alone (EPERM for others).
 * Needs <sys.h> and <string.h> before this header. */
static inline int probe_trace_service(const char *label)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = SYS_TRACECTL;
    m.m_u.m1.i1 = TRACECTL_SERVICE;
    m.m_u.m1.i2 = SELF;
    m.m_u.m1.i3 = NONE;
    strncpy(m.m_u.m_str + TRACECTL_MARK_TEXT_OFF, label, 16);
    return kernel_call(SYS_TRACECTL, &m);
}

#endif
