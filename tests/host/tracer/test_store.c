/* test_store.c: cmocka tests of the store (tracer/store/): each run of a
 * stream holding a reboot keeps its own final loss counter and panicked
 * flag; an ingester killed half-way leaves a consistent, partial database;
 * the secondary indexes exist from the start and serve the UI's call and
 * flow lookups; buffered rows all arrive (partial buffers at commits and at
 * the end).
 * Run from test_tracer's main (tracer_store_tests). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "test_util.h"
#include <lantern/endpoint.h>
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/gen/writer.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/cli/cli.h"

int tracer_store_tests(void);

static void integrity_ok(sqlite3 *db)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
}

/* One boot into stream f, like the kernel's port stream: a control frame,
 * n MARK records into a 60-slot ring (one ring page) with nothing drained
 * meanwhile (in discard mode all but 59 are refused), a drain and a control frame; with
 * `panic` then n more records (those refused now are reported by no LOST
 * record, only by ctl.lost_discard), PANIC, panicked set as the panic path
 * does, the final drain and control frame.  Returns the final lost_discard. */
static uint64_t boot(FILE *f, uint32_t boot_id, uint32_t mode, int n, int panic)
{
    static uint8_t mem[TW_REGION_SIZE(TW_PAGE_RECS, TW_PAGE_RECS)];
    struct tw w;
    uint64_t ts = 1000;
    assert_int_equal(tw_init(&w, mem, TW_PAGE_RECS, TW_PAGE_RECS, mode, TRACE_CLOCK_TSC, boot_id,
                             0), 0);
    tw_stream_ctl(&w, f);
    for (int round = 0; round < 1 + !!panic; round++) {
        for (int i = 0; i < n; i++)
            tw_MARK(&w, ts++, (struct tw_MARK){ .ep = ENDPOINT(0, 5), .tag = (uint32_t)i,
                                                .text = "m" });
        if (round) {
            tw_PANIC(&w, ts++, (struct tw_PANIC){ .ep = ENDPOINT(0, 5), .text = "boom" });
            w.ctl->panicked = 1;
        }
        tw_stream_drain(&w, f, 64);
        tw_stream_ctl(&w, f);
    }
    return w.ctl->lost_discard;
}

/* A reboot inside one stream: run 1 (discard mode, records refused, then a
 * panic) is followed by run 2 (overwrite mode, no loss).  Each run row must
 * hold its own final lost_discard and panicked, not the values its first
 * control page had (0) and not the next run's. */
static void reboot_final_counters(void **st)
{
    (void)st;
    FILE *f = fopen("s1.bin", "wb");
    assert_non_null(f);
    uint64_t lost1 = boot(f, 0xa1, TRACE_MODE_DISCARD, 200, 1);
    uint64_t lost2 = boot(f, 0xb2, TRACE_MODE_OVERWRITE, 30, 0);
    fclose(f);
    assert_true(lost1 > 200);
    assert_int_equal(lost2, 0);
    sqlite3 *db = tt_ingest("s1.bin", "s1.db");
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM run"), 2);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM run WHERE run_id = 1 AND boot_id = %d AND "
             "lost_discard = %llu AND panicked = 1", 0xa1, (unsigned long long)lost1);
    assert_int_equal(tt_q1(db, sql), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM run WHERE run_id = 2 AND boot_id = 178 AND "
                            "lost_discard = 0 AND panicked = 0"), 1);
    /* run 1's LOST record reports only the first round's refusals */
    int64_t reported = tt_q1(db, "SELECT sum(count) FROM trace_loss WHERE kind = 'discard' AND "
                              "run_id = 1");
    assert_true(reported > 100 && (uint64_t)reported < lost1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM trace_loss WHERE run_id = 2"), 0);
    integrity_ok(db);
    sqlite3_close(db);
}

/* Rows are buffered and inserted many at a time: every event of the
 * stream arrives, in id order within each run, with the partial buffers
 * flushed at each commit, at a new run and at the end. */
static void buffered_rows_complete(void **st)
{
    (void)st;
    struct gen_opts o;
    gen_defaults(&o);
    o.stream = "s2.bin";
    o.events = 250007;                    /* not a multiple of any buffer size */
    assert_int_equal(gen_run(&o), 0);
    static struct tdec d;
    struct ingest_opts io = { .input = "s2.bin", .db = "s2.db", .quiet = 1 };
    assert_int_equal(ingest_run(&io, &d), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open("s2.db", &db), SQLITE_OK);
    int64_t n = (int64_t)(d.n_rec + d.n_implied);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM event"), n);
    assert_int_equal(tt_q1(db, "SELECT max(id) - min(id) + 1 FROM event"), n);   /* no gaps */
    assert_int_equal(tt_q1(db, "SELECT value FROM meta WHERE key = 'events_ingested'"), n);
    /* derived rows point at stored events; flow edges join stored events */
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call c WHERE NOT EXISTS (SELECT 1 FROM "
                            "event e WHERE e.id = coalesce(c.ev_send, c.ev_recv))"), 0);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM block_span b WHERE NOT EXISTS (SELECT 1 FROM "
                            "event e WHERE e.id = b.ev_block)"), 0);
    assert_true(tt_q1(db, "SELECT count(*) FROM flow") > 10000);
    integrity_ok(db);
    sqlite3_close(db);
}

/* The secondary indexes are there from the start (created when the store
 * opens, maintained per row), and the UI's lookups use them. */
