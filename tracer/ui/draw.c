/* draw.c: screen rendering: list, detail pane, tables, status bar, help,
 * prompt.  Colours: one per event family, red for a non-OK status; with
 * NO_COLOR or a terminal without colours, errors are bold and the rest
 * plain (monochrome fallback). */
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"


void ui_colors(struct ui *u)
{
    u->mono = getenv("NO_COLOR") != NULL || !has_colors();
    if (u->mono) return;
    start_color();
    use_default_colors();
    init_pair(C_IPC, COLOR_CYAN, -1);
    init_pair(C_GRANT, COLOR_MAGENTA, -1);
    init_pair(C_SCHED, COLOR_BLUE, -1);
    init_pair(C_PROC, COLOR_GREEN, -1);
    init_pair(C_KCALL, COLOR_YELLOW, -1);
    init_pair(C_META, COLOR_WHITE, -1);
    init_pair(C_ERR, COLOR_RED, -1);
    init_pair(C_BAR, COLOR_BLACK, COLOR_CYAN);
    init_pair(C_SEL, COLOR_BLACK, COLOR_WHITE);
}

static int fam_attr(struct ui *u, const struct ev_row *r)
{
    const char *f = u->tfam[r->type & 255];
    if (r->status != 0) return u->mono ? A_BOLD : COLOR_PAIR(C_ERR) | A_BOLD;
    if (u->mono) return 0;
    if (!strcmp(f, "ipc")) return COLOR_PAIR(C_IPC);
    if (!strcmp(f, "grant")) return COLOR_PAIR(C_GRANT);
    if (!strcmp(f, "sched")) return COLOR_PAIR(C_SCHED);
    if (!strcmp(f, "proc")) return COLOR_PAIR(C_PROC);
    if (!strcmp(f, "kcall")) return COLOR_PAIR(C_KCALL);
    return COLOR_PAIR(C_META);
}

static void draw_list(struct ui *u)
{
    char line[512];
    for (int i = 0; i < u->list_h; i++) {
        move(1 + i, 0);
        clrtoeol();
        if (i >= u->npage) continue;
        const struct ev_row *r = &u->page[i];
        ui_row_text(u, r, line, sizeof line);
        int at = r->id == u->cur ? (int)A_REVERSE : fam_attr(u, r);
        attron(at);
        mvaddnstr(1 + i, 0, line, u->cols);
        attroff(at);
    }
    ui_row_header(u, line, sizeof line);     /* after the rows: it knows the clock */
    attron(A_BOLD);
    mvaddnstr(0, 0, line, u->cols);
    attroff(A_BOLD);
}

/* The record's flags by name (table rec_flag, from the trace's flag table),
 * or for an implied event (host-only bit 0x100; *implied set) the kernel
 * record it was folded into. */
