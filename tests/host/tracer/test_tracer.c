/* test_tracer.c: cmocka unit tests for the tracer on generated traces:
 * schema block round trip, stream and dump decoding (torn, wrap, corrupt,
 * truncated), flow linking and canned queries in the store, two runs in
 * one DB, and live following of a RAM image whose writer exits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "test_util.h"
#include <lantern/endpoint.h>
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/gen/writer.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/cli/cli.h"

int tracer_fold_tests(void);
int tracer_store_tests(void);
int tracer_pages_tests(void);
#define NREC_DEF (1024 * TW_PAGE_RECS)           /* the kernel's default ring: 1024 pages */
static uint64_t n_rec, n_loss[TL_COUNT];     /* n_rec: kernel records, not implied events */
static int on_rec(void *c, uint64_t i, const struct trace_rec *r, const struct tdec_ev *x)
{ (void)c; (void)i; (void)r; n_rec += !(x->flags & TDEC_IMPLIED); return 0; }
static void on_loss(void *c, int k, uint64_t n, uint64_t at, uint64_t a, uint64_t b)
{ (void)c; (void)at; (void)a; (void)b; n_loss[k] += n; }

static uint8_t *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END); *len = (size_t)ftell(f); rewind(f);
    uint8_t *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void decode_file(const char *p)
{
    struct tdec_sink k = { 0 };
    static struct tdec d;
    size_t len;
    k.on_rec = on_rec; k.on_loss = on_loss;
    n_rec = 0; memset(n_loss, 0, sizeof n_loss);
    uint8_t *b = slurp(p, &len);
    tdec_init(&d, &k);
    tdec_buffer(&d, b, len, TIN_AUTO);
    free(b);
}

static void gen(const char *ram, const char *stream, uint64_t n, uint32_t nrec, uint32_t torn,
                uint32_t corrupt, int discard)
{
    struct gen_opts o;
    gen_defaults(&o);
    o.ram = ram; o.stream = stream; o.events = n; o.nrec = nrec; o.torn = torn;
    o.corrupt = corrupt; o.panic = 1;
    if (discard) { o.mode = TRACE_MODE_DISCARD; o.drain_every = nrec * 2; }
    assert_int_equal(gen_run(&o), 0);
}

static void schema_roundtrip(void **st)
{
    (void)st;
    static uint8_t b[65536];
    static struct tschema s;
    char err[128];
    size_t n = tw_schema_build(b, sizeof b);
    assert_true(n > 0);
    assert_int_equal(tschema_parse(&s, b, n, TRACE_FORMAT_VERSION, err, sizeof err), 0);
    const struct ts_event *e = tschema_event(&s, TEV_IPC_SEND);
    assert_non_null(e);
    assert_string_equal(e->name, "IPC_SEND");
    assert_int_equal(e->call_id, 4);
    assert_non_null(tschema_event(&s, TEV_PROC_LABEL));
    for (size_t cut = 0; cut < n; cut += 7)     /* every truncation is rejected */
        assert_int_equal(tschema_parse(&s, b, cut, TRACE_FORMAT_VERSION, err, sizeof err), -1);
}

static void stream_clean(void **st)
{
    (void)st;
    gen(NULL, "t1.bin", 20000, NREC_DEF, 0, 0, 0);
    decode_file("t1.bin");
    assert_true(n_rec >= 20000);
    for (int k = 0; k < TL_COUNT; k++) assert_int_equal(n_loss[k], 0);
}

static void torn_records(void **st)
{
    (void)st;
    gen("t2.img", "t2.bin", 20000, NREC_DEF, 4, 0, 0);
    decode_file("t2.bin");
    uint64_t torn = n_loss[TL_TORN];
    assert_true(torn >= 4 && torn <= 5);       /* the tail of the script may add one */
    decode_file("t2.img");
    assert_int_equal(n_loss[TL_TORN], torn);
}

static void dump_wrap(void **st)
{
    (void)st;
    gen("t3.img", NULL, 30000, 68 * TW_PAGE_RECS, 0, 0, 0);    /* 4080: not a power of two */
    decode_file("t3.img");
    assert_int_equal(n_rec, 68 * TW_PAGE_RECS);
    assert_true(n_loss[TL_OVERWRITE] > 20000);
}

static void stream_corrupt_resync(void **st)
{
    (void)st;
    gen(NULL, "t4.bin", 20000, NREC_DEF, 0, 0, 0);
    decode_file("t4.bin");
    uint64_t clean = n_rec;
    gen(NULL, "t4.bin", 20000, NREC_DEF, 0, 5, 0);
    decode_file("t4.bin");
    assert_true(n_rec < clean);              /* damaged frames dropped ... */
    assert_true(n_rec > 0);                  /* ... the rest kept after resync */
}

static void stream_truncated(void **st)
{
    (void)st;
    gen(NULL, "t5.bin", 5000, NREC_DEF, 0, 0, 0);
    assert_int_equal(truncate("t5.bin", 100000), 0);
    decode_file("t5.bin");
    assert_true(n_rec > 1000);
}