static void indexes_from_start(void **st)
{
    (void)st;
    struct store s;
    db_fresh("s3.db");
    assert_int_equal(store_open(&s, "s3.db", 1), 0);
    assert_int_equal(tt_q1(s.db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                              "name IN ('event_call', 'event_from_grant')"), 2);
    store_close(&s);
    sqlite3 *db = tt_ingest("s2.bin", "s3.db");
    static const char *const plans[][2] = {
        { "SELECT id FROM event WHERE run_id = 1 AND call_id = 5 ORDER BY id LIMIT 12",
          "event_call" },
        { "SELECT id FROM event WHERE run_id = 1 AND call_id = 5 AND id > 9 ORDER BY id LIMIT 1",
          "event_call" },
        { "SELECT ev_to FROM flow WHERE ev_from = 1000 ORDER BY ev_to LIMIT 1", "event_call" },
        { "SELECT ev_to FROM flow WHERE ev_from = 1000 ORDER BY ev_to LIMIT 1",
          "event_from_grant" },
    };
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        char sql[256], plan[2048] = "";
        snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", plans[i][0]);
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
        while (sqlite3_step(q) == SQLITE_ROW) {
            strncat(plan, (const char *)sqlite3_column_text(q, 3), sizeof plan - strlen(plan) - 2);
            strcat(plan, ";");
        }
        sqlite3_finalize(q);
        if (!strstr(plan, plans[i][1]) || strstr(plan, "SCAN e;") || strstr(plan, "SCAN event"))
            fail_msg("%s: plan %s", plans[i][0], plan);
    }
    sqlite3_close(db);
}

/* Event rows committed so far in `path`, read by a second connection while
 * the ingester writes (WAL: readers see committed batches only); -1 while
 * the database or its tables do not exist yet, or the read is refused.
 * Event ids start at 0 without gaps (checked after each kill), so max(id)
 * counts them without the scan count(*) would make. */
static int64_t committed_rows(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT coalesce(max(id) + 1, 0) FROM event", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Poll (every 2 ms, deadline 60 s) until `path` holds at least `rows`
 * committed event rows or the child exits.  Returns 1 if the rows are
 * there while the child still runs. */
static int wait_rows(pid_t child, const char *path, int64_t rows)
{
    struct timespec t0, now, tick = { 0, 2000000L };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        if (committed_rows(path) >= rows) return waitpid(child, NULL, WNOHANG) == 0;
        if (waitpid(child, NULL, WNOHANG) != 0) return 0;
        nanosleep(&tick, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while (now.tv_sec - t0.tv_sec < 60);
    return 0;
}

/* A bulk ingester, forked, at low priority so that this process's polls
 * keep up with it on a busy host. */
static pid_t start_ingest(const char *in, const char *out)
{
    pid_t p = fork();
    assert_true(p >= 0);
    if (p == 0) {
        if (nice(10) < 0) _exit(2);
        struct ingest_opts io = { .input = in, .db = out, .quiet = 1 };
        _exit(ingest_run(&io, NULL));
    }
    return p;
}

/* kill -9 inside a bulk ingest, at three points chosen by evidence, not by
 * time: once the first batch is committed, and once a third and two thirds
 * of the events are.  The kill must land inside the ingest (asserted: some
 * but not all events, no final `events_ingested`), and the database then
 * passes PRAGMA integrity_check and holds whole batches only: the events
 * are a prefix without gaps and every call row's events are there. */
static void killed_ingest(void **st)
{
    (void)st;
    struct gen_opts o;
    gen_defaults(&o);
    o.stream = "s4.bin";
    o.events = 600000;
    assert_int_equal(gen_run(&o), 0);
    sqlite3 *db = tt_ingest("s4.bin", "s4.db");            /* the whole trace, for the count */
    int64_t all = tt_q1(db, "SELECT count(*) FROM event");
    sqlite3_close(db);
    assert_true(all > 1000000);                            /* several 100k-row batches */
    const int64_t at[] = { 1, all / 3, 2 * all / 3 };
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        db_fresh("s4.db");
        pid_t p = start_ingest("s4.bin", "s4.db");
        int inside = wait_rows(p, "s4.db", at[k]);
        kill(p, SIGKILL);
        waitpid(p, NULL, 0);
        if (!inside) fail_msg("kill %zu: the ingest did not reach %lld rows, or had ended",
                              k, (long long)at[k]);
        assert_int_equal(sqlite3_open("s4.db", &db), SQLITE_OK);
        integrity_ok(db);
        int64_t n = tt_q1(db, "SELECT count(*) FROM event");
        assert_true(n >= at[k] && n < all);                 /* partial: it did land inside */
        assert_int_equal(tt_q1(db, "SELECT count(*) FROM meta WHERE key = 'events_ingested'"), 0);
        assert_int_equal(tt_q1(db, "SELECT max(id) + 1 FROM event"), n);    /* ids 0..n-1 */
        assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call c WHERE c.ev_send IS NOT NULL "
                                "AND NOT EXISTS (SELECT 1 FROM event e WHERE e.id = c.ev_send)"), 0);
        assert_int_equal(tt_q1(db, "SELECT count(*) FROM event e WHERE e.from_call IS NOT NULL "
                                "AND NOT EXISTS (SELECT 1 FROM event f WHERE f.id = e.from_call)"), 0);
        sqlite3_close(db);
    }
}

int tracer_store_tests(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(reboot_final_counters), cmocka_unit_test(buffered_rows_complete),
        cmocka_unit_test(indexes_from_start), cmocka_unit_test(killed_ingest),
    };
    return cmocka_run_group_tests_name("tracer_store", t, NULL, NULL);
}
