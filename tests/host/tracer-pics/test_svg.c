/* test_svg.c: the chart model (pics/msc.c) and the SVG writers (pics/svg.c,
 * pics/timeline.c) on a generated trace: valid XML, one arrow per message
 * in the range, every message type's name present, escaping of hostile
 * text, paging without gaps or overlaps, the endpoint filter, and errors.
 * Run from test_pics.c's main. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "xml_check.h"
#include "../tracer/test_util.h"
#include "../../../tracer/pics/svg.h"

sqlite3 *pics_demo_db(const char *stem);          /* test_pics.c */

__attribute__((noinline)) static int count(const char *s, const char *needle)
{
    int n = 0;
    size_t at = 0, l = strlen(needle);
    for (const char *p; (p = strstr(s + at, needle)) != NULL; at = (size_t)(p - s) + l) n++;
    return n;
}

#define MSG_TYPES "(SELECT id FROM event_type WHERE name IN ('IPC_SEND', 'IPC_SENDREC', " \
                  "'IPC_REPLY', 'IPC_NOTIFY', 'IPC_SENDNB', 'IPC_SENDA'))"

static char *chart(sqlite3 *db, const struct msc_opts *o, struct msc *m)
{
    char *buf = NULL, why[160];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(msc_load(db, o, m), 0);
    assert_int_equal(svg_chart(f, m, "test <chart> & \"title\""), 0);
    fclose(f);
    if (xml_check(buf, why, sizeof why)) fail_msg("chart is not valid XML: %s", why);
    return buf;
}

static void chart_arrows_and_labels(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("svg_chart");
    static struct msc m;
    struct msc_opts o = { .from = 100, .to = 900, .max_rows = 5000 };
    char *svg = chart(db, &o, &m);
    int want = (int)tt_q1(db, "SELECT count(*) FROM event WHERE id BETWEEN 100 AND 900 AND "
                          "ep IS NOT NULL AND peer IS NOT NULL AND type IN " MSG_TYPES);
    assert_true(want > 20);
    assert_int_equal(count(svg, "<g class=\"msg"), want);
    assert_int_equal(count(svg, "<g class=\"kcall"),
                     (int)tt_q1(db, "SELECT count(*) FROM event WHERE id BETWEEN 100 AND 900 AND "
                                "ep IS NOT NULL AND type = (SELECT id FROM event_type WHERE "
                                "name = 'KCALL')"));
    sqlite3_stmt *q;          /* every request's type in the picture: its name, or type 0x.. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT DISTINCT e.m_type, m.name FROM event e LEFT "
                     "JOIN msg_type m ON m.id = e.m_type WHERE e.id BETWEEN 100 AND 900 AND e.type "
                     "IN " MSG_TYPES " AND e.type <> (SELECT id FROM event_type WHERE name = "
                     "'IPC_REPLY')", -1, &q, NULL), 0);
    int names = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        char want[64];
        if (sqlite3_column_text(q, 1)) snprintf(want, sizeof want, ">%s", sqlite3_column_text(q, 1));
        else snprintf(want, sizeof want, ">type %#x", (unsigned)sqlite3_column_int(q, 0));
        if (!strstr(svg, want)) fail_msg("label %s missing", want + 1);
        names++;
    }
    sqlite3_finalize(q);
    assert_true(names >= 3);
    assert_non_null(strstr(svg, "<g class=\"msg notify\""));
    assert_non_null(strstr(svg, ">NOTIFY"));
    assert_non_null(strstr(svg, ">reply OK"));
    assert_non_null(strstr(svg, " us</text>"));    /* latencies in µs */
    assert_non_null(strstr(svg, "test &lt;chart&gt; &amp; &quot;title&quot;"));
    free(svg);
    msc_free(&m);
    sqlite3_close(db);
}

