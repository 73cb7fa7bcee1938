/* msc.c: load a message sequence chart window from a trace DB (msc.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "msc.h"

enum { K_NONE = -1 };

/* One text value of a query with up to two integer parameters, "" if none.
 * Statements live in m->q[slot] until msc_free: a page is a handful of
 * prepares, not one per row. */
static void text1(sqlite3 *db, struct msc *m, int slot, const char *sql, int64_t a, int64_t b,
                  char *out, size_t cap)
{
    sqlite3_stmt *st = m->q[slot];
    out[0] = 0;
    if (!st && sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    m->q[slot] = st;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", sqlite3_column_text(st, 0));
    sqlite3_reset(st);
}

#define LABEL_SQL "SELECT label FROM endpoint WHERE run_id = ?1 AND ep = ?2"
#define MTYPE_NAME "SELECT name FROM msg_type WHERE id = ?1"
#define ERRNO_NAME "SELECT name FROM errno_name WHERE code = ?1"

static void ep_label(sqlite3 *db, struct msc *m, int32_t ep, char *out, size_t cap)
{
    text1(db, m, MQ_LABEL, LABEL_SQL, m->run_id, ep, out, cap);
    if (!out[0]) snprintf(out, cap, "ep %d", ep);
}

int msc_col(sqlite3 *db, struct msc *m, int32_t ep)
{
    for (int i = 0; i < m->ncol; i++)
        if (m->col[i].ep == ep) return i;
    if (m->ncol == MSC_MAXCOL) { m->more_cols = 1; return -1; }
    struct msc_col *c = &m->col[m->ncol];
    c->ep = ep;
    ep_label(db, m, ep, c->label, sizeof c->label);
    return m->ncol++;
}

/* event type id -> chart kind, from the DB's own event_type table */
struct kinds { int k[256]; int notify, reply; char msgs[128], all[256]; };

static const struct { const char *name; int kind; } chart_types[] = {
    { "IPC_SEND", MSC_MSG }, { "IPC_SENDREC", MSC_MSG }, { "IPC_REPLY", MSC_MSG },
    { "IPC_NOTIFY", MSC_MSG }, { "IPC_SENDNB", MSC_MSG }, { "IPC_SENDA", MSC_MSG },
    { "KCALL", MSC_KCALL }, { "SCHED_BLOCK", MSC_BLOCK }, { "SCHED_UNBLOCK", MSC_UNBLOCK },
};

static void add_id(char *list, size_t cap, int id)
{
    size_t n = strlen(list);
    snprintf(list + n, cap - n, "%s%d", n ? "," : "", id);
}

static int load_kinds(sqlite3 *db, struct kinds *k)
{
    sqlite3_stmt *st;
    memset(k, 0, sizeof *k);
    for (int i = 0; i < 256; i++) k->k[i] = K_NONE;
    k->notify = k->reply = -1;
    if (sqlite3_prepare_v2(db, "SELECT id, name FROM event_type", -1, &st, NULL)) return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0) & 255;
        const char *n = (const char *)sqlite3_column_text(st, 1);
        for (size_t i = 0; n && i < sizeof chart_types / sizeof chart_types[0]; i++) {
            if (strcmp(n, chart_types[i].name)) continue;
            k->k[id] = chart_types[i].kind;
            add_id(k->all, sizeof k->all, id);
            if (chart_types[i].kind == MSC_MSG) add_id(k->msgs, sizeof k->msgs, id);
            if (!strcmp(n, "IPC_NOTIFY")) k->notify = id;
            if (!strcmp(n, "IPC_REPLY")) k->reply = id;
        }
    }
    sqlite3_finalize(st);
    return k->msgs[0] ? 0 : -1;
}

