/* table.c: print the rows of one SQL statement as an aligned table, CSV
 * (RFC 4180 quoting) or JSON (array of objects).  Table mode buffers the
 * rows to size the columns; CSV and JSON stream. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

#define MAXW 40

static void csv_cell(FILE *out, const char *v)
{
    if (!strpbrk(v, ",\"\n\r")) { fputs(v, out); return; }
    fputc('"', out);
    for (; *v; v++) { if (*v == '"') fputc('"', out); fputc(*v, out); }
    fputc('"', out);
}

static void json_str(FILE *out, const char *v)
{
    fputc('"', out);
    for (; *v; v++) {
        unsigned char c = (unsigned char)*v;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

static void json_row(sqlite3_stmt *st, FILE *out, int first)
{
    int n = sqlite3_column_count(st);
    fputs(first ? "[\n  {" : ",\n  {", out);
    for (int i = 0; i < n; i++) {
        if (i) fputs(", ", out);
        json_str(out, sqlite3_column_name(st, i));
        fputs(": ", out);
        int t = sqlite3_column_type(st, i);
        const char *v = (const char *)sqlite3_column_text(st, i);
        if (t == SQLITE_NULL) fputs("null", out);
        else if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) fputs(v, out);
        else json_str(out, v);
    }
    fputc('}', out);
}

struct grid { char **cell; int ncol, nrow, cap; int w[64]; };

static void grid_add(struct grid *g, sqlite3_stmt *st)
{
    if (g->nrow == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->cell = realloc(g->cell, sizeof(char *) * (size_t)g->cap * (size_t)g->ncol);
    }
    for (int i = 0; i < g->ncol; i++) {
        const char *v = (const char *)sqlite3_column_text(st, i);
        char *c = strdup(v ? v : "");
        for (char *p = c; *p; p++) if (*p == '\n' || *p == '\t') *p = ' ';
        g->cell[g->nrow * g->ncol + i] = c;
        int len = (int)strlen(c);
        if (i < 64 && len > g->w[i]) g->w[i] = len > MAXW ? MAXW : len;
    }
    g->nrow++;
}

static void grid_print(struct grid *g, sqlite3_stmt *st, FILE *out)
{
    for (int i = 0; i < g->ncol && i < 64; i++)
        fprintf(out, "%s%-*.*s", i ? "  " : "", g->w[i], MAXW, sqlite3_column_name(st, i));
    fputc('\n', out);
    for (int i = 0; i < g->ncol && i < 64; i++) {
        fputs(i ? "  " : "", out);
        for (int k = 0; k < g->w[i]; k++) fputc('-', out);
    }
    fputc('\n', out);
    for (int r = 0; r < g->nrow; r++) {
        for (int i = 0; i < g->ncol && i < 64; i++)
            fprintf(out, "%s%-*.*s", i ? "  " : "", g->w[i], MAXW, g->cell[r * g->ncol + i]);
        fputc('\n', out);
    }
    fprintf(out, "(%d row%s)\n", g->nrow, g->nrow == 1 ? "" : "s");
    for (int i = 0; i < g->nrow * g->ncol; i++) free(g->cell[i]);
    free(g->cell);
}

static void bind_params(sqlite3_stmt *st, const char **params, int np)
{
    for (int i = 0; i < np && i < sqlite3_bind_parameter_count(st); i++) {
        char *end;
        long long v = strtoll(params[i], &end, 0);
        if (*params[i] && !*end) sqlite3_bind_int64(st, i + 1, v);
        else sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
    }
}

static int run_one(sqlite3 *db, sqlite3_stmt *st, enum tfmt fmt, FILE *out)
{
    struct grid g = { .ncol = sqlite3_column_count(st) };
    for (int i = 0; i < g.ncol && i < 64; i++) {
        int l = (int)strlen(sqlite3_column_name(st, i));
        g.w[i] = l > MAXW ? MAXW : l;
    }
    int rc, nrow = 0;
    if (fmt == TFMT_CSV)
        for (int i = 0; i < g.ncol; i++) {
            if (i) fputc(',', out);
            csv_cell(out, sqlite3_column_name(st, i));
        }
    if (fmt == TFMT_CSV && g.ncol) fputc('\n', out);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (fmt == TFMT_TABLE) grid_add(&g, st);
        else if (fmt == TFMT_JSON) json_row(st, out, nrow == 0);
        else {
            for (int i = 0; i < g.ncol; i++) {
                const char *v = (const char *)sqlite3_column_text(st, i);
                if (i) fputc(',', out);
                csv_cell(out, v ? v : "");
            }
            fputc('\n', out);
        }
        nrow++;
    }
    if (fmt == TFMT_JSON) fputs(nrow ? "\n]\n" : "[]\n", out);
    if (fmt == TFMT_TABLE && g.ncol) grid_print(&g, st, out);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "lantern-trace: query: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

int print_query(sqlite3 *db, const char *sql, enum tfmt fmt, FILE *out,
                const char **params, int nparams)
{
    const char *tail = sql;
    while (tail && *tail) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
            fprintf(stderr, "lantern-trace: query: %s\n", sqlite3_errmsg(db));
            return -1;
        }
        if (!st) break;                         /* trailing whitespace */
        bind_params(st, params, nparams);
        int rc = run_one(db, st, fmt, out);
        sqlite3_finalize(st);
        if (rc) return -1;
    }
    return 0;
}
