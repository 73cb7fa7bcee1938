/* test_pics.c: cmocka tests for issue 16's names and units: the tick -> µs
 * conversion per clock (store/clock.c), the msg_type dictionary generated
 * from lantern/mtypes.h, kcall.h and NOTIFY, the canned queries' µs columns,
 * and the event list's line (ui/row.c): names instead of bare numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lantern/endpoint.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include <lantern/mtypes.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "../tracer/test_util.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/ui/ui.h"

static void clock_per_domain(void **st)
{
    (void)st;
    char b[160];
    assert_true(clock_ticks_per_us(TRACE_CLOCK_TSC, 2610350, b, sizeof b) == 2610.35);
    assert_non_null(strstr(b, "2610350 kHz"));
    assert_true(clock_ticks_per_us(TRACE_CLOCK_ICOUNT, 0, b, sizeof b) == 1000.0);
    assert_non_null(strstr(b, "icount"));
    assert_true(clock_ticks_per_us(TRACE_CLOCK_BOCHS, 0, b, sizeof b) == 50.0);
    assert_true(clock_ticks_per_us(TRACE_CLOCK_BOCHS, 50000, b, sizeof b) == 50.0);
    assert_true(clock_ticks_per_us(TRACE_CLOCK_TSC, 0, b, sizeof b) == 0);  /* no guess */
    assert_non_null(strstr(b, "ticks only"));
    assert_true(clock_ticks_per_us(99, 0, b, sizeof b) == 0);
    assert_true(clock_us(2610350, 2610.35) == 1000.0);
    assert_true(clock_us(-500, 50) == -10.0);
    assert_true(clock_us(12345, 0) == 0);
}

/* No two message types share a value, and none collides with a kernel call
 * or NOTIFY: a number names exactly one request. */
static void mtype_values_unique(void **st)
{
    (void)st;
    static const int v[] = {
#define V(name, proto, text) name,
        MTYPE_TABLE(V)
#undef V
#define K(name, nr, text) KCALL_BASE + (nr),
        KCALL_TABLE(K)
#undef K
        NOTIFY_MESSAGE };
    size_t n = sizeof v / sizeof v[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) assert_int_not_equal(v[i], v[j]);
}

sqlite3 *pics_demo_db(const char *stem);
int tracer_svg_tests(void);                     /* test_svg.c */
int tracer_diff_tests(void);                    /* test_diff.c */

sqlite3 *pics_demo_db(const char *stem)
{
    char in[64], db[64];
    struct gen_opts o;
    snprintf(in, sizeof in, "%s.bin", stem);
    snprintf(db, sizeof db, "%s.db", stem);
    gen_defaults(&o);
    o.stream = in;
    o.events = 3000;
    assert_int_equal(gen_run(&o), 0);
    remove(db);
    return tt_ingest(in, db);
}

static void msg_type_dictionary(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("pics_names");
    char q[256];
#define CHECK(name, proto, text) \
    snprintf(q, sizeof q, "SELECT count(*) FROM msg_type WHERE id = %d AND name = '%s' AND " \
             "protocol = '%s' AND description <> ''", name, #name, proto); \
    assert_int_equal(tt_q1(db, q), 1);
    MTYPE_TABLE(CHECK)
#undef CHECK
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM msg_type WHERE name LIKE 'SYS_%'"), NR_KCALLS_DEFINED);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM msg_type WHERE id = 4096 AND name = 'NOTIFY'"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM msg_type WHERE id = 1814 AND name = 'RS_PUBTAB'"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM msg_type WHERE id = 2048 AND name = 'PM_WAIT'"), 1);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM endpoint WHERE ep = 27342 AND label = 'none'"), 1);
    sqlite3_close(db);
}

/* The generated run is TSC with a calibration: every time column in µs. */
static void canned_in_us(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("pics_us");
    double tpu = 0;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT ticks_per_us FROM clock", -1, &s, NULL), 0);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    tpu = sqlite3_column_double(s, 0);
    sqlite3_finalize(s);
    assert_true(tpu > 0);
    const struct canned *c = canned_find("latency_percentiles");
    assert_int_equal(sqlite3_prepare_v2(db, c->sql, -1, &s, NULL), 0);
    assert_string_equal(sqlite3_column_name(s, 2), "p50_us");
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);          /* the scenario makes calls */
    sqlite3_finalize(s);
    /* call_view's latency_us is latency / ticks_per_us, to the rounding */
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM call_view c JOIN ipc_call i USING(run_id, "
                     "call_id) JOIN clock k USING(run_id) WHERE i.latency IS NOT NULL AND "
                     "abs(c.latency_us - i.latency / k.ticks_per_us) > 0.001"), 0);
    assert_true(tt_q1(db, "SELECT count(*) FROM call_view WHERE latency_us > 0") > 0);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM event_view WHERE t_us IS NULL"), 0);
    assert_int_equal(tt_q1(db, "SELECT min(t_us) FROM event_view"), 0);
    sqlite3_close(db);
}

/* ui/row.c on the generated DB: names, field=peer, µs, never a bare number. */
static void row_names(void **st)
{
    (void)st;
    static struct ui u;
    char line[512];
    sqlite3_close(pics_demo_db("pics_row"));
    memset(&u, 0, sizeof u);
    assert_int_equal(sqlite3_open("pics_row.db", &u.db), SQLITE_OK);
    assert_int_equal(ui_dicts(&u), 0);
    struct ev_row r = { .id = 5, .ts = 0, .type = TEV_PROC_START, .peer = NONE, .run_id = 1 };
    snprintf(r.text, sizeof r.text, "vfs");
    r.call_null = r.mtype_null = 1;
    ui_row_text(&u, &r, line, sizeof line);
    assert_non_null(strstr(line, "parent=none"));
    assert_non_null(strstr(line, "vfs"));
    struct ev_row k = { .id = 6, .type = TEV_KCALL, .ep = 0, .m_type = SYS_GETINFO,
                        .peer_null = 1, .call_id = 9, .run_id = 1, .status = -1 };
    ui_row_text(&u, &k, line, sizeof line);
    assert_non_null(strstr(line, "SYS_GETINFO"));
    assert_non_null(strstr(line, "!EPERM"));
    assert_non_null(strstr(line, "#9"));
    assert_null(strstr(line, "1536"));
    struct ev_row p = { .id = 7, .type = TEV_IPC_REPLY, .ep = 0, .peer = 1, .m_type = -11,
                        .call_null = 1, .run_id = 1 };
    ui_row_text(&u, &p, line, sizeof line);
    assert_non_null(strstr(line, "EAGAIN"));                 /* a reply's m_type is a status */
    p.m_type = 0x4242;
    ui_row_text(&u, &p, line, sizeof line);
    assert_non_null(strstr(line, "type 0x4242"));            /* unnamed: says what it is */
    ui_row_header(&u, line, sizeof line);
    assert_non_null(strstr(line, "t(us)"));
    ui_close(&u);
}

int main(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(clock_per_domain), cmocka_unit_test(mtype_values_unique),
        cmocka_unit_test(msg_type_dictionary), cmocka_unit_test(canned_in_us),
        cmocka_unit_test(row_names),
    };
    int bad = cmocka_run_group_tests_name("tracer-pics", t, NULL, NULL);
    bad |= tracer_svg_tests();
    return bad | tracer_diff_tests();
}