static void hostile_text(void **st)
{
    (void)st;
    char *buf = NULL, why[160];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("<t>", f);
    svg_text(f, "<a&\"b>\x01\xff]]>");
    fputs("</t>", f);
    fclose(f);
    assert_string_equal(buf, "<t>&lt;a&amp;&quot;b&gt;??]]&gt;</t>");
    assert_int_equal(xml_check(buf, why, sizeof why), 0);
    assert_int_equal(xml_check("<a><b></a></b>", why, sizeof why), -1);   /* the checker bites */
    assert_int_equal(xml_check("<a x=1/>", why, sizeof why), -1);
    assert_int_equal(xml_check("<a>&bogus;</a>", why, sizeof why), -1);
    free(buf);
}

/* Windows of 37 rows, each from the previous one's next_id: together they
 * are exactly the one big window. */
static void paging(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("svg_page");
    static struct msc all, page;
    struct msc_opts o = { .from = 0, .to = 2000, .max_rows = 100000 };
    assert_int_equal(msc_load(db, &o, &all), 0);
    int k = 0;
    for (int64_t from = 0; from >= 0 && k < all.n;) {
        struct msc_opts p = { .run_id = all.run_id, .from = from, .to = 2000, .max_rows = 37 };
        assert_int_equal(msc_load(db, &p, &page), 0);
        for (int i = 0; i < page.n; i++, k++) assert_int_equal(page.it[i].id, all.it[k].id);
        from = page.next_id;
        msc_free(&page);
    }
    assert_int_equal(k, all.n);
    msc_free(&all);
    sqlite3_close(db);
}

static void ep_filter_and_errors(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("svg_filter");
    static struct msc m;
    struct msc_opts o = { .from = 0, .to = -1, .max_rows = 3000, .eps = "rs,pm" };
    assert_int_equal(msc_load(db, &o, &m), 0);
    assert_true(m.n > 0);
    assert_true(m.ncol <= 2);
    for (int i = 0; i < m.ncol; i++)
        assert_true(!strcmp(m.col[i].label, "rs") || !strcmp(m.col[i].label, "pm"));
    msc_free(&m);
    struct msc_opts bad = { .from = 0, .to = -1, .max_rows = 10, .eps = "nosuch" };
    assert_int_equal(msc_load(db, &bad, &m), -1);
    assert_non_null(strstr(m.err, "nosuch"));
    struct msc_opts past = { .from = 1 << 30, .to = -1, .max_rows = 10 };
    assert_int_equal(msc_load(db, &past, &m), -1);
    assert_non_null(strstr(m.err, "no events"));
    sqlite3_close(db);
}

static void timeline(void **st)
{
    (void)st;
    sqlite3 *db = pics_demo_db("svg_tl");
    char *buf = NULL, why[160], err[160];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct tl_opts o = { .from = 0, .to = 3000, .max_spans = 100000 };
    assert_int_equal(svg_timeline(db, &o, f, err, sizeof err), 0);
    fclose(f);
    if (xml_check(buf, why, sizeof why)) fail_msg("timeline is not valid XML: %s", why);
    assert_int_equal(count(buf, "<line class=\"kcall\""),
                     (int)tt_q1(db, "SELECT count(*) FROM event WHERE id <= 3000 AND ep IS NOT "
                                "NULL AND type = (SELECT id FROM event_type WHERE name = 'KCALL')"));
    assert_true(count(buf, "<rect class=\"run\"") > 10);
    assert_true(count(buf, "<rect class=\"blocked\"") > 0);
    assert_non_null(strstr(buf, "<title>waits "));
    free(buf);
    struct tl_opts none = { .from = 1 << 30, .to = -1, .max_spans = 10 };
    f = open_memstream(&buf, &len);
    assert_int_equal(svg_timeline(db, &none, f, err, sizeof err), -1);
    fclose(f);
    free(buf);
    assert_non_null(strstr(err, "no events"));
    sqlite3_close(db);
}

int tracer_svg_tests(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(chart_arrows_and_labels), cmocka_unit_test(hostile_text),
        cmocka_unit_test(paging), cmocka_unit_test(ep_filter_and_errors),
        cmocka_unit_test(timeline),
    };
    return cmocka_run_group_tests_name("tracer-pics-svg", t, NULL, NULL);
}
