/* sef_test: the sef suite.  Image: rs pm crashd sef_test.  crashd is a boot
 * service with a 10-tick heartbeat (servers/rs/table.c).  Booted with
 * rs_init=50: RS waits 0.5 s for an init answer. */
#include <string.h>
#include "common.h"

#define S "sef"

static endpoint_t cd = NONE;

#define DEADLINE 1000        /* ticks (10 s): QEMU on a busy 2-core host */

/* The pings SEF has answered for the boot crashd (its CD_ECHO reply), or -1. */
static int crashd_pings(message *m)
{
    int r = crashd_echo("crashd", &cd, m);
    return r == OK ? (int)m->m_u.m1.p1 : -1;
}

/* Wait until SEF has answered n more of RS's pings to crashd.  RS pings in
 * its periodic check, so this also means RS has run at least n checks: the
 * window in which RS would have restarted a service it should not. */
static int wait_pings(int n, message *m)
{
    uint32_t t0 = ticks_now();
    int start = crashd_pings(m), now = start;
    while (start >= 0 && now >= 0 && now < start + n) {
        if (ticks_now() - t0 > DEADLINE)
            return ETIMEDOUT;
        sleep_ticks(2);         /* poll interval; the deadline is DEADLINE */
        now = crashd_pings(m);
    }
    return now >= 0 && start >= 0 && now >= start + n ? OK : ESRCH;
}

/* Ten pings: RS pings, SEF answers (crashd's ping callback counts them),
 * crashd's own code never sees one, and it is not restarted. */
static void test_pings(void)
{
    struct rs_status st0, st1;
    message m;
    int r0 = rs_status("crashd", &st0);
    int rw = wait_pings(10, &m);
    int r1 = rs_status("crashd", &st1);
    LT_CHECK(S, "pings_answered_by_sef", r0 == OK && r1 == OK && rw == OK &&
             m.m_u.m1.i3 == 0 && st1.restarts == st0.restarts && st1.endpoint == st0.endpoint,
             "status %d/%d, 10 pings answered: %d (%u so far), pings seen by crashd %d, "
             "restarts %u -> %u", r0, r1, rw, m.m_u.m1.p1, m.m_u.m1.i3, st0.restarts,
             st1.restarts);
}

/* A dynamic service's init is its first ping: a failed (-initfail) or
 * unanswered (-inithang) init brings it down for good, and `service up`
 * gets the error.  After it is down, three RS checks must not bring it back. */
static void check_dynamic_init(const char *test, const char *label, const char *args, int want)
{
    struct rs_status st;
    message m;
    int r = rs_up("crashd", label, 0, args, NULL);
    int rw = wait_status(label, RS_DOWN_FLAG, RS_DOWN_FLAG, DEADLINE, &st);
    int rp = wait_pings(3, &m);
    int l = rs_lookup(label, NULL), rs = rs_status(label, &st);
    LT_CHECK(S, test, r == want && rw == OK && rp == OK && l == ESRCH && rs == OK &&
             st.restarts == 0 && (st.flags & RS_DOWN_FLAG),
             "up %d, down %d, window %d, lookup %d, status %d: restarts %u flags %#x",
             r, rw, rp, l, rs, st.restarts, st.flags);
}

int main(void)
{
    struct rs_status st0, st1;
    message m;
    int r;

    sef_startup();
    ltest_plan(S, 6);

    r = crashd_echo("crashd", &cd, &m);
    LT_CHECK(S, "fresh_init", r == OK && m.m_u.m1.i1 == SEF_INIT_FRESH && m.m_u.m1.i2 == 0,
             "echo %d, init type %d, restarts %d", r, m.m_u.m1.i1, m.m_u.m1.i2);

    test_pings();

    crashd_poke("crashd", CD_CRASH);
    r = crashd_echo("crashd", &cd, &m);
    LT_CHECK(S, "restart_init", r == OK && m.m_u.m1.i1 == SEF_INIT_RESTART && m.m_u.m1.i2 == 1,
             "echo %d, init type %d, restarts %d", r, m.m_u.m1.i1, m.m_u.m1.i2);

    /* A service whose restart callback fails is taken down, and five RS
     * checks later it is still down. */
    r = rs_up("crashd", "norestart", 10, "-norestart", NULL);
    int rp = crashd_poke("norestart", CD_CRASH);
    int rw = wait_status("norestart", RS_DOWN_FLAG, RS_DOWN_FLAG, DEADLINE, &st0);
    int rwin = wait_pings(5, &m);
    int rs = rs_status("norestart", &st1);
    LT_CHECK(S, "restart_callback_fails", r == OK && rp == OK && rw == OK && rwin == OK &&
             rs == OK && rs_lookup("norestart", NULL) == ESRCH && st1.restarts == 1 &&
             (st1.flags & RS_DOWN_FLAG), "up %d poke %d down %d window %d status %d: "
             "restarts %u flags %#x", r, rp, rw, rwin, rs, st1.restarts, st1.flags);

    check_dynamic_init("dynamic_init_fails", "dynfail", "-initfail", EIO);
    check_dynamic_init("dynamic_init_timeout", "dynhang", "-inithang", ETIMEDOUT);
    ltest_finish();
}
