/* test_diff.c: the aligner (diff/align.c) on synthetic sequences and the
 * per-pair reduction of runs (diff/seq.c) on generated traces: timing and
 * the interleaving of pairs do not matter, one changed, missing or extra
 * message is found at its place and classified.  Run from test_pics.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../tracer/test_util.h"
#include "../../../tracer/diff/diff.h"

sqlite3 *pics_demo_db(const char *stem);          /* test_pics.c */

static void align(const char *a, const char *b, struct adiff *d)
{
    uint32_t x[64], y[64];
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i < n; i++) x[i] = (uint32_t)a[i];
    for (int i = 0; i < m; i++) y[i] = (uint32_t)b[i];
    align_first(x, n, y, m, d);
}

static void aligner(void **st)
{
    (void)st;
    struct adiff d;
    align("abcdefgh", "abcdefgh", &d);
    assert_true(d.same);
    align("abcXefgh", "abcYefgh", &d);               /* substitution */
    assert_int_equal(d.p, 3); assert_true(d.synced); assert_int_equal(d.i, 1); assert_int_equal(d.j, 1);
    align("abcdefgh", "abcZdefgh", &d);              /* insertion in B */
    assert_int_equal(d.p, 3); assert_int_equal(d.i, 0); assert_int_equal(d.j, 1);
    align("abcdefgh", "abcefgh", &d);                /* deletion */
    assert_int_equal(d.p, 3); assert_int_equal(d.i, 1); assert_int_equal(d.j, 0);
    align("abcdef", "abcdefgh", &d);                 /* B goes on */
    assert_int_equal(d.p, 6); assert_true(d.synced); assert_int_equal(d.i, 0); assert_int_equal(d.j, 2);
    align("abcXY", "abcZ", &d);                      /* different ends */
    assert_true(d.synced); assert_int_equal(d.i, 2); assert_int_equal(d.j, 1);
    align("", "", &d);
    assert_true(d.same);
}

static void aligner_no_resync(void **st)
{
    (void)st;
    static uint32_t a[400], b[400];
    struct adiff d;
    for (int i = 0; i < 400; i++) a[i] = (uint32_t)(i % 7), b[i] = (uint32_t)(1000 + i);
    memcpy(b, a, 10 * sizeof *b);
    align_first(a, 400, b, 400, &d);
    assert_int_equal(d.p, 10);
    assert_false(d.synced);
}

static int64_t first_divergence(sqlite3 *a, sqlite3 *b, char *pair, size_t cap, struct adiff *out)
{
    static struct dnames nm;
    static struct drun ra, rb;
    int64_t at = -1;
    assert_int_equal(drun_load(a, 0, &nm, &ra), 0);
    assert_int_equal(drun_load(b, 0, &nm, &rb), 0);
    assert_true(ra.npair > 5);
    for (uint32_t i = 0; i < ra.npair; i++) {
        const struct dpair *p = &ra.pair[i], *q = drun_pair(&rb, p->name);
        struct adiff d;
        assert_non_null(q);
        align_first(p->toks, p->n, q->toks, q->n, &d);
        if (d.same) continue;
        *out = d;
        assert_int_equal(at, -1);                    /* exactly one pair differs */
        at = d.p < p->n ? p->t[d.p].id : -2;
        snprintf(pair, cap, "%s", nm.s[p->name]);
    }
    drun_free(&ra); drun_free(&rb); dnames_free(&nm);
    return at;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *e = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK) fail_msg("%s: %s", sql, e);
}

/* B = A with every timestamp jittered and two adjacent messages of
 * different pairs swapped: the same.  Then one message type changed: found. */
static void runs_timing_and_one_message(void **st)
{
    (void)st;
    sqlite3_close(pics_demo_db("diff_a"));
    sqlite3_close(pics_demo_db("diff_b"));
    sqlite3 *a, *b;
    char pair[96];
    struct adiff d;
    assert_int_equal(sqlite3_open("diff_a.db", &a), 0);
    assert_int_equal(sqlite3_open("diff_b.db", &b), 0);
    exec_ok(b, "UPDATE event SET ts = ts + (id * 7919) % 1000");
    /* x and z: a message and the next message, of another pair */
#define MSGS "(1, 3, 4, 5, 6, 7)"
    int64_t x = tt_q1(b, "SELECT e.id FROM event e JOIN event f ON f.id = (SELECT min(id) FROM "
                      "event WHERE id > e.id AND type IN " MSGS ") WHERE e.type IN " MSGS
                      " AND (e.ep <> f.ep OR e.peer <> f.peer) ORDER BY e.id LIMIT 1 OFFSET 20");
    int64_t z = tt_q1(b, "SELECT min(id) FROM event WHERE type IN " MSGS " AND id > (SELECT e.id "
                      "FROM event e JOIN event f ON f.id = (SELECT min(id) FROM event WHERE id > "
                      "e.id AND type IN " MSGS ") WHERE e.type IN " MSGS " AND (e.ep <> f.ep OR "
                      "e.peer <> f.peer) ORDER BY e.id LIMIT 1 OFFSET 20)");
    assert_true(x > 0 && z > x);
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE event SET id = -1 WHERE id = %lld; UPDATE event SET id = %lld "
             "WHERE id = %lld; UPDATE event SET id = %lld WHERE id = -1", (long long)x,
             (long long)x, (long long)z, (long long)z);
    exec_ok(b, sql);
    assert_int_equal(first_divergence(a, b, pair, sizeof pair, &d), -1);   /* the same */
    int64_t y = tt_q1(a, "SELECT id FROM event WHERE type = 3 ORDER BY id LIMIT 1 OFFSET 40");
    snprintf(sql, sizeof sql, "UPDATE event SET m_type = 4242 WHERE id = %lld", (long long)y);
    exec_ok(b, sql);
    assert_int_equal(first_divergence(a, b, pair, sizeof pair, &d), y);
    assert_true(d.synced);
    assert_int_equal(d.i, 1);
    assert_int_equal(d.j, 1);
    snprintf(sql, sizeof sql, "DELETE FROM event WHERE id = %lld", (long long)y);
    exec_ok(b, sql);                                 /* now B lacks it: a deletion */
    assert_int_equal(first_divergence(a, b, pair, sizeof pair, &d), y);
    assert_int_equal(d.i, 1);
    assert_int_equal(d.j, 0);
    sqlite3_close(a);
    sqlite3_close(b);
}

int tracer_diff_tests(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(aligner), cmocka_unit_test(aligner_no_resync),
        cmocka_unit_test(runs_timing_and_one_message),
    };
    return cmocka_run_group_tests_name("tracer-pics-diff", t, NULL, NULL);
}
