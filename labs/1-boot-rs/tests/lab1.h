/* lab1.h: the parts of lab1_test (Lab 1's guest test program).
 *
 * lab1_test runs as a test program that RS starts from its table (TEST_PROC,
 * SF_ADMIN).  Its tests look at echo from outside only: through RS, through
 * the kernel's PRIV_QUERY, and through a copy of itself spawned as a user
 * process, which pings echo and hands the reply back over IPC (a user process
 * may not report results).  Results go over the framed result channel. */
#ifndef LAB1_H
#define LAB1_H

#include <sef.h>
#include <service.h>
#include <ltest.h>
#include <lantern/echo.h>

#define LAB1_SUITE   "lab1"
#define LAB1_REPORT  0x1e80    /* user child -> lab1_test: m_u32 = struct ping */

/* What one ping from a user process saw.  Errors are negative. */
struct ping {
    int32_t lookup;            /* rs_lookup("echo") */
    int32_t call;              /* ipc_sendrec to echo */
    int32_t type;              /* the reply's m_type */
    int32_t value, init, restarts, served;   /* the reply's m1.i1 .. i4 */
    int32_t echo_ep;           /* the endpoint it pinged */
};

/* lab1_client.c: the user-process side, and the parent's call to it. */
int lab1_client_main(int argc, char **argv);
/* Spawn a copy of lab1_test as a user process that sends echo a request of
 * `type` carrying `value`; wait for its report (a guest-time deadline). */
int ping_as_user(int type, int value, struct ping *out);

/* lab1_time.c */
uint32_t lab1_ticks(void);
void lab1_sleep(uint32_t ticks);

#endif
