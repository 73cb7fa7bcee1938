/* chart.c: the sequence-chart view (key 5): one column per endpoint (the
 * run's busiest first, the same on every page), time going down, one row
 * per message, kernel call, block and unblock (pics/msc.h), with the time in
 * µs on the left.  A message is an arrow from sender to receiver labelled
 * with its type and the call's latency; an arrow to an endpoint that is
 * scrolled off the screen runs to the edge and names it.  A lifeline is
 * ':' while its endpoint is blocked.
 *
 * Paging is keyset: a page is msc_load(from = top, LIMIT rows), and moving
 * up asks msc_back for the ids before top, so a page costs the same at any
 * depth.  Keys: j/k, Space/b, Ctrl-d/u, g/G, / n N as in the event list; Left/Right
 * scroll the columns; l follows the flow (request -> delivery -> reply ...)
 * to the next chart row, o/O the same call id, h goes back; Enter opens the
 * event in the event list; q back to the list. */
#include <ncurses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "ui.h"

#define TCOL 12              /* time column */
#define CW   16              /* column width */

static double ms_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int page_rows(struct ui *u) { return u->rows - 3 > 1 ? u->rows - 3 : 1; }
static int ncols_fit(struct ui *u) { int n = (u->cols - TCOL) / CW; return n > 0 ? n : 1; }


