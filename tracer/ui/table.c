/* table.c: table views (calls timeline, endpoints, grants, SQL results).
 * A table holds at most UI_TABLE_MAX rows of text; the SQL decides order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

void table_free(struct table *t)
{
    for (int i = 0; i < t->nrow * t->ncol; i++) free(t->cell[i]);
    free(t->cell);
    t->cell = NULL;
    t->nrow = t->ncol = 0;
}

int table_load(struct ui *u, struct table *t, const char *title, const char *sql, int kind)
{
    sqlite3_stmt *st;
    table_free(t);
    if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(u->msg, sizeof u->msg, "SQL error: %s", sqlite3_errmsg(u->db));
        return -1;
    }
    snprintf(t->title, sizeof t->title, "%s", title);
    snprintf(t->sql, sizeof t->sql, "%s", sql);
    t->kind = kind;
    t->top = t->cur = 0;
    t->ncol = sqlite3_column_count(st);
    if (t->ncol > 32) t->ncol = 32;
    t->cell = calloc((size_t)(UI_TABLE_MAX + 1) * (size_t)(t->ncol ? t->ncol : 1), sizeof(char *));
    for (int i = 0; i < t->ncol; i++) {
        t->cell[i] = strdup(sqlite3_column_name(st, i));
        t->w[i] = (int)strlen(t->cell[i]);
    }
    t->nrow = 1;                                  /* row 0 = header */
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && t->nrow <= UI_TABLE_MAX) {
        for (int i = 0; i < t->ncol; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            char *c = strdup(v ? (const char *)v : "");
            for (char *p = c; *p; p++) if (*p < 32) *p = ' ';
            int l = (int)strlen(c);
            if (l > t->w[i]) t->w[i] = l > 30 ? 30 : l;
            t->cell[t->nrow * t->ncol + i] = c;
        }
        t->nrow++;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        snprintf(u->msg, sizeof u->msg, "SQL error: %s", sqlite3_errmsg(u->db));
    sqlite3_finalize(st);
    return 0;
}
