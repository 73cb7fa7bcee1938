/* rs.h: the protocol of RS, the reincarnation server.
 *
 * RS starts every system service (at boot from the boot image, later on
 * request), gives it privileges, runs the SEF init protocol with it, pings
 * it, and restarts it when it dies or stops answering.  Requests are sent
 * with sendrec; the reply's m_type is OK or a negative error.  Labels are at
 * most LABEL_MAX bytes including the NUL.
 *
 * Who may ask: RS_LOOKUP, RS_STATUS and RS_PUBTAB are open to every process
 * that may talk to RS (users too).  Every request that changes something
 * (RS_UP, RS_RUN, RS_DOWN, RS_REFRESH, RS_RESTART, RS_FAULT) is for admins
 * only, and anyone else gets EPERM before RS looks at the arguments;
 * RS_FAULT also needs TEST_PROC (docs/services.md, "Fault injection").  An admin is a
 * process RS itself started from a line of its table (servers/rs/table.c)
 * whose sys flags have SF_ADMIN; RS looks the caller's endpoint up in its
 * own table, so a copy of the same program spawned by anyone else, and any
 * service started by RS_UP, is not an admin.
 */
#ifndef LANTERN_RS_H
#define LANTERN_RS_H

#include <lantern/types.h>
#include <lantern/message.h>
#include <lantern/priv.h>

#define RS_RQ_BASE   0x700
#define RS_UP        0x700   /* struct rs_up_req; reply m1.i1 = endpoint */
#define RS_DOWN      0x701   /* m_str = label: stop it for good (not core services) */
#define RS_REFRESH   0x702   /* m_str = label: kill and restart it now */
#define RS_RESTART   0x703   /* m_str = label: start a stopped service again */
#define RS_RUN       0x709   /* struct rs_up_req naming a user program of RS's
                                table (SF_USER): run it once as RS's child;
                                answered when it exits: m1.i1 = its endpoint,
                                m1.i2 = its exit status */
#define RS_LOOKUP    0x708   /* m_str = label; reply m1.i1 = endpoint */
#define RS_FAULT     0x70a   /* m_str[0..15] = label, m1.p1 = RS_FAULT_*: fault injection.
                                Admins with TEST_PROC only (a test program RS started
                                from an SF_ADMIN line); everyone else: EPERM.  RS orders
                                the service's SEF to fail (SEF_FAULT) and answers OK at
                                once; ESRCH: no such running service (or it is
                                being started or stopped); EINVAL: bad kind.
                                "rs" and "pm" may be named: their death ends the system
                                (docs/services.md, "Who may die") */
#define RS_INIT      0x714   /* RS -> service: init request; service -> RS: reply */
#define RS_PUBTAB    0x716   /* m1.i1 = index; reply payload = struct rs_pub */
#define RS_STATUS    0x717   /* m_str = label; reply payload = struct rs_status */
#define RS_RQ_LAST   0x71f

/* RS_MTYPE_TABLE(X): X(NAME, "protocol", "description") for every request
 * type above but RS_INIT (SEF_MTYPE_TABLE).  The value is the #define itself,
 * so numbers stay where they are; the tracer's msg_type dictionary and
 * docs/message-types.md are generated from these tables (lantern/mtypes.h). */
#define RS_MTYPE_TABLE(X) \
    X(RS_UP,      "rs", "start a service from a boot module") \
    X(RS_DOWN,    "rs", "stop a service for good") \
    X(RS_REFRESH, "rs", "kill a service and restart it now") \
    X(RS_RESTART, "rs", "start a stopped service again") \
    X(RS_LOOKUP,  "rs", "endpoint of a label") \
    X(RS_PUBTAB,  "rs", "one entry of the public service table") \
    X(RS_STATUS,  "rs", "what RS knows about one service") \
    X(RS_FAULT,   "rs", "fault injection: make a service crash, loop or exit (test admins only)")

/* RS_INIT request: m1.i1 = SEF_INIT_*, m1.i2 = entries in the public table,
 * m1.i3 = how many times this service has been restarted, m1.i4 = the id of
 * the read-only grant (to ANY) of the public table (NR_RS_SERVICES struct
 * rs_pub), m1.p1 = DS only: the grant of RS's area for DS's store (read and
 * write; (uint32_t)-1 for everyone else), m1.p2 = that area's size.
 * Reply (type RS_INIT, sent with SENDA): m1.i1 = the callback's result. */
