/* test_tracer.c: cmocka unit tests for the tracer on generated traces:
 * schema block round trip, stream and dump decoding (torn, wrap, corrupt,
 * truncated), flow linking and canned queries in the store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/gen/writer.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/cli/cli.h"

static uint64_t n_rec, n_loss[TL_COUNT];
static int on_rec(void *c, uint64_t i, const struct trace_rec *r) { (void)c; (void)i; (void)r; n_rec++; return 0; }
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
    assert_int_equal(tschema_parse(&s, b, n, err, sizeof err), 0);
    const struct ts_event *e = tschema_event(&s, TEV_IPC_SEND);
    assert_non_null(e);
    assert_string_equal(e->name, "IPC_SEND");
    assert_int_equal(e->call_id, 4);
    assert_non_null(tschema_event(&s, TEV_PROC_LABEL));
    for (size_t cut = 0; cut < n; cut += 7)     /* every truncation is rejected */
        assert_int_equal(tschema_parse(&s, b, cut, err, sizeof err), -1);
}

static void stream_clean(void **st)
{
    (void)st;
    gen(NULL, "t1.bin", 20000, 1 << 16, 0, 0, 0);
    decode_file("t1.bin");
    assert_true(n_rec >= 20000);
    for (int k = 0; k < TL_COUNT; k++) assert_int_equal(n_loss[k], 0);
}

static void torn_records(void **st)
{
    (void)st;
    gen("t2.img", "t2.bin", 20000, 1 << 16, 4, 0, 0);
    decode_file("t2.bin");
    uint64_t torn = n_loss[TL_TORN];
    assert_true(torn >= 4 && torn <= 5);       /* the tail of the script may add one */
    decode_file("t2.img");
    assert_int_equal(n_loss[TL_TORN], torn);
}

static void dump_wrap(void **st)
{
    (void)st;
    gen("t3.img", NULL, 30000, 4096, 0, 0, 0);
    decode_file("t3.img");
    assert_int_equal(n_rec, 4096);
    assert_true(n_loss[TL_OVERWRITE] > 20000);
}

static void stream_corrupt_resync(void **st)
{
    (void)st;
    gen(NULL, "t4.bin", 20000, 1 << 16, 0, 0, 0);
    decode_file("t4.bin");
    uint64_t clean = n_rec;
    gen(NULL, "t4.bin", 20000, 1 << 16, 0, 5, 0);
    decode_file("t4.bin");
    assert_true(n_rec < clean);              /* damaged frames dropped ... */
    assert_true(n_rec > 0);                  /* ... the rest kept after resync */
}

static void stream_truncated(void **st)
{
    (void)st;
    gen(NULL, "t5.bin", 5000, 1 << 16, 0, 0, 0);
    assert_int_equal(truncate("t5.bin", 100000), 0);
    decode_file("t5.bin");
    assert_true(n_rec > 1000);
}

static sqlite3 *ingest(const char *in, const char *db)
{
    struct ingest_opts o = { .input = in, .db = db, .quiet = 1 };
    assert_int_equal(ingest_run(&o, NULL), 0);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    return h;
}

static int64_t q1(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void store_flows(void **st)
{
    (void)st;
    gen(NULL, "t6.bin", 20000, 1 << 16, 0, 0, 0);
    sqlite3 *db = ingest("t6.bin", "t6.db");
    assert_true(q1(db, "SELECT count(*) FROM ipc_call WHERE op = 3 AND ev_reply IS NOT NULL") > 1000);
    assert_int_equal(q1(db, "SELECT count(*) FROM ipc_call c JOIN event s ON s.id = c.ev_send "
                            "JOIN event r ON r.id = c.ev_recv WHERE s.call_id != r.call_id"), 0);
    assert_true(q1(db, "SELECT count(*) FROM flow WHERE kind = 'send>recv'") > 1000);
    assert_true(q1(db, "SELECT count(*) FROM flow WHERE kind = 'call>grant'") > 100);
    assert_true(q1(db, "SELECT count(*) FROM flow WHERE kind = 'revoke>use'") > 0);
    assert_int_equal(q1(db, "SELECT count(*) FROM grant_life WHERE t_revoke < t_create"), 0);
    assert_true(q1(db, "SELECT count(*) FROM grant_view WHERE n_errors > 0") > 0);
    assert_int_equal(q1(db, "SELECT restarts FROM endpoint WHERE label = 'tty' AND generation = 1"), 1);
    assert_int_equal(q1(db, "SELECT count(*) FROM endpoint WHERE label = 'vfs'"), 1);
    assert_true(q1(db, "SELECT count(*) FROM ipc_event WHERE call_id IS NOT NULL") > 1000);
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db, "PRAGMA integrity_check", NULL, NULL, &err), SQLITE_OK);
    sqlite3_close(db);
}

static void canned(void **st)
{
    (void)st;
    gen(NULL, "t7.bin", 20000, 1 << 16, 0, 0, 0);
    sqlite3 *db = ingest("t7.bin", "t7.db");
    FILE *out = fopen("/dev/null", "w");
    for (const struct canned *c = canned_queries; c->name; c++)
        assert_int_equal(print_query(db, c->sql, TFMT_CSV, out, NULL, 0), 0);
    fclose(out);
    assert_int_equal(q1(db, "SELECT count(*) FROM (" "WITH RECURSIVE w(ep, waits_for) AS (SELECT ep, waits_for FROM block_span b WHERE t_unblock IS NULL AND id = (SELECT max(id) FROM block_span c WHERE c.ep = b.ep)) SELECT * FROM w)"), 2);
    const struct canned *d = canned_find("deadlock_cycles");
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, d->sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(s, 0), "dl_a"));
    sqlite3_finalize(s);
    assert_int_equal(q1(db, "SELECT count(*) FROM event_view WHERE event = 'PANIC'"), 1);
    sqlite3_close(db);
}

static void discard_loss(void **st)
{
    (void)st;
    gen(NULL, "t8.bin", 20000, 1024, 0, 0, 1);
    sqlite3 *db = ingest("t8.bin", "t8.db");
    assert_true(q1(db, "SELECT sum(count) FROM trace_loss WHERE kind = 'discard'") > 0);
    assert_true(q1(db, "SELECT count(*) FROM event_view WHERE event = 'LOST'") > 0);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(schema_roundtrip), cmocka_unit_test(stream_clean),
        cmocka_unit_test(torn_records), cmocka_unit_test(dump_wrap),
        cmocka_unit_test(stream_corrupt_resync), cmocka_unit_test(stream_truncated),
        cmocka_unit_test(store_flows), cmocka_unit_test(canned), cmocka_unit_test(discard_loss),
    };
    return cmocka_run_group_tests_name("tracer", t, NULL, NULL);
}
