/* timeline.c: `lantern-trace svg --timeline`: one row per endpoint over
 * time (to scale, unlike the chart): when it ran, when it was blocked and on
 * whom, and its kernel calls.
 *
 * Running spans come from SCHED_SWITCH (from -> to): an endpoint runs from
 * a switch to it until the next switch away; before the window's first
 * switch, its `from` is taken as running since the window's start.
 * Blocked spans are block_span rows overlapping the window, clipped to it
 * (an open span runs to the end).  Kernel calls are instants (the kernel
 * handles them at once in the caller's context).  At most max_spans spans
 * are drawn; a note says when more were cut. */
#include <stdlib.h>
#include <string.h>
#include "svg.h"

#define LEFT  120
#define PLOTW 1000
#define TOP   60
#define ROWH  28

enum { SP_RUN, SP_BLOCK, SP_KCALL };
struct span { int col, kind; int64_t a, b; char label[40]; };
struct tl { struct msc m; struct span *sp; int n, cap, max, cut; int64_t ta, tb; char eps[512]; };

static int allowed(const struct tl *t, int32_t ep)
{
    char v[16];
    if (!t->eps[0]) return 1;
    snprintf(v, sizeof v, ",%d,", ep);
    char list[520];
    snprintf(list, sizeof list, ",%s,", t->eps);
    return strstr(list, v) != NULL;
}

static void add(sqlite3 *db, struct tl *t, int32_t ep, int kind, int64_t a, int64_t b,
                const char *label)
{
    if (!allowed(t, ep)) return;
    if (t->n == t->max) { t->cut = 1; return; }
    int col = msc_col(db, &t->m, ep);
    if (col < 0) { t->cut = 1; return; }
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        struct span *p = realloc(t->sp, (size_t)cap * sizeof *p);
        if (!p) { t->cut = 1; return; }
        t->sp = p;
        t->cap = cap;
    }
    struct span *s = &t->sp[t->n++];
    s->col = col; s->kind = kind; s->a = a < t->ta ? t->ta : a; s->b = b > t->tb ? t->tb : b;
    snprintf(s->label, sizeof s->label, "%s", label ? label : "");
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql, const struct tl *t, int64_t a, int64_t b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_int64(st, 1, t->m.run_id);
    sqlite3_bind_int64(st, 2, a);
    sqlite3_bind_int64(st, 3, b);
    return st;
}

/* ts of the first (dir 0) or last (dir 1) event of the run in [from, to] */
static int64_t edge_ts(sqlite3 *db, const struct tl *t, int64_t from, int64_t to, int last)
{
    sqlite3_stmt *st = prep(db, last ? "SELECT ts FROM event WHERE run_id = ?1 AND id >= ?2 AND "
                            "id <= ?3 ORDER BY id DESC LIMIT 1" : "SELECT ts FROM event WHERE "
                            "run_id = ?1 AND id >= ?2 AND id <= ?3 ORDER BY id LIMIT 1", t, from, to);
    int64_t v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void running(sqlite3 *db, struct tl *t, int64_t from, int64_t to)
{
    sqlite3_stmt *st = prep(db, "SELECT ts, ep, peer FROM event WHERE run_id = ?1 AND id >= ?2 AND "
                            "id <= ?3 AND type = (SELECT id FROM event_type WHERE name = "
                            "'SCHED_SWITCH') AND ep IS NOT NULL AND peer IS NOT NULL ORDER BY id",
                            t, from, to);
    int32_t cur = 0;
    int have = 0;
    int64_t since = t->ta;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        int64_t ts = sqlite3_column_int64(st, 0);
        if (!have) cur = sqlite3_column_int(st, 1), have = 1;
        add(db, t, cur, SP_RUN, since, ts, "running");
        cur = sqlite3_column_int(st, 2);
        since = ts;
    }
    if (have) add(db, t, cur, SP_RUN, since, t->tb, "running");
    sqlite3_finalize(st);
}

static void blocked(sqlite3 *db, struct tl *t)
{
    sqlite3_stmt *st = prep(db, "SELECT b.ep, b.t_block, coalesce(b.t_unblock, ?3), "
                            "coalesce(e.label, 'ep ' || b.waits_for) FROM block_span b LEFT JOIN "
                            "endpoint e ON e.run_id = b.run_id AND e.ep = b.waits_for WHERE "
                            "b.run_id = ?1 AND b.t_block <= ?3 AND coalesce(b.t_unblock, ?3) >= ?2 "
                            "ORDER BY b.t_block", t, t->ta, t->tb);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        char l[40];
        snprintf(l, sizeof l, "waits %s", sqlite3_column_text(st, 3));
        add(db, t, sqlite3_column_int(st, 0), SP_BLOCK, sqlite3_column_int64(st, 1),
            sqlite3_column_int64(st, 2), l);
    }
    sqlite3_finalize(st);
}

