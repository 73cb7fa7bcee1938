/* trace_test: the guest half of the `trace` suite (boot image: trace_test
 * bench_peer, command line trace=user tracesize=64).
 *
 * It drives the ring through SYS_TRACECTL and checks what the kernel reports
 * about it: record counts per category, the per-endpoint filter, and exact
 * loss accounting in both modes.  Decoding the records themselves is the
 * host's part (tests/host, tracer). */
#include <stdio.h>
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "../rs/common.h"

#define SUITE "trace"
#define CHECK(test, cond, ...) LT_CHECK(SUITE, test, cond, __VA_ARGS__)

static message st;

static uint64_t head(void)
{
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    return st.m_u.m2.t1;
}

static uint64_t lost(void)
{
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    return st.m_u.m2.t2;
}

static void roundtrips(endpoint_t server, int n)
{
    message m;
    memset(&m, 0, sizeof(m));
    for (int i = 0; i < n; i++)
        ipc_sendrec(server, &m);
}

static void test_status(uint32_t *nrec)
{
    int r = sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    uint32_t per_page = st.m_u.m2.w4;
    *nrec = st.m_u.m2.w3;
    CHECK("status", r == OK && *nrec >= 256 && per_page >= 1 && per_page <= 64 &&
          *nrec % per_page == 0 && (st.m_u.m2.w1 & TC_USER) && !(st.m_u.m2.w1 & TC_IPC),
          "r=%d nrec=%u per_page=%u enabled=%#x (boot option trace=user)",
          r, *nrec, per_page, st.m_u.m2.w1);
}

static void test_categories(endpoint_t server)
{
    uint64_t h0 = head(), h1, h2, h3;
    roundtrips(server, 10);                  /* IPC is off: nothing recorded */
    h1 = head();
    sys_tracectl(TRACECTL_ENABLE, TC_IPC, 0, 0, NULL);
    roundtrips(server, 10);
    h2 = head();
    sys_tracectl(TRACECTL_ENABLE, TC_SCHED, 0, 0, NULL);
    roundtrips(server, 10);
    sys_tracectl(TRACECTL_DISABLE, TC_IPC | TC_SCHED, 0, 0, NULL);
    h3 = head();
    /* IPC only: the SENDREC (delivered at once) and the REPLY (delivered
     * at once).  With sched on too, still two: the server's REPLY_RECV
     * folds its block in the receive into the REPLY record (src_receives),
     * and the blocks, wake-ups and both switches are folded as well
     * (docs/trace-format.md). */
    CHECK("category_off", h1 == h0, "%llu records while IPC tracing was off",
          (unsigned long long)(h1 - h0));
    CHECK("category_on", h2 - h1 == 20, "%llu IPC records for 10 round trips, want 20",
          (unsigned long long)(h2 - h1));
    CHECK("folded_roundtrip", h3 - h2 == 20,
          "%llu IPC+sched records for 10 round trips, want 20", (unsigned long long)(h3 - h2));
}

static void test_endpoint_filter(endpoint_t server)
{
    uint64_t h0, h1, h2;
    sys_tracectl(TRACECTL_ENABLE, TC_IPC, 0, 0, NULL);
    sys_tracectl(TRACECTL_ENDPOINT, IDLE, 1, 0, NULL);   /* only IDLE: nothing of ours */
    h0 = head();
    roundtrips(server, 5);
    h1 = head();
    sys_tracectl(TRACECTL_ENDPOINT, server, 1, 0, NULL);
    roundtrips(server, 5);
    h2 = head();
    sys_tracectl(TRACECTL_ENDPOINT, ANY, 0, 0, NULL);
    sys_tracectl(TRACECTL_DISABLE, TC_IPC, 0, 0, NULL);
    CHECK("endpoint_filter", h1 == h0 && h2 - h1 == 10,
          "filtered out: %llu records (want 0); server selected: %llu (want 10)",
          (unsigned long long)(h1 - h0), (unsigned long long)(h2 - h1));
}

