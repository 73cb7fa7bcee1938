/* rs_test: the rs suite.  Image: rs pm init service crashd rs_test, booted
 * with trace=ipc,kcall (the boot order is read from the trace ring).  crashd
 * has a heartbeat period of 10 ticks (servers/rs/table.c). */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <lantern/testproto.h>
#include <lantern/trace_events.h>
#include "common.h"
#include "boot_trace.h"

#define S "rs"

static endpoint_t cd = NONE;      /* crashd's current endpoint (cache) */

/* The order of the boot, from the kernel's trace ring (boot_trace.c), not
 * from RS's own timestamps: RS allowed the services to run in table order
 * (servers/rs/table.c, for this image: vm pm crashd rs_test init; service is
 * SF_NOSTART), and PM, which is SF_SYNCH_BOOT, answered its init before RS
 * allowed the next one. */
static const char *const boot_order[] = { "vm", "pm", "crashd", "rs_test", "init" };
#define PM_AT 1                 /* pm's place in boot_order */
#define NBOOT ((int)(sizeof(boot_order) / sizeof(boot_order[0])))

static void test_boot_order(void)
{
    struct boot_trace bt;
    struct rs_status pm;
    endpoint_t want[NBOOT];
    int r = boot_trace_read(&bt), ok = r == OK && bt.nallowed == NBOOT;

    for (int i = 0; i < NBOOT; i++) {
        want[i] = sys_find_proc(boot_order[i]);
        ok &= i < bt.nallowed && bt.allowed[i] == want[i];
    }
    LT_CHECK(S, "boot_order", ok, "trace read %d (%u records, %u torn): %d allowed, "
             "first %d %d %d %d %d, want %d %d %d %d %d", r, bt.scanned, bt.torn, bt.nallowed,
             bt.allowed[0], bt.allowed[1], bt.allowed[2], bt.allowed[3], bt.allowed[4],
             want[0], want[1], want[2], want[3], want[4]);
    int rs = rs_status("pm", &pm);
    LT_CHECK(S, "synch_boot", r == OK && bt.pm_ready && bt.nallowed >= PM_AT + 2 &&
             bt.pm_ready_at < bt.allowed_at[PM_AT + 1] && rs == OK && pm.ready_us > 0 &&
             !(pm.flags & RS_INITIALIZING),
             "pm's init answer %s at record %llu, next service allowed at %llu; "
             "rs_status(pm) %d, ready at %u us, flags %#x", bt.pm_ready ? "seen" : "not seen",
             (unsigned long long)bt.pm_ready_at, (unsigned long long)bt.allowed_at[PM_AT + 1],
             rs, pm.ready_us, pm.flags);
    sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);   /* the rest needs no trace */
}

/* TR_BOOTDONE ("RS finished the boot") is RS's alone: the kernel refuses it
 * from anyone else, so a test program cannot make expect=booted pass. */
static void test_bootdone_rs_only(void)
{
    int r = sys_testresult(TR_BOOTDONE, 0, "rs_test", 7);
    LT_CHECK(S, "bootdone_rs_only", r == EPERM, "TR_BOOTDONE from rs_test gave %d, want EPERM",
             r);
}

static void test_pm_tree(void)
{
    struct rs_pub p;
    int pid, ppid, bad = 0, checked = 0;
    endpoint_t parent;
    char name[16];

    for (int i = 0; rs_pubtab(i, &p) == OK; i++) {
        if (!p.in_use || p.endpoint == NONE)
            continue;
        if (pm_getproc(p.endpoint, &pid, &ppid, &parent, name) != OK) {
            bad++;
            continue;
        }
        checked++;
        if (p.endpoint == RS_ENDPOINT)
            bad += parent != INIT_ENDPOINT;
        else if (p.endpoint == INIT_ENDPOINT)
            bad += pid != INIT_PID || ppid != INIT_PID;
        else
            bad += parent != RS_ENDPOINT;
    }
    LT_CHECK(S, "pm_tree", bad == 0 && checked >= 4, "%d of %d have the wrong parent", bad, checked);
}

static void test_lookup(void)
{
    endpoint_t ep = NONE;
    int r1 = rs_lookup("crashd", &ep), r2 = rs_lookup("nosuchservice", NULL);
    int r3 = rs_lookup("a-label-that-is-far-too-long", NULL);
    LT_CHECK(S, "lookup", r1 == OK && ep != NONE && r2 == ESRCH && r3 == EINVAL,
             "crashd %d (ep %d), unknown %d, too long %d", r1, ep, r2, r3);
}

/* Crash crashd with `how`; it must come back with a new endpoint and a
 * restart init, and answer again. */
static void crash_and_back(const char *test, int how, int restarts_before)
{
    message m;
    endpoint_t before = NONE, after = NONE;
    int r0 = crashd_echo("crashd", &cd, &m);
    before = cd;
    int rp = crashd_poke("crashd", how);
    int r = crashd_echo("crashd", &cd, &m);
    after = cd;
    LT_CHECK(S, test, r0 == OK && rp == OK && r == OK && after != before &&
             m.m_u.m1.i1 == SEF_INIT_RESTART && m.m_u.m1.i2 == restarts_before + 1,
             "poke %d, echo %d, endpoint %d -> %d, init type %d, restarts %d",
             rp, r, before, after, m.m_u.m1.i1, m.m_u.m1.i2);
}