static void kcalls(sqlite3 *db, struct tl *t, int64_t from, int64_t to)
{
    sqlite3_stmt *st = prep(db, "SELECT e.ts, e.ep, coalesce(m.name, e.m_type) FROM event e LEFT "
                            "JOIN msg_type m ON m.id = e.m_type WHERE e.run_id = ?1 AND e.id >= ?2 "
                            "AND e.id <= ?3 AND e.type = (SELECT id FROM event_type WHERE name = "
                            "'KCALL') AND e.ep IS NOT NULL ORDER BY e.id", t, from, to);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        int64_t ts = sqlite3_column_int64(st, 0);
        add(db, t, sqlite3_column_int(st, 1), SP_KCALL, ts, ts,
            (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
}

static double xt(const struct tl *t, int64_t ts)
{
    double span = t->tb > t->ta ? (double)(t->tb - t->ta) : 1;
    return LEFT + (double)(ts - t->ta) * PLOTW / span;
}

static double us(const struct tl *t, int64_t ts)
{
    double d = (double)(ts - t->m.t0);
    return t->m.tpu > 0 ? d / t->m.tpu : d;
}

static void axis(FILE *f, const struct tl *t, int bottom)
{
    for (int i = 0; i <= 10; i++) {
        int64_t ts = t->ta + (t->tb - t->ta) * i / 10;
        double x = xt(t, ts);
        fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                "<text class=\"t\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>\n",
                x, TOP - 6, x, bottom, x, bottom + 14, us(t, ts));
    }
    fprintf(f, "<text class=\"t\" x=\"%d\" y=\"%d\">%s</text>\n", LEFT, bottom + 30,
            t->m.tpu > 0 ? "time (us since the run's first event)" : "time (ticks)");
}

static void rows(FILE *f, const struct tl *t)
{
    for (int c = 0; c < t->m.ncol; c++) {
        fprintf(f, "<text x=\"8\" y=\"%d\">", TOP + c * ROWH + 17);
        svg_text(f, t->m.col[c].label);
        fputs("</text>\n", f);
    }
}

static void span(FILE *f, const struct tl *t, const struct span *s)
{
    static const char *const cls[] = { "run", "blocked", "kcall" };
    double x = xt(t, s->a), w = xt(t, s->b) - x;
    int y = TOP + s->col * ROWH + 4;
    if (s->kind == SP_KCALL)
        fprintf(f, "<line class=\"kcall\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\">", x, y - 2,
                x, y + ROWH - 6);
    else
        fprintf(f, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">",
                cls[s->kind], x, y + (s->kind == SP_BLOCK ? 10 : 0), w < 0.5 ? 0.5 : w,
                s->kind == SP_BLOCK ? 10 : 9);
    fprintf(f, "<title>");
    svg_text(f, s->label);
    fprintf(f, " %.3f..%.3f</title></%s>\n", us(t, s->a), us(t, s->b),
            s->kind == SP_KCALL ? "line" : "rect");
    if (s->kind == SP_BLOCK && w > 60) {
        fprintf(f, "<text class=\"bl\" x=\"%.1f\" y=\"%d\">", x + 2, y + 18);
        svg_text(f, s->label);
        fputs("</text>\n", f);
    }
}

static int draw(FILE *f, const struct tl *t, const char *title)
{
    int bottom = TOP + (t->m.ncol ? t->m.ncol : 1) * ROWH;
    int w = LEFT + PLOTW + 40, h = bottom + 60;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" "
            "font-size=\"11\">\n<style>.run{fill:#5a5}.blocked{fill:#d66}.kcall{stroke:#e80;"
            "stroke-width:2}.grid{stroke:#eee}.t{fill:#555}.bl{fill:#700;font-size:9px}</style>\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n<text x=\"8\" y=\"18\" "
            "font-size=\"13\">", w, h, w, h);
    svg_text(f, title);
    fputs("</text>\n<text class=\"t\" x=\"8\" y=\"36\">green: running, red: blocked (on whom: "
          "hover or label), orange: kernel call</text>\n", f);
    axis(f, t, bottom);
    rows(f, t);
    for (int i = 0; i < t->n; i++) span(f, t, &t->sp[i]);
    if (t->cut)
        fprintf(f, "<text class=\"t\" x=\"8\" y=\"%d\">(cut: more spans or endpoints than "
                "drawn; narrow the range with --from/--to or --ep)</text>\n", bottom + 46);
    fputs("</svg>\n", f);
    return ferror(f) ? -1 : 0;
}

int svg_timeline(sqlite3 *db, const struct tl_opts *o, FILE *f, char *err, size_t cap)
{
    static struct tl t;
    struct msc_opts mo = { .run_id = o->run_id, .from = o->from, .to = o->to };
    int64_t to = o->to < 0 ? INT64_MAX : o->to;
    memset(&t, 0, sizeof t);
    t.max = o->max_spans;
    int rc = msc_setup(db, &mo, &t.m);
    if (!rc && o->eps && o->eps[0])
        rc = msc_ep_list(db, t.m.run_id, o->eps, t.eps, sizeof t.eps, t.m.err, sizeof t.m.err);
    if (!rc) {
        t.ta = edge_ts(db, &t, o->from, to, 0);
        t.tb = edge_ts(db, &t, o->from, to, 1);
        if (t.ta < 0) rc = -1, snprintf(t.m.err, sizeof t.m.err, "no events in the range");
    }
    if (rc) { snprintf(err, cap, "%s", t.m.err); msc_free(&t.m); return -1; }
    running(db, &t, o->from, to);
    blocked(db, &t);
    kcalls(db, &t, o->from, to);
    char title[160];
    snprintf(title, sizeof title, "Lantern timeline: run %lld, events %lld..%lld",
             (long long)t.m.run_id, (long long)o->from, (long long)(o->to < 0 ? -1 : o->to));
    rc = draw(f, &t, title);
    free(t.sp);
    msc_free(&t.m);
    return rc;
}
