/* ui.h: the ncurses trace browser.
 *
 * Views: EVENTS (virtual list over `event`, keyset paging: a page is always
 * `WHERE id >= top ... ORDER BY id LIMIT rows`, never OFFSET, so any depth
 * costs the same), and table views (calls timeline, endpoints, grants, SQL
 * results) that hold at most UI_TABLE_MAX rows in memory.
 * Names (event types, families, labels, errno) come from the DB's own
 * dictionary tables, loaded at start and after each follow refresh.
 * Endpoint labels and call ids are per run: lookups carry the row's run_id. */
#ifndef TRACER_UI_H
#define TRACER_UI_H
#include <sqlite3.h>
#include <stdint.h>

#include "../pics/msc.h"

#define UI_TABLE_MAX 5000
#define UI_MAXROWS   512

struct ev_row {
    int64_t id, ts, call_id, run_id;
    int type, ep_null, peer_null, call_null, mtype_null, status;
    int32_t ep, peer, m_type;
    char text[64];
};

struct table {
    char title[64];
    char sql[1024];
    int ncol, nrow, top, cur;
    char **cell;              /* nrow x ncol */
    int w[32];
    int kind;                 /* what Enter does: TK_* */
};
enum { TK_NONE, TK_CALLS, TK_EPS, TK_GRANTS, TK_SQL };
/* views: 0 events, 2..4 tables by key, V_CHART (key 5), V_SQL (SQL result) */
enum { V_EVENTS = 0, V_CHART = 5, V_SQL = 9 };
/* colour pairs (draw.c ui_colors) */
enum { C_IPC = 1, C_GRANT, C_SCHED, C_PROC, C_KCALL, C_META, C_ERR, C_BAR, C_SEL };

/* The sequence-chart view (chart.c): one page of a struct msc, keyset paged
 * by the id of its first row, so any depth costs the same. */
struct chart {
    struct msc m;
    int64_t top, run_id;      /* first row's id (or a lower bound of it), the run */
    int cur, col0;            /* cursor row on the page, first visible column */
    struct msc_col seed[MSC_MAXCOL];   /* the run's endpoints, busiest first: columns */
    int nseed;
    double last_ms;           /* time the last page load took (status bar, bench) */
};

struct ui {
    sqlite3 *db;
    sqlite3_stmt *q_label;    /* cached label lookup (ui_label); ui_close ends it */
    sqlite3_stmt *q_mtype;    /* cached m_type name lookup (ui_mtype) */
    int64_t clk_run, clk_t0;  /* µs conversion of run clk_run (row.c); -1: none yet */
    double clk_tpu;           /* ticks per µs, 0: the DB has no conversion */
    const char *path;
    int rows, cols, list_h, detail, follow, mono, view;
    int64_t top, cur, last_id, first_id, n_events;
    char filter[256], where[1024], search[256], msg[256];
    struct ev_row page[UI_MAXROWS];
    int npage;
    int64_t hist[64];
    int nhist;
    struct table tab;
    struct chart ch;
    /* dictionaries */
    char tname[256][24];
    char tfam[256][8];
    char pname[256][16];      /* field shown in the peer column, per type */
    char clock[16];
    int64_t lost;
};

/* list.c */
int  ui_dicts(struct ui *u);
const char *ui_label(struct ui *u, int64_t run_id, int32_t ep, char *buf, size_t cap);
const char *ui_errno(struct ui *u, int code, char *buf, size_t cap);
void ui_close(struct ui *u);   /* finalize cached statements, close the DB */
int  ui_fetch(struct ui *u);
/* first column of the first row of sql (?1 = a, ?2 = b), or dflt (list.c) */
int64_t ui_q1(struct ui *u, const char *sql, int64_t a, int64_t b, int64_t dflt);
void ui_goto(struct ui *u, int64_t id);
void ui_move(struct ui *u, int64_t delta);
void ui_end(struct ui *u);
int  ui_search(struct ui *u, int dir);
int  ui_set_filter(struct ui *u, const char *f);
int64_t ui_next_same_call(struct ui *u, int dir);
int64_t ui_flow_target(struct ui *u);
void ui_refresh_counts(struct ui *u);
const struct ev_row *ui_current(struct ui *u);

/* row.c: an event as a list line (column meanings there and in `?`) */
const char *ui_mtype(struct ui *u, int32_t v, char *buf, size_t cap);
int  ui_time_us(struct ui *u, int64_t run_id, int64_t ts, double *us);
void ui_row_header(struct ui *u, char *out, size_t cap);
void ui_row_text(struct ui *u, const struct ev_row *r, char *out, size_t cap);
double clock_us(int64_t ticks, double ticks_per_us);   /* store/clock.c */

/* table.c */
int  table_load(struct ui *u, struct table *t, const char *title, const char *sql, int kind);
void table_free(struct table *t);

/* chart.c */
void chart_open(struct ui *u);                 /* at the event list's cursor */
int  chart_fetch(struct ui *u);
void chart_draw(struct ui *u);
int  chart_key(struct ui *u, int c);           /* 0: not a chart key */
void chart_close(struct ui *u);

/* draw.c */
void ui_colors(struct ui *u);
void ui_draw(struct ui *u);
void ui_help(struct ui *u);
int  ui_prompt(struct ui *u, const char *label, char *buf, size_t cap);

int  ui_main(const char *db, int follow);

#endif
