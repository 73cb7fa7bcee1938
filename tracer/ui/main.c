/* main.c: `lantern-trace ui`: event loop, key bindings, view switching.
 * The DB is opened read-only; in follow mode (F, or --follow) the list is
 * re-read every 200 ms and the cursor stays on the last event until the
 * user moves it.  KEY_RESIZE re-lays out the screen. */
#include <getopt.h>
#include <locale.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ui.h"
#include "../cli/cli.h"

static const char calls_sql[] =
    "SELECT call_id, op, caller, callee, m_type, status, latency_us, n_grant_ops AS grants,"
    " ev_send, substr('##############################', 1,"
    " CAST(30.0 * latency / max(1, (SELECT max(latency) FROM ipc_call)) AS INT) + 1) AS timeline"
    " FROM call_view ORDER BY run_id, %s LIMIT 5000";
static const char eps_sql[] =
    "SELECT e.run_id AS run, ep, coalesce(label, '') AS label, generation AS gen, n_events,"
    " n_sent, n_recv, round(blocked / k.ticks_per_us, 3) AS blocked_us, restarts, exited"
    " FROM endpoint e LEFT JOIN clock k ON k.run_id = e.run_id WHERE n_events > 0"
    " ORDER BY e.run_id, n_events DESC";
static const char grants_sql[] =
    "SELECT id, granter, grant_id, grantee, bytes, round(lifetime / k.ticks_per_us, 3) AS"
    " lifetime_us, n_ops, bytes_copied, n_errors, last_result, ev_create FROM grant_view g"
    " LEFT JOIN clock k ON k.run_id = g.run_id ORDER BY n_errors DESC, id LIMIT 5000";

static void layout(struct ui *u)
{
    getmaxyx(stdscr, u->rows, u->cols);
    int avail = u->rows - 2;
    u->list_h = u->detail ? avail * 3 / 5 : avail;
    if (u->list_h < 1) u->list_h = 1;
    if (u->list_h > UI_MAXROWS) u->list_h = UI_MAXROWS;
}

static void jump(struct ui *u, int64_t id)
{
    if (id < 0) { snprintf(u->msg, sizeof u->msg, "no flow from here"); return; }
    if (u->nhist < 64) u->hist[u->nhist++] = u->cur;
    u->view = 0;
    ui_goto(u, id);
}

static void open_view(struct ui *u, int v, int sort_latency)
{
    char sql[1024];
    if (v == 2) {
        snprintf(sql, sizeof sql, calls_sql, sort_latency ? "latency DESC" : "call_id");
        table_load(u, &u->tab, "calls timeline (s: sort by latency)", sql, TK_CALLS);
    } else if (v == 3) table_load(u, &u->tab, "endpoints", eps_sql, TK_EPS);
    else if (v == 4) table_load(u, &u->tab, "grant lifetimes", grants_sql, TK_GRANTS);
    u->view = v;
}

static void table_enter(struct ui *u)
{
    struct table *t = &u->tab;
    if (t->cur + 1 >= t->nrow) return;
    char **row = t->cell + (t->cur + 1) * t->ncol;
    char f[64];
    if (t->kind == TK_CALLS) jump(u, strtoll(row[8], NULL, 0));
    else if (t->kind == TK_GRANTS) jump(u, strtoll(row[10], NULL, 0));
    else if (t->kind == TK_EPS) {
        snprintf(f, sizeof f, "run:%.20s ep:%.20s", row[0], row[1]);
        u->view = 0;
        ui_set_filter(u, f);
    } else if (t->kind == TK_SQL) {
        for (int i = 0; i < t->ncol; i++)
            if (!strcmp(t->cell[i], "id")) { jump(u, strtoll(row[i], NULL, 0)); break; }
    }
}

static int table_key(struct ui *u, int c)
{
    struct table *t = &u->tab;
    int n = t->nrow - 1, h = u->rows - 3;
    switch (c) {
    case 'j': case KEY_DOWN: t->cur++; break;
    case 'k': case KEY_UP: t->cur--; break;
    case ' ': case KEY_NPAGE: case 4: t->cur += h; break;
    case 'b': case KEY_PPAGE: case 21: t->cur -= h; break;
    case 'g': case KEY_HOME: t->cur = 0; break;
    case 'G': case KEY_END: t->cur = n - 1; break;
    case 's': if (t->kind == TK_CALLS) open_view(u, 2, 1); break;
    case '\n': case KEY_ENTER: case 'l': table_enter(u); break;
    case 'q': case 27: case '1': u->view = 0; break;
    default: return 0;
    }
    if (t->cur >= n) t->cur = n - 1;
    if (t->cur < 0) t->cur = 0;
    return 1;
}

static void sql_prompt(struct ui *u)
{
    char q[1000];
    if (ui_prompt(u, "SQL> ", q, sizeof q) || !q[0]) return;
    if (table_load(u, &u->tab, "SQL result (Enter on a row with an id column jumps)", q, TK_SQL) == 0)
        u->view = V_SQL;
}