static void store_flows(void **st)
{
    (void)st;
    gen(NULL, "t6.bin", 20000, NREC_DEF, 0, 0, 0);
    sqlite3 *db = tt_ingest("t6.bin", "t6.db");
    assert_true(tt_q1(db, "SELECT count(*) FROM ipc_call WHERE op = 3 AND ev_reply IS NOT NULL") > 1000);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call c JOIN event s ON s.id = c.ev_send "
                            "JOIN event r ON r.id = c.ev_recv WHERE s.call_id != r.call_id"), 0);
    assert_true(tt_q1(db, "SELECT count(*) FROM flow WHERE kind = 'send>recv'") > 1000);
    assert_true(tt_q1(db, "SELECT count(*) FROM flow WHERE kind = 'call>grant'") > 100);
    assert_true(tt_q1(db, "SELECT count(*) FROM flow WHERE kind = 'revoke>use'") > 0);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM grant_life WHERE t_revoke < t_create"), 0);
    assert_true(tt_q1(db, "SELECT count(*) FROM grant_view WHERE n_errors > 0") > 0);
    assert_int_equal(tt_q1(db, "SELECT restarts FROM endpoint WHERE label = 'tty' AND generation = 1"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM endpoint WHERE label = 'vfs'"), 1);
    assert_true(tt_q1(db, "SELECT count(*) FROM ipc_event WHERE call_id IS NOT NULL") > 1000);
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db, "PRAGMA integrity_check", NULL, NULL, &err), SQLITE_OK);
    sqlite3_close(db);
}

static void canned(void **st)
{
    (void)st;
    gen(NULL, "t7.bin", 20000, NREC_DEF, 0, 0, 0);
    sqlite3 *db = tt_ingest("t7.bin", "t7.db");
    FILE *out = fopen("/dev/null", "w");
    for (const struct canned *c = canned_queries; c->name; c++)
        assert_int_equal(print_query(db, c->sql, TFMT_CSV, out, NULL, 0), 0);
    fclose(out);
    /* still blocked at the end: the deadlock pair (servers waiting in RECEIVE
     * from ANY are not waits-for edges) */
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM (" "WITH RECURSIVE w(ep, waits_for) AS (SELECT ep, waits_for FROM block_span b WHERE t_unblock IS NULL AND waits_for != 0x7ace AND id = (SELECT max(id) FROM block_span c WHERE c.ep = b.ep)) SELECT * FROM w)"), 2);
    const struct canned *d = canned_find("deadlock_cycles");
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, d->sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(s, 0), "dl_a"));
    sqlite3_finalize(s);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM event_view WHERE event = 'PANIC'"), 1);
    sqlite3_close(db);
}

static void discard_loss(void **st)
{
    (void)st;
    gen(NULL, "t8.bin", 20000, 17 * TW_PAGE_RECS, 0, 0, 1);
    sqlite3 *db = tt_ingest("t8.bin", "t8.db");
    assert_true(tt_q1(db, "SELECT sum(count) FROM trace_loss WHERE kind = 'discard'") > 0);
    assert_true(tt_q1(db, "SELECT count(*) FROM event_view WHERE event = 'LOST'") > 0);
    sqlite3_close(db);
}

/* A small boot: server `srv` labelled `label`, n SENDREC calls with ids
 * 1..n (ids restart in every boot), each delivered, replied and done. */
static void mini_boot(FILE *f, uint32_t boot_id, const char *label, int n)
{
    static uint8_t mem[TW_REGION_SIZE(17 * TW_PAGE_RECS, TW_PAGE_RECS)];
    struct tw w;
    int32_t srv = ENDPOINT(0, 5), cli = ENDPOINT(0, 6);
    uint64_t ts = 1000;
    assert_int_equal(tw_init(&w, mem, 17 * TW_PAGE_RECS, TW_PAGE_RECS, TRACE_MODE_OVERWRITE,
                             TRACE_CLOCK_TSC, boot_id, 0), 0);
    tw_stream_ctl(&w, f);
    tw_PROC_LABEL(&w, ts++, (struct tw_PROC_LABEL){ .ep = srv, .gen = 0, .label = label });
    for (uint32_t id = 1; id <= (uint32_t)n; id++) {
        tw_IPC_SENDREC(&w, ts++, (struct tw_IPC_SENDREC){ .src = cli, .dst = srv, .call_id = id });
        tw_IPC_RECEIVE(&w, ts++, (struct tw_IPC_RECEIVE){ .src = cli, .dst = srv, .call_id = id });
        tw_IPC_REPLY(&w, ts++, (struct tw_IPC_REPLY){ .src = srv, .dst = cli, .call_id = id });
        tw_IPC_RECEIVE(&w, ts++, (struct tw_IPC_RECEIVE){ .src = srv, .dst = cli, .call_id = id });
    }
    tw_stream_drain(&w, f, 64);
    tw_stream_ctl(&w, f);
}

static void mini_trace(const char *path, uint32_t boot_id, const char *label, int n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    mini_boot(f, boot_id, label, n);
    fclose(f);
}

