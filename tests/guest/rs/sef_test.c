/* sef_test: the sef suite.  Image: rs pm crashd sef_test.  crashd is a boot
 * service with a 10-tick heartbeat (servers/rs/table.c).  Booted with
 * rs_init=50: RS waits 0.5 s for an init answer. */
#include <string.h>
#include "common.h"

#define S "sef"

static endpoint_t cd = NONE;

/* A dynamic service's init is its first ping: a failed or unanswered init
 * brings it down for good. */
static void test_dynamic_init(void)
{
    struct rs_status st;
    int r1 = rs_up("crashd", "dynfail", 0, "-initfail", NULL);
    sleep_ticks(30);
    int l1 = rs_lookup("dynfail", NULL);
    rs_status("dynfail", &st);
    LT_CHECK(S, "dynamic_init_fails", r1 == EIO && l1 == ESRCH && st.restarts == 0 &&
             (st.flags & RS_DOWN_FLAG), "up %d lookup %d restarts %u flags %#x",
             r1, l1, st.restarts, st.flags);
    int r2 = rs_up("crashd", "dynhang", 0, "-inithang", NULL);
    sleep_ticks(30);
    int l2 = rs_lookup("dynhang", NULL);
    rs_status("dynhang", &st);
    LT_CHECK(S, "dynamic_init_timeout", r2 == ETIMEDOUT && l2 == ESRCH && st.restarts == 0 &&
             (st.flags & RS_DOWN_FLAG), "up %d lookup %d restarts %u flags %#x",
             r2, l2, st.restarts, st.flags);
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

    /* Ten heartbeat periods: RS pings, SEF answers, crashd never sees a ping
     * and is not restarted. */
    rs_status("crashd", &st0);
    sleep_ticks(100);
    r = crashd_echo("crashd", &cd, &m);
    rs_status("crashd", &st1);
    LT_CHECK(S, "pings_answered_by_sef", r == OK && m.m_u.m1.i3 == 0 &&
             st1.restarts == st0.restarts && st1.endpoint == st0.endpoint,
             "echo %d, pings seen by crashd %d, restarts %u -> %u", r, m.m_u.m1.i3,
             st0.restarts, st1.restarts);

    crashd_poke("crashd", CD_CRASH);
    r = crashd_echo("crashd", &cd, &m);
    LT_CHECK(S, "restart_init", r == OK && m.m_u.m1.i1 == SEF_INIT_RESTART && m.m_u.m1.i2 == 1,
             "echo %d, init type %d, restarts %d", r, m.m_u.m1.i1, m.m_u.m1.i2);

    /* A service whose restart callback fails is taken down, not restarted. */
    r = rs_up("crashd", "norestart", 10, "-norestart", NULL);
    int rp = crashd_poke("norestart", CD_CRASH);
    int rw = wait_status("norestart", RS_DOWN_FLAG, RS_DOWN_FLAG, 300, &st0);
    sleep_ticks(50);
    rs_status("norestart", &st1);
    LT_CHECK(S, "restart_callback_fails", r == OK && rp == OK && rw == OK &&
             rs_lookup("norestart", NULL) == ESRCH && st1.restarts == 1 &&
             (st1.flags & RS_DOWN_FLAG), "up %d poke %d wait %d restarts %u flags %#x",
             r, rp, rw, st1.restarts, st1.flags);

    test_dynamic_init();
    ltest_finish();
}