static void flag_text(struct ui *u, int64_t id, char *out, size_t cap, int *implied)
{
    sqlite3_stmt *st;
    int64_t flags = 0;
    out[0] = 0;
    *implied = 0;
    char *sql = sqlite3_mprintf("SELECT flags FROM event WHERE id = %lld", (long long)id);
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) flags = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    *implied = (flags & 0x100) != 0;          /* TDEC_IMPLIED */
    if (*implied) {                           /* name the record it was folded into */
        snprintf(out, cap, "  [implied]");
        if (sqlite3_prepare_v2(u->db, "SELECT id, type FROM event WHERE id < ?1 AND flags & 256 "
                               "= 0 ORDER BY id DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, id);
            if (sqlite3_step(st) == SQLITE_ROW)
                snprintf(out, cap, "  [implied by %s id %lld]",
                         u->tname[sqlite3_column_int(st, 1) & 255], sqlite3_column_int64(st, 0));
            sqlite3_finalize(st);
        }
        return;
    }
    if (!flags) return;
    snprintf(out, cap, "  flags 0x%02llx", (long long)flags);
    if (sqlite3_prepare_v2(u->db, "SELECT group_concat(name, ' ') FROM (SELECT name FROM "
                           "rec_flag WHERE bit & ?1 ORDER BY bit)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, flags);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(out, cap, "  flags: %s", sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
}

static void draw_detail(struct ui *u, int y0)
{
    const struct ev_row *r = ui_current(u);
    mvhline(y0, 0, ACS_HLINE, u->cols);
    mvprintw(y0, 2, " detail ");
    for (int y = y0 + 1; y < u->rows - 1; y++) { move(y, 0); clrtoeol(); }
    if (!r) return;
    sqlite3_stmt *st;
    char *sql = sqlite3_mprintf("SELECT f.name, f.ftype, f.col FROM event_field f WHERE "
                                "f.type = %d ORDER BY f.idx", r->type);
    int y = y0 + 1, x = 0, implied;
    char fl[160];
    flag_text(u, r->id, fl, sizeof fl, &implied);
    double us;
    char when[64] = "";
    if (ui_time_us(u, r->run_id, r->ts, &us)) snprintf(when, sizeof when, " = %.3f us", us);
    mvprintw(y++, 0, "%s (id %lld, ts %lld ticks%s)%s", u->tname[r->type & 255],
             (long long)r->id, (long long)r->ts, when, fl);
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW && y < u->rows - 2) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            const char *ft = (const char *)sqlite3_column_text(st, 1);
            const char *col = (const char *)sqlite3_column_text(st, 2);
            char q[128], val[64] = "";
            snprintf(q, sizeof q, "SELECT %s FROM event WHERE id = %lld",
                     strcmp(col, "NULL") ? col : "NULL", (long long)r->id);
            sqlite3_stmt *v;
            if (sqlite3_prepare_v2(u->db, q, -1, &v, NULL) == SQLITE_OK) {
                if (sqlite3_step(v) == SQLITE_ROW && sqlite3_column_text(v, 0)) {
                    long long n = sqlite3_column_int64(v, 0);
                    if (!strcmp(ft, "endpoint")) ui_label(u, r->run_id, (int32_t)n, val, sizeof val);
                    else if (!strcmp(ft, "errno")) ui_errno(u, (int)n, val, sizeof val);
                    else if (!strcmp(ft, "mtype") || !strcmp(ft, "kcall")) {
                        char nm[40];                      /* name, then the raw number */
                        snprintf(val, sizeof val, "%s (%lld)", ui_mtype(u, (int32_t)n, nm,
                                 sizeof nm), n);
                    }
                    else if (!strcmp(ft, "hex") || !strcmp(ft, "addr"))
                        snprintf(val, sizeof val, "0x%llx", n & 0xffffffffll);
                    else snprintf(val, sizeof val, "%s", sqlite3_column_text(v, 0));
                } else if (implied && strcmp(ft, "callid")) {
                    snprintf(val, sizeof val, "?");       /* not in the kernel record */
                }
                sqlite3_finalize(v);
            }
            mvprintw(y, x, "%-14s %-20s", name, val);
            x += 36;
            if (x + 36 > u->cols) { x = 0; y++; }
        }
        sqlite3_finalize(st);
    }
    sqlite3_free(sql);
    if (x) y++;
    if (!r->call_null && y < u->rows - 1) {
        sql = sqlite3_mprintf("SELECT group_concat(t.name || '@' || e.id, ' -> ') FROM "
                              "(SELECT id, type FROM event WHERE run_id = %lld AND call_id = %lld "
                              "ORDER BY id LIMIT 12) e JOIN event_type t ON t.id = e.type",
                              (long long)r->run_id, (long long)r->call_id);
        if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                mvprintw(y, 0, "flow #%lld: %.*s", (long long)r->call_id, u->cols - 20,
                         sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
        sqlite3_free(sql);
    }
}

static void draw_table(struct ui *u)
{
    struct table *t = &u->tab;
    int h = u->rows - 2;
    if (t->cur < t->top) t->top = t->cur;
    if (t->cur >= t->top + h - 1) t->top = t->cur - h + 2;
    for (int y = 0; y < h; y++) {
        move(y, 0);
        clrtoeol();
        int r = y == 0 ? 0 : t->top + y;
        if (r >= t->nrow) continue;
        int x = 0;
        int at = y == 0 ? A_BOLD : (r == t->cur + 1 ? A_REVERSE : 0);
        attron(at);
        for (int i = 0; i < t->ncol && x < u->cols; i++) {
            mvprintw(y, x, "%-*.*s", t->w[i], t->w[i], t->cell[r * t->ncol + i]);
            x += t->w[i] + 2;
        }
        attroff(at);
    }
}