static void test_mark(void)
{
    uint64_t h0 = head();
    int r = sys_trace_mark(7, 1, 2, "hello");
    CHECK("mark", r == OK && head() == h0 + 1, "r=%d, %llu records", r,
          (unsigned long long)(head() - h0));
}

static void test_overwrite(uint32_t nrec)
{
    uint64_t h0, l0;
    sys_tracectl(TRACECTL_MODE, TRACE_MODE_OVERWRITE, 0, 0, NULL);
    h0 = head();
    l0 = lost();
    for (uint32_t i = 0; i < 3 * nrec + 5; i++)
        sys_trace_mark(1, i, 0, "overwrite");
    CHECK("overwrite_counts", head() - h0 == 3 * nrec + 5 && lost() == l0,
          "head moved %llu (want %u), lost_discard moved %llu (want 0)",
          (unsigned long long)(head() - h0), 3 * nrec + 5, (unsigned long long)(lost() - l0));
}

static void test_discard(uint32_t nrec)
{
    uint64_t h0, l0;
    sys_tracectl(TRACECTL_MODE, TRACE_MODE_DISCARD, 0, 0, NULL);   /* empties the ring */
    h0 = head();
    l0 = lost();
    for (uint32_t i = 0; i < nrec + 100; i++)
        sys_trace_mark(2, i, 0, "discard");
    CHECK("discard_exact", head() - h0 == nrec && lost() - l0 == 100,
          "kept %llu (want %u), lost %llu (want 100)", (unsigned long long)(head() - h0),
          nrec, (unsigned long long)(lost() - l0));
    sys_tracectl(TRACECTL_MODE, TRACE_MODE_OVERWRITE, 0, 0, NULL);
}

/* The `trace` command (commands/trace), run as a user process. */
static void test_trace_command(void)
{
    int s_off = -1, s_on = -1, s_mode = -1, s_mark = -1, s_bad = -1, s_cat = -1;
    uint32_t mask_off, mask_on, mode;
    uint64_t h0;

    run_user("trace", "off all", &s_off);
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    mask_off = st.m_u.m2.w1;
    run_user("trace", "on ipc,user", &s_on);
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    mask_on = st.m_u.m2.w1;
    run_user("trace", "mode discard", &s_mode);
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    mode = st.m_u.m2.w2;
    run_user("trace", "mode overwrite", &s_mode);
    run_user("trace", "off ipc", &s_off);
    h0 = head();
    run_user("trace", "mark 7 hello", &s_mark);
    uint64_t marks = head() - h0;
    run_user("trace", "frobnicate", &s_bad);
    run_user("trace", "on nosuchcategory", &s_cat);
    CHECK("trace_command", s_off == 0 && mask_off == 0 && s_on == 0 &&
          mask_on == (TC_IPC | TC_USER) && s_mode == 0 && mode == TRACE_MODE_DISCARD &&
          s_mark == 0 && marks == 1 && s_bad == 2 && s_cat == 2,
          "off %d (mask %#x) on %d (mask %#x) mode %d (%u) mark %d (%llu records) bad %d/%d",
          s_off, mask_off, s_on, mask_on, s_mode, mode, s_mark, (unsigned long long)marks,
          s_bad, s_cat);
}

static void test_bad_requests(void)
{
    int r1 = sys_tracectl(99, 0, 0, 0, NULL);
    int r2 = sys_tracectl(TRACECTL_MODE, 7, 0, 0, NULL);
    int r3 = sys_tracectl(TRACECTL_ENDPOINT, 12345, 1, 0, NULL);
    CHECK("bad_requests", r1 == EINVAL && r2 == EINVAL && r3 == EINVAL,
          "unknown op %d, bad mode %d, bad endpoint %d", r1, r2, r3);
}

int main(void)
{
    sef_startup();                  /* RS's init request (or none, when spawned) */
    endpoint_t server = sys_find_proc("bench_peer");
    uint32_t nrec = 0;

    ltest_plan(SUITE, 10);
    test_status(&nrec);
    test_categories(server);
    test_endpoint_filter(server);
    test_mark();
    test_overwrite(nrec);
    test_discard(nrec);
    test_bad_requests();
    test_trace_command();
    ltest_finish();
}