static int list_key(struct ui *u, int c)
{
    char buf[256];
    int64_t half = u->list_h / 2 > 0 ? u->list_h / 2 : 1;
    switch (c) {
    case 'j': case KEY_DOWN: ui_move(u, 1); break;
    case 'k': case KEY_UP: ui_move(u, -1); u->follow = 0; break;
    case ' ': case KEY_NPAGE: case 'f' | 0x100: ui_move(u, u->list_h); break;
    case 'b': case KEY_PPAGE: ui_move(u, -u->list_h); u->follow = 0; break;
    case 4: ui_move(u, half); break;
    case 21: ui_move(u, -half); u->follow = 0; break;
    case 'g': case KEY_HOME: ui_goto(u, 0); u->follow = 0; break;
    case 'G': case KEY_END: ui_end(u); break;
    case '/':
        if (!ui_prompt(u, "/", buf, sizeof buf) && buf[0]) {
            memcpy(u->search, buf, sizeof u->search);
            ui_search(u, 1);
        }
        break;
    case 'n': ui_search(u, 1); break;
    case 'N': ui_search(u, -1); break;
    case 'f':
        if (!ui_prompt(u, "filter: ", buf, sizeof buf)) ui_set_filter(u, buf);
        break;
    case '\n': case KEY_ENTER: u->detail = !u->detail; layout(u); ui_goto(u, u->cur); break;
    case 'l': case KEY_RIGHT: {
        int64_t t = ui_flow_target(u);
        jump(u, t >= 0 ? t : ui_next_same_call(u, 1));
        break;
    }
    case 'h': case KEY_LEFT: case KEY_BACKSPACE: case 127:
        if (u->nhist) ui_goto(u, u->hist[--u->nhist]);
        else snprintf(u->msg, sizeof u->msg, "history is empty");
        break;
    case 'o': jump(u, ui_next_same_call(u, 1)); break;
    case 'O': jump(u, ui_next_same_call(u, -1)); break;
    case 'F': u->follow = !u->follow; if (u->follow) ui_end(u); break;
    default: return 0;
    }
    return 1;
}

static void tick(struct ui *u)
{
    int64_t old = u->last_id;
    ui_refresh_counts(u);
    if (u->last_id != old) {
        ui_dicts(u);
        if (u->follow) ui_end(u); else ui_fetch(u);
    }
}

static int loop(struct ui *u)
{
    for (;;) {
        ui_draw(u);
        timeout(u->follow ? 200 : 1000);
        int c = getch();
        if (c == ERR) { tick(u); continue; }
        u->msg[0] = 0;
        if (c == KEY_RESIZE) {
            layout(u);
            ui_goto(u, u->cur);
            if (u->view == V_CHART) chart_fetch(u);
            continue;
        }
        if (c == '?' || c == KEY_F(1)) { ui_help(u); continue; }
        if (c == ';' || c == ':') { sql_prompt(u); continue; }
        if (c >= '2' && c <= '4') { open_view(u, c - '0', 0); continue; }
        if (c == '5') {
            if (u->view == V_EVENTS) chart_open(u);
            else if (u->view != V_CHART) snprintf(u->msg, sizeof u->msg, "5: from the event list");
            continue;
        }
        if (u->view == V_CHART) {
            if (c == 'q' || c == 27 || c == '1') u->view = V_EVENTS;
            else if (!chart_key(u, c)) snprintf(u->msg, sizeof u->msg, "unknown key (? for help)");
            continue;
        }
        if (u->view) { table_key(u, c); continue; }
        if (c == '1') continue;
        if (c == 'q' && u->detail) { list_key(u, '\n'); continue; }   /* close the pane first */
        if (c == 'q') return 0;
        if (!list_key(u, c)) snprintf(u->msg, sizeof u->msg, "unknown key (? for help)");
    }
}

int ui_main(const char *path, int follow)
{
    static struct ui u;
    memset(&u, 0, sizeof u);
    if (sqlite3_open_v2(path, &u.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace ui: %s: %s\n", path, sqlite3_errmsg(u.db));
        return 1;
    }
    sqlite3_busy_timeout(u.db, 2000);
    u.path = path;
    snprintf(u.where, sizeof u.where, "1");
    if (ui_dicts(&u)) {
        fprintf(stderr, "lantern-trace ui: %s is not a trace database\n", path);
        return 1;
    }
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    ui_colors(&u);
    layout(&u);
    ui_refresh_counts(&u);
    u.follow = follow;
    if (follow) ui_end(&u); else ui_goto(&u, 0);
    int rc = loop(&u);
    endwin();
    table_free(&u.tab);
    chart_close(&u);
    ui_close(&u);
    return rc;
}

int cmd_ui(int argc, char **argv)
{
    static const struct option lo[] = {
        { "follow", 0, 0, 'F' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    int c, follow = 0;
    while ((c = getopt_long(argc, argv, "Fh", lo, NULL)) != -1) {
        if (c == 'F') follow = 1;
        else if (c == 'h') {
            puts("usage: lantern-trace ui [--follow] DB\n\n"
                 "Browse a trace database.  Works on a DB that is still being written\n"
                 "(--follow starts in follow mode).  Press ? inside for the keys.");
            return 0;
        } else return usage_error("ui", "bad option");
    }
    if (optind != argc - 1) return usage_error("ui", "need DB");
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {    /* ncurses would write escapes */
        fprintf(stderr, "lantern-trace ui: needs a terminal (stdin and stdout); for scripts "
                "use `lantern-trace query` or `stats`\n");
        return 2;
    }
    return ui_main(argv[optind], follow);
}