void ui_draw(struct ui *u)
{
    erase();
    if (u->view == V_EVENTS) {
        draw_list(u);
        if (u->detail) draw_detail(u, 1 + u->list_h);
    } else if (u->view == V_CHART) {
        chart_draw(u);
    } else {
        draw_table(u);
    }
    int at = u->mono ? A_REVERSE : COLOR_PAIR(C_BAR);
    attron(at);
    move(u->rows - 1, 0);
    for (int i = 0; i < u->cols; i++) addch(' ');
    if (u->msg[0])
        mvaddnstr(u->rows - 1, 0, u->msg, u->cols);
    else if (u->view == V_CHART)
        mvprintw(u->rows - 1, 0, " chart | run %lld | id %lld | cols %d-%d of %d | page %.2f ms | "
                 "l:flow h:back Enter:list q:back ?:help", (long long)u->ch.run_id,
                 u->ch.m.n ? (long long)u->ch.m.it[u->ch.cur].id : -1LL, u->ch.col0 + 1,
                 u->ch.col0 + ((u->cols - 12) / 16 < u->ch.m.ncol ? (u->cols - 12) / 16 : u->ch.m.ncol),
                 u->ch.m.ncol, u->ch.last_ms);
    else if (u->view == V_EVENTS)
        mvprintw(u->rows - 1, 0, " %lld/%lld | lost %lld | clock %s | %s%s%s | ?:help",
                 (long long)u->cur, (long long)u->last_id, (long long)u->lost, u->clock,
                 u->follow ? "FOLLOW | " : "", u->filter[0] ? "filter: " : "", u->filter);
    else
        mvprintw(u->rows - 1, 0, " %s | row %d/%d | Enter:open q:back ?:help", u->tab.title,
                 u->tab.cur + 1, u->tab.nrow - 1);
    attroff(at);
    refresh();
}

static const char *help_lines[] = {
    "Lantern trace browser - keys",
    "Columns: id = event id (gaps: lost records)   t(us) = microseconds since the run's",
    " first event (ts = raw ticks if the DB has no clock)   event = type   ep = acting",
    " endpoint   peer = other endpoint: '> dst' for IPC, else field=ep (parent=, by=,",
    " waits_for=, to=)   what = message type / kernel call name or text, !ERRNO if the",
    " status is not OK, #N = call id.  The detail pane shows every field and raw ticks.",
    " j/k, Down/Up       next/previous event      Space/PgDn, b/PgUp  page",
    " Ctrl-d/Ctrl-u      half page                g/Home, G/End       first/last",
    " /TEXT, n/N         search (event, label, errno, message type, text, call id)",
    " f                  filter: ep:vfs type:SAFECOPY family:grant errno:EPERM",
    "                    call:12 time:A..B, or any SQL over event columns; empty clears",
    " Enter              toggle the detail pane (fields, the call's flow); q closes it",
    " l or Right         follow the flow (request -> delivery -> grant ops -> reply)",
    " h, Left, Backspace back along the jump history",
    " o/O                next/previous event with the same call id",
    " F                  follow mode (stay at the end while the DB grows)",
    " 1 events  2 calls timeline  3 endpoints  4 grant lifetimes  5 sequence chart",
    " chart (5): a column per endpoint, time down, arrows = messages (type, latency),",
    "   [SYS_..] kernel call, v blocked (lifeline ':') ^ runs again; j/k Space/b g/G",
    "   / n N as above, Left/Right columns, l follow the flow, o/O same call, h back,",
    "   Enter: the event in the list",
    " ; or :             SQL prompt; the result opens as a table",
    " q                  back to the event list / quit   ?  this help",
    "",
    "Colours: ipc cyan, grant magenta, sched blue, proc green, kcall yellow,",
    "errors red (NO_COLOR=1 for monochrome: errors bold).   Press any key.",
};

void ui_help(struct ui *u)
{
    erase();
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0] && (int)i < u->rows; i++)
        mvaddnstr((int)i, 0, help_lines[i], u->cols);
    refresh();
    timeout(-1);
    getch();
}

int ui_prompt(struct ui *u, const char *label, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = 0;
    timeout(-1);
    curs_set(1);
    for (;;) {
        move(u->rows - 1, 0);
        clrtoeol();
        mvprintw(u->rows - 1, 0, "%s%s", label, buf);
        refresh();
        int c = getch();
        if (c == '\n' || c == KEY_ENTER) break;
        if (c == 27) { buf[0] = 0; curs_set(0); return -1; }
        if ((c == KEY_BACKSPACE || c == 127 || c == 8) && n) buf[--n] = 0;
        else if (c >= 32 && c < 127 && n + 1 < cap) { buf[n++] = (char)c; buf[n] = 0; }
    }
    curs_set(0);
    return 0;
}
