/* fz_storm.c: kill storms and fatal deaths (docs/fuzzing.md, "Kill storms").
 *
 *   fz_storm            while a user child (the workload) keeps asking echo
 *                       for round trips, kill echo and crashd STORM_KILLS
 *                       times each, the victim and the moment of each kill
 *                       drawn at random, and the way, among: RS_REFRESH,
 *                       and RS_FAULT's wild pointer, exit and endless loop
 *                       (echo has no heartbeat: its loop is ended by a
 *                       refresh).  After each kill the service must be back
 *                       (a new endpoint, initialized; crashd answers a round
 *                       trip) within a deadline; the time from the order to
 *                       that is storm_restart_ms.  The workload's every
 *                       request must end in an answer carrying its own value,
 *                       or a documented error and a retry that succeeds.
 *   fz_storm:fatal:L    RS_FAULT (wild pointer) into L = rs or pm: the
 *                       system must stop with a panic naming L (the run's
 *                       expect=panic:).
 * fz_storm is an admin (RS's table, SF_ADMIN) with TEST_PROC: the only kind
 * of caller RS_FAULT obeys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lantern/rs.h>
#include <lantern/echo.h>
#include "../rs/common.h"

#define S "storm"
#define STORM_KILLS  100
#define BACK_TICKS   300              /* a killed service is back within 3 s */
#define ARG_CLIENT   1

struct tally { uint32_t requests, acks, retries, bad, bad_code, stop; };
static endpoint_t client = NONE;
static struct tally seen;             /* the workload's last progress report */
static int stopping;
static uint32_t samples[2 * STORM_KILLS], nsamples;
static uint32_t rng = 12345;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* ---- the workload: a user process asking echo ------------------------ */

static int gone(int r) { return r == EDEADSRCDST || r == EDSTDIED || r == ESRCDIED || r == ESRCH; }

/* One round trip that must come back with our value; documented failures
 * (echo died, is being restarted) are retried, a tick apart, until
 * RETRY_TICKS have passed: then the request counts as bad. */
#define RETRY_TICKS 1000
static void one_request(struct tally *t, endpoint_t *ep)
{
    message m;
    uint32_t start = sys_uptime();
    t->requests++;
    for (;;) {
        int r = *ep == NONE ? rs_lookup("echo", ep) : OK;
        if (r == OK) {
            memset(&m, 0, sizeof(m));
            m.m_type = ECHO_PING;
            m.m_u.m1.i1 = (int32_t)t->requests;
            r = ipc_sendrec(*ep, &m);
            if (r == OK && m.m_type == OK && m.m_u.m1.i1 == (int32_t)t->requests) {
                t->acks++;
                return;
            }
            if (r == OK)
                r = m.m_type;
        }
        if (!gone(r)) {
            t->bad++;
            t->bad_code = (uint32_t)r;
            return;
        }
        t->retries++;
        *ep = NONE;
        if (sys_uptime() - start > RETRY_TICKS) {
            t->bad++;
            t->bad_code = (uint32_t)ETIMEDOUT;
            return;
        }
        sleep_ticks(1);               /* poll interval (deadline above) while echo restarts */
    }
}

static void client_main(endpoint_t storm)
{
    struct tally t;
    endpoint_t ep = NONE;
    message m;
    memset(&t, 0, sizeof(t));
    for (;;) {
        for (int i = 0; i < 5; i++)
            one_request(&t, &ep);
        memset(&m, 0, sizeof(m));
        memcpy(m.m_u.m_u32, &t, sizeof(t));
        if (ipc_sendrec(storm, &m) != OK || m.m_u.m1.i1)
            sys_exit(0);
    }
}

/* ---- the storm ---------------------------------------------------------- */

/* Wait `ticks`, answering the workload's progress reports meanwhile. */
static void pause_ticks(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks ? ticks : 1);
    for (;;) {
        if (ipc_receive(ANY, &m) != OK)
            continue;
        if (m.m_source == CLOCK && IS_NOTIFY(m.m_type))
            return;
        if (m.m_source != client || IS_NOTIFY(m.m_type))
            continue;
        memcpy(&seen, m.m_u.m_u32, sizeof(seen));
        memset(&m, 0, sizeof(m));
        m.m_u.m1.i1 = stopping;
        ipc_sendnb(client, &m);
    }
}

/* Is the service back: a new endpoint, initialized, not waiting to restart? */
static int back(const char *label, endpoint_t old)
{
    struct rs_status st;
    message reply;
    endpoint_t ep = NONE;
    if (rs_status(label, &st) != OK || st.endpoint == NONE || st.endpoint == old ||
        (st.flags & (RS_INITIALIZING | RS_BACKOFF | RS_DOWN_FLAG | RS_REFRESHING)))
        return 0;
    return strcmp(label, "crashd") || crashd_echo(label, &ep, &reply) == OK;
}

/* One kill of `label` in the way `k` picks; OK when it is back in time. */
static int kill_once(const char *label, int k)
{
    struct rs_status st;
    int r;
    if ((r = rs_status(label, &st)) != OK)
        return r;
    uint32_t t0 = ticks_now();
    uint64_t c0 = read_tsc();
    endpoint_t old = st.endpoint;
    if (k == 0)
        r = rs_refresh(label);
    else
        r = rs_fault(label, k - 1);
    if (r == OK && k - 1 == RS_FAULT_LOOP && strcmp(label, "crashd")) {
        pause_ticks(1 + rnd() % 3);               /* it spins; no heartbeat will see it */
        r = rs_refresh(label);
    }
    while (r == OK && !back(label, old)) {
        if (ticks_now() - t0 > BACK_TICKS)
            return ETIMEDOUT;
        pause_ticks(1);                           /* poll interval inside the deadline */
    }
    if (r == OK && nsamples < 2 * STORM_KILLS)
        samples[nsamples++] = (uint32_t)((read_tsc() - c0) / 1000);   /* ~us at ~1 GHz */
    return r;
}

