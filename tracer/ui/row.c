/* row.c: one event as a line of the EVENTS view, and the names it uses.
 *
 * Columns (help screen `?` and docs/tracer.md describe each):
 *   id        event id (gaps = lost records)
 *   t(us)     microseconds since the run's first recorded event (table
 *             clock; "ts" and raw ticks when the DB has no conversion)
 *   event     event type
 *   ep        the acting endpoint (sender, caller, process)
 *   peer      the other endpoint: "> dst" for IPC, else "<field>=ep"
 *             (parent=none, waits_for=pm, by=rs, to=vfs ...)
 *   what      message type or kernel call by name, else the text field;
 *             then "!ERRNO" when the status is not OK and "#N" for a call id
 * Every endpoint goes through ui_label (labels, kernel tasks, none/any/self),
 * every m_type through msg_type: a number shows only where the DB has no
 * name for it, and then as "type 0x..", never bare. */
#include <stdio.h>
#include <string.h>
#include "ui.h"

/* Name of m_type v: msg_type, then (replies carry a status) errno_name. */
const char *ui_mtype(struct ui *u, int32_t v, char *buf, size_t cap)
{
    buf[0] = 0;
    if (u->q_mtype || sqlite3_prepare_v3(u->db, "SELECT name FROM msg_type WHERE id = ?1 UNION ALL "
                                         "SELECT name FROM errno_name WHERE code = ?1 AND ?1 <= 0",
                                         -1, SQLITE_PREPARE_PERSISTENT, &u->q_mtype, NULL) == 0) {
        sqlite3_bind_int(u->q_mtype, 1, v);
        if (sqlite3_step(u->q_mtype) == SQLITE_ROW && sqlite3_column_text(u->q_mtype, 0))
            snprintf(buf, cap, "%s", sqlite3_column_text(u->q_mtype, 0));
        sqlite3_reset(u->q_mtype);
    }
    if (!buf[0]) snprintf(buf, cap, "type %#x", (unsigned)v);
    return buf;
}

/* ticks -> µs of the row's run (cached per run); 0 when the DB has none. */
int ui_time_us(struct ui *u, int64_t run_id, int64_t ts, double *us)
{
    if (run_id != u->clk_run) {
        sqlite3_stmt *st;
        u->clk_run = run_id;
        u->clk_tpu = 0;
        if (sqlite3_prepare_v2(u->db, "SELECT ticks_per_us, t0 FROM run_time WHERE run_id = ?",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, run_id);
            if (sqlite3_step(st) == SQLITE_ROW) {
                u->clk_tpu = sqlite3_column_double(st, 0);
                u->clk_t0 = sqlite3_column_int64(st, 1);
            }
            sqlite3_finalize(st);
        }
    }
    if (u->clk_tpu <= 0) return 0;
    *us = clock_us(ts - u->clk_t0, u->clk_tpu);
    return 1;
}

static void peer_text(struct ui *u, const struct ev_row *r, char *out, size_t cap)
{
    char b[24];
    out[0] = 0;
    if (r->peer_null) return;
    ui_label(u, r->run_id, r->peer, b, sizeof b);
    if (!strcmp(u->tfam[r->type & 255], "ipc")) snprintf(out, cap, "> %s", b);
    else snprintf(out, cap, "%s=%s", u->pname[r->type & 255], b);
}

static void what_text(struct ui *u, const struct ev_row *r, char *out, size_t cap)
{
    char m[40] = "", st[32] = "";
    size_t n;
    if (!r->mtype_null) ui_mtype(u, r->m_type, m, sizeof m);
    if (r->status) ui_errno(u, r->status, st, sizeof st);
    n = (size_t)snprintf(out, cap, "%s%s%s", m, m[0] && r->text[0] ? " " : "", r->text);
    if (st[0] && n < cap) n += (size_t)snprintf(out + n, cap - n, "%s!%s", n ? " " : "", st);
    if (!r->call_null && n < cap)
        snprintf(out + n, cap - n, "%s#%lld", n ? " " : "", (long long)r->call_id);
}

void ui_row_header(struct ui *u, char *out, size_t cap)
{
    snprintf(out, cap, "%8s %11s %-13s %-10s %-16s %s", "id", u->clk_tpu > 0 ? "t(us)" : "ts",
             "event", "ep", "peer", "what !status #call");
}

void ui_row_text(struct ui *u, const struct ev_row *r, char *out, size_t cap)
{
    char a[24] = "", p[40], w[160], t[32];
    double us;
    if (!r->ep_null) ui_label(u, r->run_id, r->ep, a, sizeof a);
    peer_text(u, r, p, sizeof p);
    what_text(u, r, w, sizeof w);
    if (ui_time_us(u, r->run_id, r->ts, &us)) snprintf(t, sizeof t, "%.3f", us);
    else snprintf(t, sizeof t, "%lld", (long long)r->ts);
    const char *n = u->tname[r->type & 255][0] ? u->tname[r->type & 255] : "?";
    snprintf(out, cap, "%8lld %11s %-13.13s %-10.10s %-16.16s %s", (long long)r->id, t, n, a,
             p, w);
}
