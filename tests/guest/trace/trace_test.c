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

/* TRACECTL_READ hands back the record just written, exactly; more than
 * TRACECTL_READ_MAX slots at once is refused. */
static void test_read(void)
{
    static struct trace_rec rec[TRACECTL_READ_MAX + 1];
    uint64_t h0 = head();
    int rm = sys_trace_mark(9, 0x1234, 0x5678, "read-me");
    int r = sys_trace_read(h0, 1, rec), r_big = sys_trace_read(h0, TRACECTL_READ_MAX + 1, rec);
    const char *text = (const char *)&rec[0].a[4];
    CHECK("read", rm == OK && r == OK && rec[0].seq == (uint32_t)h0 && rec[0].type == TEV_MARK &&
          rec[0].a[1] == 9 && rec[0].a[2] == 0x1234 && !strncmp(text, "read-me", 16) &&
          r_big == EINVAL, "mark %d, read %d: seq %u (want %u) type %u tag %u; %d slots: %d",
          rm, r, rec[0].seq, (uint32_t)h0, rec[0].type, rec[0].a[1], TRACECTL_READ_MAX + 1, r_big);
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

/* The `trace` command (commands/trace), run as a user process: it may read
 * the status and write MARKs; steering the recorder is refused (EPERM, exit
 * status 1) and changes nothing.  This program has TRACE_CTL
 * (servers/rs/table.c), the command never does. */
static void test_trace_command(void)
{
    int s_status = -1, s_mark = -1, s_bad = -1, s_cat = -1;
    int s_off = -1, s_on = -1, s_mode = -1, s_clear = -1, s_only = -1;
    uint32_t mask0, mode0, mask1, mode1;
    uint64_t h0, marks;

    sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
    sys_tracectl(TRACECTL_ENABLE, TC_USER, 0, 0, &st);
    mask0 = st.m_u.m2.w1;
    mode0 = st.m_u.m2.w2;
    sys_trace_mark(0, 0, 0, "flush");       /* writes the LOST record owed since discard */
    run_user("trace", "status", &s_status);
    h0 = head();
    run_user("trace", "mark 7 hello", &s_mark);
    marks = head() - h0;
    run_user("trace", "frobnicate", &s_bad);
    run_user("trace", "on nosuchcategory", &s_cat);
    CHECK("trace_command", s_status == 0 && s_mark == 0 && marks == 1 && s_bad == 2 && s_cat == 2,
          "status %d, mark %d (%llu records), bad %d/%d", s_status, s_mark,
          (unsigned long long)marks, s_bad, s_cat);

    run_user("trace", "off all", &s_off);
    run_user("trace", "on ipc,kcall", &s_on);
    run_user("trace", "mode discard", &s_mode);
    run_user("trace", "clear", &s_clear);
    run_user("trace", "only all", &s_only);
    sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    mask1 = st.m_u.m2.w1;
    mode1 = st.m_u.m2.w2;
    CHECK("trace_command_refused", s_off == 1 && s_on == 1 && s_mode == 1 && s_clear == 1 &&
          s_only == 1 && mask1 == mask0 && mode1 == mode0,
          "exit status (want 1): off %d on %d mode %d clear %d only %d; mask %#x -> %#x, "
          "mode %u -> %u", s_off, s_on, s_mode, s_clear, s_only, mask0, mask1, mode0, mode1);
    sys_tracectl(TRACECTL_DISABLE, TC_ALL, 0, 0, NULL);
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

    ltest_plan(SUITE, 12);
    test_status(&nrec);
    test_categories(server);
    test_endpoint_filter(server);
    test_mark();
    test_read();
    test_overwrite(nrec);
    test_discard(nrec);
    test_bad_requests();
    test_trace_command();
    ltest_finish();
}
