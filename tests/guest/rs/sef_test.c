/* sef_test: the sef suite.  Image: rs pm crashd sef_test.  crashd is a boot
 * service with a 10-tick heartbeat (servers/rs/table.c).  Booted with
 * rs_init=50: RS waits 0.5 s for an init answer. */
#include <string.h>
#include "common.h"

#define S "sef"

static endpoint_t cd = NONE;

/* A dynamic service's init is its first ping: a failed (-initfail) or
 * unanswered (-inithang) init brings it down for good, and `service up`
 * gets the error. */
static void check_dynamic_init(const char *test, const char *label, const char *args, int want)
{
    struct rs_status st;
    int r = rs_up("crashd", label, 0, args, NULL);
    sleep_ticks(30);
    int l = rs_lookup(label, NULL);
    rs_status(label, &st);
    LT_CHECK(S, test, r == want && l == ESRCH && st.restarts == 0 && (st.flags & RS_DOWN_FLAG),
             "up %d lookup %d restarts %u flags %#x", r, l, st.restarts, st.flags);
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

    check_dynamic_init("dynamic_init_fails", "dynfail", "-initfail", EIO);
    check_dynamic_init("dynamic_init_timeout", "dynhang", "-inithang", ETIMEDOUT);
    ltest_finish();
}
