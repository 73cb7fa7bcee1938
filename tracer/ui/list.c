/* list.c: the event-list model behind the EVENTS view.
 * Every query is keyset-bounded (id >= / id <, LIMIT <= a screen), so its
 * cost does not depend on how deep into the trace the cursor is.
 * Invariant: after ui_fetch(), page[0].id == top (when anything matches)
 * and cur is one of the page's ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

/* The first column of the first row of sql with ?1 = a, ?2 = b, or dflt
 * (no row, NULL, or an error). */
int64_t ui_q1(struct ui *u, const char *sql, int64_t a, int64_t b, int64_t dflt)
{
    sqlite3_stmt *st;
    int64_t v = dflt;
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a);
        sqlite3_bind_int64(st, 2, b);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* ui_q1 with the list's filter put in for the %s of fmt. */
static int64_t one_id(struct ui *u, const char *fmt, int64_t a, int64_t b, int64_t dflt)
{
    char *sql = sqlite3_mprintf(fmt, u->where);
    int64_t v = ui_q1(u, sql, a, b, dflt);
    sqlite3_free(sql);
    return v;
}

int ui_dicts(struct ui *u)
{
    sqlite3_stmt *st;
    memset(u->tname, 0, sizeof u->tname);
    if (sqlite3_prepare_v2(u->db, "SELECT id, name, family FROM event_type", -1, &st, NULL))
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0) & 255;
        snprintf(u->tname[id], sizeof u->tname[id], "%s", sqlite3_column_text(st, 1));
        snprintf(u->tfam[id], sizeof u->tfam[id], "%s", sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    memset(u->pname, 0, sizeof u->pname);
    if (sqlite3_prepare_v2(u->db, "SELECT type, name FROM event_field WHERE col = 'peer'", -1,
                           &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            snprintf(u->pname[sqlite3_column_int(st, 0) & 255], sizeof u->pname[0], "%s",
                     sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
    }
    u->clk_run = -1;                      /* re-read the µs conversion (row.c) */
    snprintf(u->clock, sizeof u->clock, "?");
    if (sqlite3_prepare_v2(u->db, "SELECT clock_name FROM run ORDER BY run_id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            snprintf(u->clock, sizeof u->clock, "%s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return 0;
}

static const char *lookup(struct ui *u, const char *sql, int key, char *buf, size_t cap)
{
    sqlite3_stmt *st;
    buf[0] = 0;
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int(st, 1, key);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(buf, cap, "%s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return buf;
}

/* Called for every endpoint on screen: one statement, prepared once. */
const char *ui_label(struct ui *u, int64_t run_id, int32_t ep, char *buf, size_t cap)
{
    buf[0] = 0;
    if (u->q_label || sqlite3_prepare_v3(u->db, "SELECT label FROM endpoint WHERE run_id = ?2 "
                                         "AND ep = ?1", -1, SQLITE_PREPARE_PERSISTENT,
                                         &u->q_label, NULL) == SQLITE_OK) {
        sqlite3_bind_int(u->q_label, 1, ep);
        sqlite3_bind_int64(u->q_label, 2, run_id);
        if (sqlite3_step(u->q_label) == SQLITE_ROW && sqlite3_column_text(u->q_label, 0))
            snprintf(buf, cap, "%s", sqlite3_column_text(u->q_label, 0));
        sqlite3_reset(u->q_label);
    }
    if (!buf[0]) snprintf(buf, cap, "ep %d", ep);   /* no label: say what the number is */
    return buf;
}

void ui_close(struct ui *u)
{
    sqlite3_finalize(u->q_label);
    sqlite3_finalize(u->q_mtype);
    u->q_label = u->q_mtype = NULL;
    sqlite3_close(u->db);
    u->db = NULL;
}

const char *ui_errno(struct ui *u, int code, char *buf, size_t cap)
{
    lookup(u, "SELECT name FROM errno_name WHERE code = ?", code, buf, cap);
    if (!buf[0]) snprintf(buf, cap, "%d", code);
    return buf;
}

void ui_refresh_counts(struct ui *u)
{
    u->first_id = one_id(u, "SELECT min(id) FROM event WHERE %s", 0, 0, 0);
    u->last_id = one_id(u, "SELECT max(id) FROM event WHERE %s", 0, 0, -1);
    u->lost = one_id(u, "SELECT sum(count) FROM trace_loss", 0, 0, 0);
}

int ui_fetch(struct ui *u)
{
    char *sql = sqlite3_mprintf("SELECT id, ts, type, ep, peer, call_id, status, m_type, text, "
                                "run_id FROM event WHERE id >= ?1 AND (%s) ORDER BY id LIMIT ?2",
                                u->where);
    sqlite3_stmt *st;
    u->npage = 0;
    int rc = sqlite3_prepare_v2(u->db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc) return -1;
    sqlite3_bind_int64(st, 1, u->top);
    sqlite3_bind_int(st, 2, u->list_h < UI_MAXROWS ? u->list_h : UI_MAXROWS);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct ev_row *r = &u->page[u->npage++];
        r->id = sqlite3_column_int64(st, 0);
        r->ts = sqlite3_column_int64(st, 1);
        r->type = sqlite3_column_int(st, 2);
        r->ep_null = sqlite3_column_type(st, 3) == SQLITE_NULL;
        r->ep = sqlite3_column_int(st, 3);
        r->peer_null = sqlite3_column_type(st, 4) == SQLITE_NULL;
        r->peer = sqlite3_column_int(st, 4);
        r->call_null = sqlite3_column_type(st, 5) == SQLITE_NULL;
        r->call_id = sqlite3_column_int64(st, 5);
        r->status = sqlite3_column_int(st, 6);
        r->mtype_null = sqlite3_column_type(st, 7) == SQLITE_NULL;
        r->m_type = sqlite3_column_int(st, 7);
        const unsigned char *t = sqlite3_column_text(st, 8);
        snprintf(r->text, sizeof r->text, "%s", t ? (const char *)t : "");
        r->run_id = sqlite3_column_int64(st, 9);
    }
    sqlite3_finalize(st);
    return 0;
}

/* The n-th matching id after (n > 0) or before (n < 0) `from`, clamped. */
static int64_t step_id(struct ui *u, int64_t from, int64_t n)
{
    if (n > 0)
        return one_id(u, "SELECT max(id) FROM (SELECT id FROM event WHERE id > ?1 AND (%s) "
                      "ORDER BY id LIMIT ?2)", from, n, from);
    if (n < 0)
        return one_id(u, "SELECT min(id) FROM (SELECT id FROM event WHERE id < ?1 AND (%s) "
                      "ORDER BY id DESC LIMIT ?2)", from, -n, from);
    return from;
}

static void place(struct ui *u)
{
    int64_t last_on_page = step_id(u, u->top, u->list_h - 1);
    if (u->cur < u->top) u->top = u->cur;
    else if (u->cur > last_on_page) u->top = step_id(u, u->cur, -(u->list_h - 1));
    ui_fetch(u);
}

void ui_move(struct ui *u, int64_t delta)
{
    u->cur = step_id(u, u->cur, delta);
    place(u);
}

void ui_goto(struct ui *u, int64_t id)
{
    int64_t c = one_id(u, "SELECT min(id) FROM event WHERE id >= ?1 AND (%s)", id, 0, -1);
    if (c < 0) c = one_id(u, "SELECT max(id) FROM event WHERE id <= ?1 AND (%s)", id, 0, 0);
    u->cur = c;
    u->top = step_id(u, c, -(u->list_h / 3));
    ui_fetch(u);
}

void ui_end(struct ui *u)
{
    ui_refresh_counts(u);
    u->cur = u->last_id < 0 ? 0 : u->last_id;
    u->top = step_id(u, u->cur, -(u->list_h - 1));
    ui_fetch(u);
}

const struct ev_row *ui_current(struct ui *u)
{
    for (int i = 0; i < u->npage; i++)
        if (u->page[i].id == u->cur) return &u->page[i];
    return NULL;
}

int ui_search(struct ui *u, int dir)
{
    if (!u->search[0]) return -1;
    char *sql = sqlite3_mprintf(
        "SELECT id FROM event WHERE id %s ?1 AND (%s) AND (type IN (SELECT id FROM event_type "
        "WHERE name LIKE '%%%q%%') OR (run_id, ep) IN (SELECT run_id, ep FROM endpoint WHERE "
        "label LIKE '%q') OR (run_id, peer) IN (SELECT run_id, ep FROM endpoint WHERE label "
        "LIKE '%q') OR text LIKE '%%%q%%' "
        "OR status IN (SELECT code FROM errno_name WHERE code != 0 AND name LIKE '%q') "
        "OR m_type IN (SELECT id FROM msg_type WHERE name LIKE '%q') "
        "OR call_id = ?2) ORDER BY id %s LIMIT 1", dir > 0 ? ">" : "<", u->where,
        u->search, u->search, u->search, u->search, u->search, u->search,
        dir > 0 ? "" : "DESC");
    sqlite3_stmt *st;
    int64_t hit = -1;
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, u->cur);
        char *end;
        long long n = strtoll(u->search, &end, 0);
        if (*end) sqlite3_bind_null(st, 2); else sqlite3_bind_int64(st, 2, n);
        if (sqlite3_step(st) == SQLITE_ROW) hit = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    if (hit < 0) {
        snprintf(u->msg, sizeof u->msg, "pattern not found: %.200s", u->search);
        return -1;
    }
    u->cur = hit;
    place(u);
    return 0;
}

/* key:value shortcuts, anything else is an SQL expression over `event`. */
static char *translate(const char *tok)
{
    const char *v = strchr(tok, ':');
    if (!v) return sqlite3_mprintf("(%s)", tok);
    size_t k = (size_t)(v++ - tok);
    if (!strncmp(tok, "ep", k) || !strncmp(tok, "label", k))
        return sqlite3_mprintf("((run_id, ep) IN (SELECT run_id, ep FROM endpoint WHERE label = "
                               "'%q' OR ep = CAST('%q' AS INT)) OR (run_id, peer) IN (SELECT "
                               "run_id, ep FROM endpoint WHERE label = '%q' OR ep = "
                               "CAST('%q' AS INT)))", v, v, v, v);
    if (!strncmp(tok, "run", k))
        return sqlite3_mprintf("run_id = %lld", strtoll(v, NULL, 0));
    if (!strncmp(tok, "type", k))
        return sqlite3_mprintf("type IN (SELECT id FROM event_type WHERE name LIKE '%q%%')", v);
    if (!strncmp(tok, "family", k))
        return sqlite3_mprintf("type IN (SELECT id FROM event_type WHERE family = '%q')", v);
    if (!strncmp(tok, "errno", k))
        return sqlite3_mprintf("status = (SELECT code FROM errno_name WHERE name = '%q')", v);
    if (!strncmp(tok, "call", k))
        return sqlite3_mprintf("call_id = %lld", strtoll(v, NULL, 0));
    if (!strncmp(tok, "time", k)) {
        long long a = strtoll(v, NULL, 0), b = INT64_MAX;
        const char *dots = strstr(v, "..");
        if (dots && dots[2]) b = strtoll(dots + 2, NULL, 0);
        return sqlite3_mprintf("ts BETWEEN %lld AND %lld", a, b);
    }
    return sqlite3_mprintf("(%s)", tok);
}

int ui_set_filter(struct ui *u, const char *f)
{
    char where[1024] = "1", copy[256];
    snprintf(copy, sizeof copy, "%s", f);
    int sqlmode = strchr(copy, '=') || strchr(copy, '<') || strchr(copy, '>') ||
                  strstr(copy, " AND ") || strstr(copy, " OR ");
    if (sqlmode) snprintf(where, sizeof where, "(%s)", copy);
    else {
        size_t n = 1;
        for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
            char *t = translate(tok);
            n += (size_t)snprintf(where + n, sizeof where - n, " AND %s", t);
            sqlite3_free(t);
        }
    }
    char *test = sqlite3_mprintf("SELECT id FROM event WHERE %s LIMIT 1", where);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(u->db, test, -1, &st, NULL);
    sqlite3_free(test);
    if (rc) {
        snprintf(u->msg, sizeof u->msg, "bad filter: %s", sqlite3_errmsg(u->db));
        return -1;
    }
    sqlite3_finalize(st);
    snprintf(u->where, sizeof u->where, "%s", where);
    snprintf(u->filter, sizeof u->filter, "%s", f);
    ui_refresh_counts(u);
    ui_goto(u, u->cur);
    return 0;
}

int64_t ui_next_same_call(struct ui *u, int dir)
{
    const struct ev_row *r = ui_current(u);
    if (!r || r->call_null) return -1;
    char *sql = sqlite3_mprintf("SELECT id FROM event WHERE run_id = ?3 AND call_id = ?2 "
                                "AND id %s ?1 ORDER BY id %s LIMIT 1", dir > 0 ? ">" : "<",
                                dir > 0 ? "" : "DESC");
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, u->cur);
        sqlite3_bind_int64(st, 2, r->call_id);
        sqlite3_bind_int64(st, 3, r->run_id);
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    return v;
}

int64_t ui_flow_target(struct ui *u)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(u->db, "SELECT ev_to FROM flow WHERE ev_from = ?1 ORDER BY ev_to "
                           "LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, u->cur);
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}