/* Per-run results of a DB holding run 1 (3 calls, "alpha") and run 2
 * (5 calls, "beta"), both with call ids from 1 and the same endpoints. */
static void check_two_runs(sqlite3 *db)
{
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM run"), 2);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call WHERE run_id = 1"), 3);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call WHERE run_id = 2"), 5);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call c JOIN run r USING (run_id) WHERE "
                            "c.ev_send NOT BETWEEN r.first_id AND r.last_id OR "
                            "c.ev_done NOT BETWEEN r.first_id AND r.last_id"), 0);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM endpoint WHERE label = 'alpha' AND run_id = 1"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM endpoint WHERE label = 'beta' AND run_id = 2"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM endpoint WHERE label IN ('alpha', 'beta')"), 2);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM call_view WHERE callee = 'alpha'"), 3);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM call_view WHERE callee = 'beta'"), 5);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM event_view WHERE run_id = 2 AND "
                            "(ep_label = 'alpha' OR peer_label = 'alpha')"), 0);
    assert_int_equal(tt_q1(db, "SELECT n_recv FROM endpoint WHERE label = 'beta'"), 5);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM flow WHERE kind = 'reply>done'"), 8);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM flow f JOIN event a ON a.id = f.ev_from "
                            "JOIN event b ON b.id = f.ev_to WHERE a.run_id != b.run_id"), 0);
}

static void two_runs(void **st)
{
    (void)st;
    mini_trace("t9a.bin", 0xa1, "alpha", 3);
    mini_trace("t9b.bin", 0xb2, "beta", 5);
    struct ingest_opts o = { .input = "t9a.bin", .db = "t9.db", .quiet = 1 };
    assert_int_equal(ingest_run(&o, NULL), 0);
    o.input = "t9b.bin";
    o.append = 1;
    assert_int_equal(ingest_run(&o, NULL), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open("t9.db", &db), SQLITE_OK);
    check_two_runs(db);
    sqlite3_close(db);
    /* the same two boots in one stream (a reboot): one ingest, two runs */
    FILE *f = fopen("t9c.bin", "wb");
    assert_non_null(f);
    mini_boot(f, 0xa1, "alpha", 3);
    mini_boot(f, 0xb2, "beta", 5);
    fclose(f);
    db = tt_ingest("t9c.bin", "t9c.db");
    check_two_runs(db);
    /* a DB of another schema version is refused, not mixed into */
    assert_int_equal(sqlite3_exec(db, "UPDATE meta SET value = 1 WHERE key = 'schema_version'",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct ingest_opts a = { .input = "t9a.bin", .db = "t9c.db", .quiet = 1, .append = 1 };
    assert_int_equal(ingest_run(&a, NULL), 1);
}

/* Live ingest of a RAM image while a writer process fills it, then exits:
 * exactly the records a post-mortem ingest of the final image finds. */
static void live_follow(void **st)
{
    (void)st;
    for (unsigned ms = 0; ms <= 200; ms += 200) {     /* instant and paced writers */
        unlink("t10.img");
        pid_t p = fork();
        assert_true(p >= 0);
        if (p == 0) {
            struct gen_opts g;
            gen_defaults(&g);
            g.ram = "t10.img"; g.events = 60000; g.nrec = 2048 * TW_PAGE_RECS; g.live_ms = ms;
            _exit(gen_run(&g) ? 1 : 0);
        }
        struct ingest_opts o = { .input = "t10.img", .db = "t10.db", .quiet = 1,
                                 .follow = 1, .until_pid = p, .format = TIN_DUMP };
        assert_int_equal(ingest_run(&o, NULL), 0);
        waitpid(p, NULL, 0);
        sqlite3 *pm = tt_ingest("t10.img", "t10p.db");
        assert_int_equal(sqlite3_exec(pm, "ATTACH 't10.db' AS l", NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(tt_q1(pm, "SELECT (SELECT count(*) || ':' || sum(id) FROM main.event) = "
                                "(SELECT count(*) || ':' || sum(id) FROM l.event)"), 1);
        assert_true(tt_q1(pm, "SELECT count(*) FROM l.event") >= 60000);
        sqlite3_close(pm);
    }
}

int main(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(schema_roundtrip), cmocka_unit_test(stream_clean),
        cmocka_unit_test(torn_records), cmocka_unit_test(dump_wrap),
        cmocka_unit_test(stream_corrupt_resync), cmocka_unit_test(stream_truncated),
        cmocka_unit_test(store_flows), cmocka_unit_test(canned), cmocka_unit_test(discard_loss),
        cmocka_unit_test(two_runs), cmocka_unit_test(live_follow),
    };
    int bad = cmocka_run_group_tests_name("tracer", t, NULL, NULL);
    bad |= tracer_fold_tests();                /* test_fold.c: format v2 folded events */
    bad |= tracer_pages_tests();               /* test_pages.c: format v3 ring pages */
    return bad | tracer_store_tests();         /* test_store.c: runs, buffers, indexes */
}