#define SEF_INIT_FRESH    0
#define SEF_INIT_LU       1
#define SEF_INIT_RESTART  2

/* SEF_FAULT: RS -> service, m1.i1 = RS_FAULT_*: the service's SEF makes it
 * fail that way at once.  From anyone but RS it is refused: the SEF layer
 * answers EPERM and the service goes on. */
#define SEF_FAULT         0x715
#define RS_FAULT_WILD     0    /* a write through a wild pointer (page fault) */
#define RS_FAULT_EXIT     1    /* exit(RS_FAULT_EXIT_STATUS) */
#define RS_FAULT_LOOP     2    /* an endless loop (RS's heartbeat finds it) */
#define RS_FAULT_EXIT_STATUS 77

/* SEF_MTYPE_TABLE(X): the SEF protocol between RS and every service.  RS's
 * heartbeat ping is a NOTIFY from RS (msg_type NOTIFY), answered by a NOTIFY. */
#define SEF_MTYPE_TABLE(X) \
    X(RS_INIT,    "sef", "init request (RS -> service) and its result (service -> RS)") \
    X(SEF_FAULT,  "sef", "fault injection order (RS -> service); from anyone else: EPERM")

/* sys flags of a service */
#define SF_CORE_SRV    0x001   /* refuses RS_DOWN; failing to restart it panics */
#define SF_SYNCH_BOOT  0x002   /* RS waits for its init before the next boot service */
#define SF_USER        0x004   /* a user process: allowed to run, no init protocol */
#define SF_NOSTART     0x008   /* boot image only: kept for spawning, never run at boot */
#define SF_ADMIN       0x010   /* may change services (RS_UP, RS_RUN, RS_DOWN, RS_REFRESH,
                                  RS_RESTART), when RS started it from its table */

#define NR_RS_SERVICES 32
#define RS_MAX_BACKOFF 30      /* check periods */

/* One entry of RS's public system process table. */
struct rs_pub {
    char     label[LABEL_MAX];
    char     program[16];
    int32_t  endpoint;
    uint32_t sys_flags;        /* SF_* */
    uint32_t period;           /* heartbeat period in ticks, 0 = no pings */
    int32_t  dev_nr;           /* major device number, 0 = none */
    uint32_t in_use;
};

struct rs_up_req {
    char     program[16];      /* a boot module name */
    char     label[LABEL_MAX]; /* empty: the program name */
    uint32_t period;           /* heartbeat period in ticks, 0 = no pings */
    char     args[20];         /* argv[1..] */
};

/* the state of a service in RS (struct rs_status.flags) */
#define RS_IN_USE        0x001
#define RS_EXITING       0x004   /* exit expected: do not restart */
#define RS_REFRESHING    0x008   /* restart as soon as it is gone */
#define RS_NOPINGREPLY   0x010   /* killed for missing its heartbeat */
#define RS_KILLED        0x020
#define RS_CRASHED       0x040
#define RS_LATEREPLY     0x080   /* answer r_caller when the exit/init is done */
#define RS_INITIALIZING  0x200   /* init request sent, reply pending */
#define RS_BACKOFF       0x400   /* dead, waiting to be restarted */
#define RS_DOWN_FLAG     0x800   /* stopped (RS_DOWN or given up): no process */

/* RS_STATUS reply: what RS knows about one service. */
#define RS_HISTORY 6
struct rs_status {
    int32_t  endpoint;
    uint32_t flags;            /* the RS_* state flags above */
    uint32_t restarts;         /* since it was started */
    uint32_t streak;           /* failures in a row (drives the backoff) */
    uint32_t ready_us;         /* init done, microseconds after the kernel started */
    uint32_t history_len;
    uint32_t history[RS_HISTORY];  /* backoff (check periods) of the last restarts */
    uint32_t allowed_us;       /* boot services: allowed to run, same clock */
    int32_t  exit_status;      /* user programs (SF_USER): status of the last exit */
};

LANTERN_STATIC_ASSERT(sizeof(struct rs_pub) <= MESSAGE_PAYLOAD, "rs_pub fits a message");
LANTERN_STATIC_ASSERT(sizeof(struct rs_up_req) <= MESSAGE_PAYLOAD, "rs_up_req fits a message");
LANTERN_STATIC_ASSERT(sizeof(struct rs_status) <= MESSAGE_PAYLOAD, "rs_status fits a message");

#endif