/* "rs,pm,5" -> "0,1,5" (endpoints of the run); -1 for a name not found */
int msc_ep_list(sqlite3 *db, int64_t run, const char *names, char *out, size_t cap, char *err,
                size_t ecap)
{
    char copy[256], v[32];
    snprintf(copy, sizeof copy, "%s", names);
    out[0] = 0;
    for (char *t = strtok(copy, ","); t; t = strtok(NULL, ",")) {
        char *end;
        long n = strtol(t, &end, 0);
        if (*end || end == t) {
            sqlite3_stmt *st;
            v[0] = 0;
            if (sqlite3_prepare_v2(db, "SELECT ep FROM endpoint WHERE run_id = ?1 AND label = ?2 "
                                   "ORDER BY ep_uid DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
                sqlite3_bind_int64(st, 1, run);
                sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
                if (sqlite3_step(st) == SQLITE_ROW) snprintf(v, sizeof v, "%d", sqlite3_column_int(st, 0));
                sqlite3_finalize(st);
            }
            if (!v[0]) { snprintf(err, ecap, "no endpoint labelled '%s' in run %lld", t, (long long)run); return -1; }
        } else snprintf(v, sizeof v, "%ld", n);
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%s", l ? "," : "", v);
    }
    return 0;
}

int msc_setup(sqlite3 *db, const struct msc_opts *o, struct msc *m)
{
    char s[32];
    m->run_id = o->run_id;
    if (!m->run_id) {
        text1(db, m, MQ_RUN, "SELECT run_id FROM event WHERE id >= ?1 ORDER BY id LIMIT 1",
              o->from, 0, s, sizeof s);
        if (!s[0]) { snprintf(m->err, sizeof m->err, "no events at or after id %lld", (long long)o->from); return -1; }
        m->run_id = strtoll(s, NULL, 10);
    }
    sqlite3_stmt *st;
    m->tpu = 0;
    m->t0 = 0;
    if (sqlite3_prepare_v2(db, "SELECT ticks_per_us, t0 FROM run_time WHERE run_id = ?", -1, &st,
                           NULL) == SQLITE_OK) {            /* schema 4; older DBs: ticks */
        sqlite3_bind_int64(st, 1, m->run_id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            m->tpu = sqlite3_column_double(st, 0);
            m->t0 = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    return 0;
}

static struct msc_item *new_item(struct msc *m)
{
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 256;
        struct msc_item *p = realloc(m->it, (size_t)cap * sizeof *p);
        if (!p) return NULL;
        m->it = p;
        m->cap = cap;
    }
    struct msc_item *it = &m->it[m->n];
    memset(it, 0, sizeof *it);
    it->end_row = -1;
    it->lat_us = -1;
    return it;
}

static void name_of(sqlite3 *db, struct msc *m, int errno_name, int64_t v, char *out, size_t cap)
{
    text1(db, m, errno_name ? MQ_ERRNO : MQ_MTYPE, errno_name ? ERRNO_NAME : MTYPE_NAME, v, 0,
          out, cap);
    if (!out[0]) snprintf(out, cap, "type %#llx", (unsigned long long)(uint32_t)v);
}

/* Label and flavour of a row; st = the statement positioned on it. */
static void describe(sqlite3 *db, struct msc *m, struct msc_item *it, sqlite3_stmt *st,
                     const struct kinds *k, int type)
{
    char a[32] = "", b[40] = "";
    int status = sqlite3_column_int(st, 6);
    int64_t mt = sqlite3_column_int64(st, 5);
    it->failed = status != 0;
    if (status) text1(db, m, MQ_ERRNO, ERRNO_NAME, status, 0, b + 1, sizeof b - 1), b[0] = '!';
    if (it->kind == MSC_MSG) {
        it->notify = type == k->notify;
        it->reply = type == k->reply;
        name_of(db, m, it->reply, mt, a, sizeof a);
        snprintf(it->label, sizeof it->label, "%s%s%s%s", it->reply ? "reply " : "", a,
                 b[0] ? " " : "", b);
        if (sqlite3_column_type(st, 8) != SQLITE_NULL && m->tpu > 0)
            it->lat_us = sqlite3_column_double(st, 8) / m->tpu;
    } else if (it->kind == MSC_KCALL) {
        name_of(db, m, 0, mt, a, sizeof a);
        snprintf(it->label, sizeof it->label, "%s%s%s", a, b[0] ? " " : "", b);
    } else if (it->kind == MSC_BLOCK) {           /* whom it waits for: a name, not a column */
        if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
            ep_label(db, m, sqlite3_column_int(st, 4), a, sizeof a);
        }
        snprintf(it->label, sizeof it->label, "blocked%s%s", a[0] ? ", waits " : "", a);
    } else {
        snprintf(it->label, sizeof it->label, "runs");
    }
}

/* Pair each block with the next unblock of the same column in the window. */
static void pair_blocks(struct msc *m)
{
    int open[MSC_MAXCOL];
    for (int c = 0; c < MSC_MAXCOL; c++) open[c] = -1;
    for (int i = 0; i < m->n; i++) {
        struct msc_item *it = &m->it[i];
        if (it->kind == MSC_BLOCK) open[it->from] = i;
        else if (it->kind == MSC_UNBLOCK && open[it->from] >= 0) {
            m->it[open[it->from]].end_row = i;
            open[it->from] = -1;
        }
    }
}

static char *window_sql(sqlite3 *db, const struct msc_opts *o, struct msc *m, const struct kinds *k)
{
    char eps[512] = "", filt[1400] = "";
    if (o->eps && o->eps[0]) {
        if (msc_ep_list(db, m->run_id, o->eps, eps, sizeof eps, m->err, sizeof m->err)) return NULL;
        snprintf(filt, sizeof filt, " AND e.ep IN (%s) AND (e.type NOT IN (%s) OR e.peer IN (%s))",
                 eps, k->msgs, eps);
    }
    return sqlite3_mprintf(
        "SELECT e.id, e.ts, e.type, e.ep, e.peer, e.m_type, e.status, e.call_id,"
        " (SELECT c.latency FROM ipc_call c WHERE c.run_id = e.run_id AND c.call_id = e.call_id"
        "  AND c.ev_send = e.id) FROM event e WHERE e.id >= ?1 AND e.id <= ?2 AND e.run_id = ?3"
        " AND e.type IN (%s) AND e.ep IS NOT NULL%s ORDER BY e.id LIMIT ?4", k->all, filt);
}

/* One row from the statement; 0 = added or skipped, -1 = out of memory. */
static int add_row(sqlite3 *db, struct msc *m, sqlite3_stmt *st, const struct kinds *k)
{
    int type = sqlite3_column_int(st, 2) & 255;
    int kind = k->k[type];
    int from = msc_col(db, m, sqlite3_column_int(st, 3)), to = from;
    if (sqlite3_column_type(st, 4) != SQLITE_NULL && kind == MSC_MSG)  /* a column per party */
        to = msc_col(db, m, sqlite3_column_int(st, 4));
    if (from < 0 || to < 0) return 0;              /* more than MSC_MAXCOL endpoints */
    if (kind == MSC_MSG && sqlite3_column_type(st, 4) == SQLITE_NULL) return 0;
    struct msc_item *it = new_item(m);
    if (!it) return -1;
    it->id = sqlite3_column_int64(st, 0);
    it->ts = sqlite3_column_int64(st, 1);
    it->call_id = sqlite3_column_int64(st, 7);
    it->kind = kind;
    it->from = from;
    it->to = to;
    describe(db, m, it, st, k, type);
    m->n++;
    return 0;
}

static int load_window(sqlite3 *db, const struct msc_opts *o, struct msc *m);

int msc_load(sqlite3 *db, const struct msc_opts *o, struct msc *m)
{
    memset(m, 0, sizeof *m);
    m->next_id = -1;
    for (int i = 0; i < o->nseed && i < MSC_MAXCOL; i++) m->col[m->ncol++] = o->seed[i];
    if (load_window(db, o, m) == 0) return 0;
    char err[sizeof m->err];
    memcpy(err, m->err, sizeof err);
    msc_free(m);                     /* nothing half-loaded stays behind */
    memcpy(m->err, err, sizeof err);
    return -1;
}

static int load_window(sqlite3 *db, const struct msc_opts *o, struct msc *m)
{
    struct kinds k;
    if (load_kinds(db, &k)) { snprintf(m->err, sizeof m->err, "not a trace database (no IPC event types)"); return -1; }
    if (msc_setup(db, o, m)) return -1;
    char *sql = window_sql(db, o, m, &k);
    if (!sql) return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc) { snprintf(m->err, sizeof m->err, "%s", sqlite3_errmsg(db)); return -1; }
    sqlite3_bind_int64(st, 1, o->from);
    sqlite3_bind_int64(st, 2, o->to < 0 ? INT64_MAX : o->to);
    sqlite3_bind_int64(st, 3, m->run_id);
    sqlite3_bind_int(st, 4, o->max_rows + 1);
    int fetched = 0;
    int64_t last = -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        last = sqlite3_column_int64(st, 0);
        if (m->n == o->max_rows) { m->next_id = last; break; }
        if (++fetched, add_row(db, m, st, &k)) { rc = -1; break; }
    }
    /* rows skipped (columns full) used up the LIMIT: go on after the last one */
    if (m->next_id < 0 && fetched == o->max_rows + 1) m->next_id = last + 1;
    sqlite3_finalize(st);
    pair_blocks(m);
    if (rc) snprintf(m->err, sizeof m->err, "out of memory");
    return rc ? -1 : 0;
}

void msc_free(struct msc *m)
{
    for (int i = 0; i < MQ_N; i++) sqlite3_finalize(m->q[i]);
    memset(m->q, 0, sizeof m->q);
    free(m->it);
    m->it = NULL;
    m->n = m->cap = 0;
}

double msc_time(const struct msc *m, int i)
{
    double t = (double)(m->it[i].ts - m->t0);
    return m->tpu > 0 ? t / m->tpu : t;
}

int64_t msc_back(sqlite3 *db, int64_t run_id, int64_t id, int n)
{
    struct kinds k;
    sqlite3_stmt *st;
    int64_t v = id;
    if (load_kinds(db, &k)) return id;
    char *sql = sqlite3_mprintf("SELECT min(id) FROM (SELECT id FROM event WHERE id < ?1 AND "
                                "run_id = ?2 AND type IN (%s) AND ep IS NOT NULL ORDER BY id DESC "
                                "LIMIT ?3)", k.all);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, run_id);
        sqlite3_bind_int(st, 3, n);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    return v;
}