/* STORM_KILLS kills of each service, the victim of each kill drawn at
 * random among those with kills left, each at a random moment. */
static void storm(const char *const labels[2], uint32_t kills[2], int err[2], int at[2])
{
    uint32_t done[2] = { 0, 0 };
    while (done[0] < STORM_KILLS || done[1] < STORM_KILLS) {
        int v = done[0] == STORM_KILLS ? 1 : done[1] == STORM_KILLS ? 0 : (int)(rnd() % 2);
        pause_ticks(rnd() % 4);                   /* a random moment */
        int r = kill_once(labels[v], (int)(rnd() % 4));
        if (r != OK && err[v] == OK)
            err[v] = r, at[v] = (int)done[v];
        kills[v] += r == OK;
        done[v]++;
    }
}

static void numbers(void)
{
    struct kinfo k;
    sys_kinfo(&k);
    uint32_t khz = k.tsc_khz ? k.tsc_khz : 1000000;
    if (!nsamples)
        return;
    ltest_sort_u32(samples, nsamples);
    /* samples are TSC/1000; ms = samples * 1000 / khz, kept in thousandths */
    ltest_bench_milli("storm_restart_ms_p50", (uint64_t)samples[nsamples / 2] * 1000000 / khz, "ms");
    ltest_bench_milli("storm_restart_ms_p99", (uint64_t)samples[nsamples * 99 / 100] * 1000000 / khz,
                      "ms");
}

/* `service fault` run by RS (an admin without TEST_PROC) is refused, and
 * echo lives on: RS answers EPERM before it would send any order, so
 * nothing is left to wait for when `service` has exited. */
static int service_refused(void)
{
    struct rs_status before, after;
    int status = -1;
    if (rs_status("echo", &before) != OK || rs_run("service", "fault echo wild", &status) != OK)
        return 0;
    return status == 1 && rs_status("echo", &after) == OK && after.endpoint == before.endpoint &&
           after.restarts == before.restarts;
}

static void admin_refusals(void)
{
    int bad_kind = rs_fault("echo", RS_FAULT_LOOP + 1), no_such = rs_fault("nope", RS_FAULT_WILD);
    int rs_loop = rs_fault("rs", RS_FAULT_LOOP);
    LT_CHECK(S, "rs_fault_errors", bad_kind == EINVAL && no_such == ESRCH && rs_loop == EINVAL,
             "bad kind %d, unknown label %d, a loop in RS %d", bad_kind, no_such, rs_loop);
    LT_CHECK(S, "fault_needs_test_proc", service_refused(),
             "`service fault echo wild` run by RS (admin, no TEST_PROC) was not refused, or echo "
             "died");
}

static void storm_main(void) __attribute__((noreturn));
static void storm_main(void)
{
    uint32_t kills[2] = { 0, 0 };
    int err[2] = { OK, OK }, at[2] = { -1, -1 };
    ltest_plan(S, 6);
    if (sys_spawn_args("fz_storm", "", ARG_CLIENT, &client) != OK ||
        sys_privctl(client, PRIV_SET_USER, NULL) != OK || sys_privctl(client, PRIV_ALLOW, NULL) != OK)
        client = NONE;
    admin_refusals();
    pause_ticks(5);
    static const char *const labels[2] = { "echo", "crashd" };
    storm(labels, kills, err, at);
    LT_CHECK(S, "echo_kills_survived", kills[0] == STORM_KILLS,
             "%u of %d kills survived; kill %d: %d", (unsigned)kills[0], STORM_KILLS, at[0], err[0]);
    LT_CHECK(S, "crashd_kills_survived", kills[1] == STORM_KILLS,
             "%u of %d kills survived; kill %d: %d", (unsigned)kills[1], STORM_KILLS, at[1], err[1]);
    uint32_t before = seen.acks, start = ticks_now();
    while (seen.acks < before + 10 && ticks_now() - start < 500)
        pause_ticks(2);                           /* the workload goes on after the storm */
    stopping = 1;
    pause_ticks(20);
    LT_CHECK(S, "workload_served", client != NONE && seen.requests > 100 && seen.bad == 0 &&
             seen.acks + 1 >= seen.requests && seen.acks >= before + 10,
             "%u requests, %u acknowledged with their value, %u retried, %u with a wrong value or an undocumented error (last code %d)",
             (unsigned)seen.requests, (unsigned)seen.acks, (unsigned)seen.retries, (unsigned)seen.bad,
             (int)seen.bad_code);
    LT_CHECK(S, "retries_happened", seen.retries > 0,
             "the workload never saw echo die (%u retries): the storm did not reach it",
             (unsigned)seen.retries);
    ltest_bench("storm_kills_echo", kills[0], "kills");
    ltest_bench("storm_kills_crashd", kills[1], "kills");
    numbers();
    ltest_finish();
}

int main(int argc, char **argv)
{
    struct whoami_info me;
    sys_whoami(&me);
    if (me.spawn_arg == ARG_CLIENT)
        client_main(me.parent);
    sef_startup();
    if (argc > 2 && !strcmp(argv[1], "fatal")) {
        int r = rs_fault(argv[2], RS_FAULT_WILD);
        printf("fz_storm: RS_FAULT %s gave %d; the system should have stopped\n", argv[2], r);
        for (;;)
            pause_ticks(100);
    }
    storm_main();
    return 0;
}