static void test_client_keeps_working(void)
{
    message m;
    int ok = 0;
    for (int i = 0; i < 20; i++) {
        if (i == 10)
            crashd_poke("crashd", CD_EXIT);
        ok += crashd_echo("crashd", &cd, &m) == OK;
    }
    LT_CHECK(S, "client_keeps_working", ok == 20, "%d of 20 requests answered", ok);
}

static void test_hang(void)
{
    struct rs_status before, after;
    message m;
    int s0 = rs_status("crashd", &before);
    int rp = crashd_poke("crashd", CD_HANG);
    int r = crashd_echo("crashd", &cd, &m);
    int s1 = rs_status("crashd", &after);
    LT_CHECK(S, "hang_restart", s0 == OK && s1 == OK && rp == OK && r == OK &&
             after.restarts == before.restarts + 1 && after.endpoint != before.endpoint,
             "status %d/%d, echo %d, restarts %u -> %u", s0, s1, r, before.restarts,
             after.restarts);
}

static void test_backoff(void)
{
    static const uint32_t want[RS_HISTORY] = { 0, 2, 4, 8, 16, 30 };
    struct rs_status st;
    struct kinfo k;
    uint32_t t0 = ticks_now(), delta = 10, elapsed;
    int r = rs_up("crashd", "flaky", 0, "-crashloop", NULL), same = 1;

    sys_kinfo(&k);
    const char *d = strstr(k.cmdline, "rs_delta=");
    if (d)
        delta = (uint32_t)atoi(d + 9);
    int rs;
    do {
        sleep_ticks(delta);
        rs = rs_status("flaky", &st);
    } while (rs == OK && st.history_len < RS_HISTORY && ticks_now() - t0 < 200 * delta);
    elapsed = ticks_now() - t0;
    for (int i = 0; i < RS_HISTORY; i++)
        same &= st.history[i] == want[i];
    LT_CHECK(S, "backoff", r == OK && rs == OK && st.history_len == RS_HISTORY && same &&
             elapsed >= (2 + 4 + 8 + 16) * delta,
             "up %d; %u restarts: %u %u %u %u %u %u after %u ticks", r, st.history_len,
             st.history[0], st.history[1], st.history[2], st.history[3], st.history[4],
             st.history[5], elapsed);
    int rd = rs_down("flaky");
    LT_CHECK(S, "down_in_backoff", rd == OK && rs_lookup("flaky", NULL) == ESRCH, "down %d", rd);
}

/* The `service` command, run by RS for this admin (RS_RUN): RS starts it
 * from its table line, which makes it an admin too (a copy spawned by
 * anyone else is not: the security suite checks that).  RS_RUN's arguments
 * are at most 19 characters. */
static void test_service_command(void)
{
    struct rs_status st;
    endpoint_t e1 = NONE, e2 = NONE;
    int s_up = -1, s_down = -1, s_restart = -1, s_refresh = -1, s_core = -1, s_bad = -1;
    int r = rs_run("service", "up crashd -label sv", &s_up);
    int l_up = rs_lookup("sv", &e1);
    rs_status("sv", &st);
    LT_CHECK(S, "service_up", r == OK && s_up == 0 && l_up == OK, "run %d status %d lookup %d",
             r, s_up, l_up);
    rs_run("service", "down sv", &s_down);
    int l_down = rs_lookup("sv", NULL);
    rs_run("service", "restart sv", &s_restart);
    int l_restart = rs_lookup("sv", &e1);
    rs_run("service", "refresh sv", &s_refresh);
    int l_refresh = rs_lookup("sv", &e2);
    LT_CHECK(S, "service_down_restart_refresh",
             s_down == 0 && l_down == ESRCH && s_restart == 0 && l_restart == OK &&
             s_refresh == 0 && l_refresh == OK && e1 != e2,
             "down %d/%d restart %d/%d refresh %d/%d (%d -> %d)", s_down, l_down,
             s_restart, l_restart, s_refresh, l_refresh, e1, e2);
    rs_run("service", "down pm", &s_core);
    rs_run("service", "frobnicate", &s_bad);
    LT_CHECK(S, "service_errors", s_core == 1 && s_bad == 2 && rs_down("pm") == EPERM &&
             rs_refresh("rs") == EPERM && rs_up("nosuchprog", "x", 0, NULL, NULL) == ENOENT &&
             rs_up("crashd", "sv", 0, NULL, NULL) == EBUSY &&
             rs_run("crashd", NULL, NULL) == EINVAL,
             "down pm exit %d, bad command exit %d", s_core, s_bad);
    rs_down("sv");
}

static void test_stress(void)
{
    message m;
    endpoint_t last = NONE;
    int refreshed = 0, answered = 0, changed = 0;
    for (int i = 0; i < 100; i++) {
        refreshed += rs_refresh("crashd") == OK;
        if (crashd_echo("crashd", &cd, &m) == OK)
            answered++;
        changed += cd != last;
        last = cd;
    }
    LT_CHECK(S, "stress_100_restarts", refreshed == 100 && answered == 100 && changed == 100,
             "%d refreshed, %d answered, %d new endpoints", refreshed, answered, changed);
}

int main(void)
{
    sef_startup();
    ltest_plan(S, 14);
    test_boot_order();
    test_bootdone_rs_only();
    test_pm_tree();
    test_lookup();
    crash_and_back("crash_restart", CD_CRASH, 0);
    test_client_keeps_working();
    test_hang();
    test_service_command();
    test_stress();
    test_backoff();
    ltest_finish();
}