/* The run's endpoints, busiest first: stable columns for every page. */
static void seed_columns(struct ui *u)
{
    struct chart *c = &u->ch;
    sqlite3_stmt *st;
    c->nseed = 0;
    /* a label two endpoints share (a restarted service) gets the endpoint */
    if (sqlite3_prepare_v2(u->db, "SELECT ep, CASE WHEN label IS NULL THEN 'ep ' || ep WHEN (SELECT "
                           "count(*) FROM endpoint d WHERE d.run_id = e.run_id AND d.label = "
                           "e.label AND d.n_events > 0) > 1 THEN label || '/' || ep ELSE label END "
                           "FROM endpoint e WHERE run_id = ?1 AND n_events > 0 "
                           "ORDER BY n_events DESC, ep LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, c->run_id);
    sqlite3_bind_int(st, 2, MSC_MAXCOL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        c->seed[c->nseed].ep = sqlite3_column_int(st, 0);
        snprintf(c->seed[c->nseed].label, sizeof c->seed[0].label, "%s", sqlite3_column_text(st, 1));
        c->nseed++;
    }
    sqlite3_finalize(st);
}

int chart_fetch(struct ui *u)
{
    struct chart *c = &u->ch;
    struct msc_opts o = { .run_id = c->run_id, .from = c->top, .to = -1,
                          .max_rows = page_rows(u), .seed = c->seed, .nseed = c->nseed };
    double t0 = ms_now();
    msc_free(&c->m);
    int rc = msc_load(u->db, &o, &c->m);
    c->last_ms = ms_now() - t0;
    if (rc) snprintf(u->msg, sizeof u->msg, "chart: %s", c->m.err);
    if (c->cur >= c->m.n) c->cur = c->m.n ? c->m.n - 1 : 0;
    return rc;
}

/* Show the chart row at or after id, a third of a page down when it can. */
static void chart_at(struct ui *u, int64_t id)
{
    struct chart *c = &u->ch;
    c->top = msc_back(u->db, c->run_id, id, page_rows(u) / 3);
    c->cur = 0;
    chart_fetch(u);
    if (c->m.n < page_rows(u) && c->m.n) {        /* near the end: fill the page upwards */
        c->top = msc_back(u->db, c->run_id, c->m.it[c->m.n - 1].id + 1, page_rows(u));
        chart_fetch(u);
    }
    for (int i = 0; i < c->m.n; i++)
        if (c->m.it[i].id >= id) { c->cur = i; break; }
}

void chart_open(struct ui *u)
{
    struct chart *c = &u->ch;
    c->run_id = ui_q1(u, "SELECT run_id FROM event WHERE id >= ?1 ORDER BY id LIMIT 1", u->cur, 0, 0);
    if (!c->run_id) c->run_id = ui_q1(u, "SELECT max(run_id) FROM run", 0, 0, 1);
    c->col0 = 0;
    seed_columns(u);
    u->view = V_CHART;
    chart_at(u, u->cur);
}

void chart_close(struct ui *u)
{
    msc_free(&u->ch.m);
}

/* ---- drawing ------------------------------------------------------------ */
/* x of column col on screen, or -1 left of the view, -2 right of it */
static int colx(struct ui *u, int col)
{
    int v = col - u->ch.col0;
    if (v < 0) return -1;
    if (v >= ncols_fit(u)) return -2;
    return TCOL + v * CW + CW / 2;
}

static int blocked_at(const struct msc *m, int col, int row)
{
    for (int i = 0; i <= row; i++) {
        const struct msc_item *it = &m->it[i];
        if (it->kind == MSC_BLOCK && it->from == col && (it->end_row < 0 || it->end_row > row))
            return 1;
    }
    return 0;
}

static void put(char *line, int w, int x, const char *s)
{
    for (; *s && x < w; s++, x++)
        if (x >= 0) line[x] = *s;
}

static void arrow(struct ui *u, char *line, int w, const struct msc_item *it)
{
    const struct msc *m = &u->ch.m;
    int x1 = colx(u, it->from), x2 = colx(u, it->to);
    char lab[96];
    size_t n = (size_t)snprintf(lab, sizeof lab, "%s", it->label);
    if (it->lat_us >= 0) n += (size_t)snprintf(lab + n, sizeof lab - n, " %.1fus", it->lat_us);
    if (x2 < 0) n += (size_t)snprintf(lab + n, sizeof lab - n, " %s%s", x2 == -1 ? "<" : ">",
                                      m->col[it->to].label);
    if (x1 < 0 && n < sizeof lab)                   /* the sender is off-screen: name it */
        snprintf(lab + n, sizeof lab - n, " from %s", m->col[it->from].label);
    if (x1 < 0 && x2 < 0) { put(line, w, TCOL, lab); return; }   /* both ends off-screen */
    if (x1 < 0) x1 = x1 == -1 ? TCOL : w - 1;
    if (x2 < 0) x2 = x2 == -1 ? TCOL : w - 1;
    if (x1 == x2) { put(line, w, x1 + 1, "<-'"); put(line, w, x1 + 5, lab); return; }
    int a = x1 < x2 ? x1 : x2, b = x1 < x2 ? x2 : x1;
    for (int x = a + 1; x < b; x++) line[x] = it->notify ? '.' : '-';
    line[x1 < x2 ? b - 1 : a + 1] = x1 < x2 ? '>' : '<';
    int room = b - a - 3, len = (int)strlen(lab);
    if (room >= 4) {
        if (len > room) lab[room] = 0, len = room;
        put(line, w, a + 2 + (room - len) / 2, lab);
    } else put(line, w, b + 2, lab);
}

static void mark(struct ui *u, char *line, int w, const struct msc_item *it)
{
    int x = colx(u, it->from);
    char lab[80];
    snprintf(lab, sizeof lab, it->kind == MSC_KCALL ? "[%s]" : "%s", it->label);
    if (x == -1) { put(line, w, TCOL, "<< "); put(line, w, TCOL + 3, lab); return; }
    if (x == -2) { put(line, w, w - (int)strlen(lab) - 3, lab); put(line, w, w - 3, " >>"); return; }
    line[x] = it->kind == MSC_KCALL ? '*' : it->kind == MSC_BLOCK ? 'v' : '^';
    put(line, w, x + 2, lab);
}

static int row_attr(struct ui *u, const struct msc_item *it)
{
    if (u->mono) return it->failed ? A_BOLD : 0;
    if (it->failed) return COLOR_PAIR(C_ERR);
    return COLOR_PAIR(it->kind == MSC_MSG ? C_IPC : it->kind == MSC_KCALL ? C_KCALL : C_SCHED);
}

static void chart_row(struct ui *u, int r, int y)
{
    const struct msc *m = &u->ch.m;
    char line[600];
    int w = u->cols < (int)sizeof line - 1 ? u->cols : (int)sizeof line - 1;
    memset(line, ' ', (size_t)w);
    line[w] = 0;
    char t[32];
    snprintf(t, sizeof t, "%*.3f", TCOL - 1, msc_time(m, r));
    put(line, w, 0, t);
    for (int c = 0; c < m->ncol; c++) {
        int x = colx(u, c);
        if (x >= 0 && x < w) line[x] = blocked_at(m, c, r) ? ':' : '|';
    }
    const struct msc_item *it = &m->it[r];
    if (it->kind == MSC_MSG) arrow(u, line, w, it);
    else mark(u, line, w, it);
    int at = r == u->ch.cur ? (int)A_REVERSE : row_attr(u, it);
    attron(at);
    mvaddnstr(y, 0, line, w);
    attroff(at);
}

void chart_draw(struct ui *u)
{
    const struct msc *m = &u->ch.m;
    attron(A_BOLD);
    mvprintw(0, 0, "%*s", TCOL - 1, m->tpu > 0 ? "t(us)" : "ts");
    for (int c = 0; c < m->ncol; c++) {
        int x = colx(u, c);
        if (x < 0) continue;
        int l = (int)strlen(m->col[c].label);
        if (l > CW - 1) l = CW - 1;
        mvaddnstr(0, x - l / 2, m->col[c].label, l);
    }
    attroff(A_BOLD);
    mvhline(1, 0, ACS_HLINE, u->cols);
    for (int r = 0; r < m->n && 2 + r < u->rows - 1; r++) chart_row(u, r, 2 + r);
}

/* ---- moving --------------------------------------------------------------- */
static void move_rows(struct ui *u, int delta)
{
    struct chart *c = &u->ch;
    int h = page_rows(u), want = c->cur + delta;
    if (want < 0) {                                   /* above the page: rows before top */
        c->top = msc_back(u->db, c->run_id, c->m.n ? c->m.it[0].id : c->top, -want);
        c->cur = 0;
    } else if (want >= h && c->m.n == h) {            /* below a full page: scroll */
        int shift = want - h + 1;
        if (shift < c->m.n) c->top = c->m.it[shift].id;
        else if (c->m.next_id >= 0) c->top = c->m.next_id;
        c->cur = h - 1;
    } else c->cur = want;
    chart_fetch(u);
}

static void page(struct ui *u, int down)
{
    struct chart *c = &u->ch;
    if (down && c->m.next_id >= 0) c->top = c->m.next_id;
    else if (!down) c->top = msc_back(u->db, c->run_id, c->m.n ? c->m.it[0].id : c->top, page_rows(u));
    chart_fetch(u);
}

static const struct msc_item *current(struct ui *u)
{
    return u->ch.m.n ? &u->ch.m.it[u->ch.cur] : NULL;
}

/* Where the flow from the current row goes next as a chart row: follow
 * flow edges (send -> delivery -> reply -> ...) over events that are not
 * rows (a delivery), at most 8 steps. */
static int64_t flow_next(struct ui *u, int64_t id)
{
    for (int step = 0; step < 8; step++) {
        id = ui_q1(u, "SELECT ev_to FROM flow WHERE ev_from = ?1 ORDER BY ev_to LIMIT 1", id, 0, -1);
        if (id < 0) return -1;
        struct msc probe;
        struct msc_opts o = { .run_id = u->ch.run_id, .from = id, .to = id, .max_rows = 1 };
        int hit = msc_load(u->db, &o, &probe) == 0 && probe.n == 1;
        msc_free(&probe);
        if (hit) return id;
    }
    return -1;
}

static int64_t same_call(struct ui *u, const struct msc_item *it, int dir)
{
    if (!it->call_id) return -1;
    char *sql = sqlite3_mprintf("SELECT id FROM event WHERE run_id = %lld AND call_id = ?2 AND "
                                "id %s ?1 ORDER BY id %s LIMIT 1", (long long)u->ch.run_id,
                                dir > 0 ? ">" : "<", dir > 0 ? "" : "DESC");
    int64_t v = ui_q1(u, sql, it->id, it->call_id, -1);
    sqlite3_free(sql);
    return v;
}

static void jump(struct ui *u, int64_t id, const char *none)
{
    const struct msc_item *it = current(u);
    if (id < 0) { snprintf(u->msg, sizeof u->msg, "%s", none); return; }
    if (it && u->nhist < 64) u->hist[u->nhist++] = it->id;
    chart_at(u, id);
}

static void hscroll(struct ui *u, int d)
{
    int max = u->ch.m.ncol - ncols_fit(u);
    u->ch.col0 += d;
    if (u->ch.col0 > max) u->ch.col0 = max;
    if (u->ch.col0 < 0) u->ch.col0 = 0;
}

/* `/`, n, N: the event list's search (ui_search) from the current row; the
 * chart then shows the first row at or after the hit. */
static void search(struct ui *u, int c)
{
    const struct msc_item *it = current(u);
    char buf[256];
    if (c == '/') {
        if (ui_prompt(u, "/", buf, sizeof buf) || !buf[0]) return;
        memcpy(u->search, buf, sizeof u->search);
    }
    if (!it) return;
    u->cur = it->id;
    if (ui_search(u, c == 'N' ? -1 : 1) == 0) jump(u, u->cur, "");
}

int chart_key(struct ui *u, int c)
{
    const struct msc_item *it = current(u);
    int h = page_rows(u);
    switch (c) {
    case 'j': case KEY_DOWN: move_rows(u, 1); break;
    case 'k': case KEY_UP: move_rows(u, -1); break;
    case ' ': case KEY_NPAGE: page(u, 1); break;
    case 'b': case KEY_PPAGE: page(u, 0); break;
    case 4: move_rows(u, h / 2); break;
    case 21: move_rows(u, -h / 2); break;
    case 'g': case KEY_HOME: u->ch.top = 0; u->ch.cur = 0; chart_fetch(u); break;
    case 'G': case KEY_END:
        u->ch.top = msc_back(u->db, u->ch.run_id, INT64_MAX, h);
        u->ch.cur = h;
        chart_fetch(u);
        break;
    case KEY_RIGHT: hscroll(u, 1); break;
    case KEY_LEFT: hscroll(u, -1); break;
    case 'l': if (it) jump(u, flow_next(u, it->id), "no flow from here"); break;
    case 'o': case 'O': if (it) jump(u, same_call(u, it, c == 'o' ? 1 : -1), "no other event of this call"); break;
    case 'h': case KEY_BACKSPACE: case 127:
        if (u->nhist) chart_at(u, u->hist[--u->nhist]);
        else snprintf(u->msg, sizeof u->msg, "history is empty");
        break;
    case '/': case 'n': case 'N': search(u, c); break;
    case '\n': case KEY_ENTER:
        if (it) { u->view = V_EVENTS; ui_goto(u, it->id); }
        break;
    default: return 0;
    }
    return 1;
}
