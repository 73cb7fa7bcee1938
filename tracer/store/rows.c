/* rows.c: buffered multi-row INSERTs (event rows and the derived tables).
 *
 * A row is built in C (integer values plus a mask of the non-NULL columns)
 * and buffered; a full buffer is written by ONE execution of a multi-row
 * INSERT, so statement start, cursor open and halt are paid once per
 * buffer (up to RB_ROWS rows, fewer if SQLite allows fewer parameters).
 * Parameters keep their value between executions, so a row binds only the
 * non-NULL columns whose value differs from what its slot had, plus NULL
 * for those the slot had set: no sqlite3_clear_bindings().  A text column
 * is bound SQLITE_STATIC (the buffer outlives the step).
 * Invariants: a buffer's rows reach its table in the order they were
 * added; callers flush before anything reads the table and before COMMIT;
 * after a failed INSERT every later flush fails too (rows were lost). */
#include <stdlib.h>
#include <string.h>
#include "store.h"

#define RB_ROWS 64
#define RB_TEXT (TRACE_REC_WORDS * 4 + 1)

struct rb_row {
    uint32_t set;                          /* bit c: column c is not NULL */
    int      tl;                           /* text length */
    int64_t  v[RB_MAXCOLS];
    char     text[RB_TEXT];
};

struct rowbuf {
    sqlite3 *db;
    const char *what;
    sqlite3_stmt *many, *one;              /* `rows` rows / one row */
    int ncols, text_col, rows, n, err;
    uint32_t bound_many[RB_ROWS], bound_one;
    int64_t  last_many[RB_ROWS][RB_MAXCOLS], last_one[RB_MAXCOLS];   /* bound values */
    struct rb_row row[RB_ROWS];
};

/* head: "INSERT ... INTO table(col, ...)" naming ncols columns */
static sqlite3_stmt *prepare_rows(sqlite3 *db, const char *head, int ncols, int rows)
{
    size_t cap = strlen(head) + 16 + (size_t)rows * ((size_t)ncols * 2 + 3), n;
    char *sql = malloc(cap);
    sqlite3_stmt *st = NULL;
    if (!sql) return NULL;
    n = (size_t)snprintf(sql, cap, "%s VALUES", head);
    for (int r = 0; r < rows; r++) {
        n += (size_t)snprintf(sql + n, cap - n, "%s(?", r ? "," : "");
        for (int c = 1; c < ncols; c++) n += (size_t)snprintf(sql + n, cap - n, ",?");
        n += (size_t)snprintf(sql + n, cap - n, ")");
    }
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: prepare: %s\n", sqlite3_errmsg(db));
        st = NULL;
    }
    free(sql);
    return st;
}

struct rowbuf *rowbuf_new(sqlite3 *db, const char *what, const char *head, int ncols,
                          int text_col)
{
    struct rowbuf *b;
    if (ncols > RB_MAXCOLS || !(b = calloc(1, sizeof *b))) return NULL;
    b->db = db;
    b->what = what;
    b->ncols = ncols;
    b->text_col = text_col;
    b->rows = sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1) / ncols;
    if (b->rows > RB_ROWS) b->rows = RB_ROWS;
    if (b->rows < 1) b->rows = 1;
    b->many = prepare_rows(db, head, ncols, b->rows);
    b->one = prepare_rows(db, head, ncols, 1);
    if (!b->many || !b->one) { rowbuf_free(b); return NULL; }
    return b;
}

void rowbuf_free(struct rowbuf *b)
{
    if (!b) return;
    sqlite3_finalize(b->many);
    sqlite3_finalize(b->one);
    free(b);
}

int64_t *rowbuf_row(struct rowbuf *b, uint32_t **set, char **text, int **tl)
{
    struct rb_row *w = &b->row[b->n];
    w->set = 0;
    w->tl = 0;
    *set = &w->set;
    if (text) { *text = w->text; *tl = &w->tl; }
    return w->v;
}

/* Bind row w into statement st from parameter base; *bound: the slot's mask. */
static void bind_row(const struct rowbuf *b, sqlite3_stmt *st, int base,
                     const struct rb_row *w, uint32_t *bound, int64_t *last)
{
    uint32_t set = w->set, clear = *bound & ~set, was = *bound;
    for (; set; set &= set - 1) {
        int c = __builtin_ctz(set);
        if (c == b->text_col) sqlite3_bind_text(st, base + c, w->text, w->tl, SQLITE_STATIC);
        else if (!(was >> c & 1) || last[c] != w->v[c])  /* else still bound */
            sqlite3_bind_int64(st, base + c, last[c] = w->v[c]);
    }
    for (; clear; clear &= clear - 1) sqlite3_bind_null(st, base + __builtin_ctz(clear));
    *bound = w->set;
}

static int run(struct rowbuf *b, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    fprintf(stderr, "lantern-trace: insert into %s: %s\n", b->what, sqlite3_errmsg(b->db));
    b->err = 1;
    return -1;
}

int rowbuf_flush(struct rowbuf *b)
{
    if (!b) return 0;
    int n = b->n;
    b->n = 0;
    if (n == b->rows && !b->err) {
        for (int r = 0; r < n; r++)
            bind_row(b, b->many, r * b->ncols + 1, &b->row[r], &b->bound_many[r],
                     b->last_many[r]);
        run(b, b->many);
    } else {
        for (int r = 0; r < n && !b->err; r++) {
            bind_row(b, b->one, 1, &b->row[r], &b->bound_one, b->last_one);
            run(b, b->one);
        }
    }
    return b->err ? -1 : 0;
}

int rowbuf_push(struct rowbuf *b)
{
    if (++b->n == b->rows) return rowbuf_flush(b);
    return 0;
}

/* ---- event rows --------------------------------------------------------- */
static const char *const ev_col[EVC_N] = {
    "id", "ts", "type", "run_id", "call_id", "from_grant", "from_call", "ep", "peer",
    "status", "m_type", "cpu", "flags", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
    "a8", "a9", "a10", "a11", "text"
};

struct rowbuf *evrows_new(sqlite3 *db)
{
    char head[512];
    size_t n = (size_t)snprintf(head, sizeof head, "INSERT INTO event(");
    for (int c = 0; c < EVC_N; c++)
        n += (size_t)snprintf(head + n, sizeof head - n, "%s%s", c ? "," : "", ev_col[c]);
    snprintf(head + n, sizeof head - n, ")");
    return rowbuf_new(db, "event", head, EVC_N, EVC_TEXT);
}

/* Where event type e's fields go (EVC_* or -1), computed once per run. */
void evmap_build(struct evmap *m, const struct ts_event *e)
{
    char col[16];
    uint32_t taken = 0;
    for (int i = 0; i < e->nfields; i++) {
        int c = -1;
        ddl_field_col(e, i, col, sizeof col);
        if (e->f[i].kind == TF_TEXT16) c = EVC_TEXT;    /* all text fields, concatenated */
        else for (int k = 0; k < EVC_N; k++) if (!strcmp(ev_col[k], col)) c = k;
        if (c >= 0 && c != EVC_TEXT && (taken >> c & 1)) c = -1;   /* first field wins */
        if (c >= 0) taken |= 1u << c;
        m->col[i] = (int8_t)c;
    }
    m->ready = 1;
}

static int64_t field_value(const struct ts_field *f, const uint32_t *a)
{
    uint32_t v = a[f->word];
    switch (f->kind) {
    case TF_I32: case TF_EP: case TF_ERRNO: case TF_MTYPE: return (int32_t)v;
    default: return v;
    }
}

int evrows_add(struct rowbuf *b, const struct evfix *x, const struct trace_rec *r,
               const struct ts_event *e, const struct evmap *m, uint32_t unknown)
{
    uint32_t *setp;
    char *text;
    int *tl;
    int64_t *v = rowbuf_row(b, &setp, &text, &tl);
    uint32_t set = 1u << EVC_ID | 1u << EVC_TS | 1u << EVC_TYPE | 1u << EVC_RUN |
                   1u << EVC_CPU | 1u << EVC_FLAGS;
    v[EVC_ID] = x->id;
    v[EVC_TS] = (int64_t)r->ts;
    v[EVC_TYPE] = r->type;
    v[EVC_RUN] = x->run_id;
    v[EVC_CPU] = r->cpu;
    v[EVC_FLAGS] = x->flags;
    if (x->from_call >= 0) { v[EVC_FCALL] = x->from_call; set |= 1u << EVC_FCALL; }
    if (x->from_grant >= 0) { v[EVC_FGRANT] = x->from_grant; set |= 1u << EVC_FGRANT; }
    if (!e) {                                    /* not in the schema: raw words */
        for (int k = 0; k < TRACE_REC_WORDS; k++) v[EVC_A0 + k] = r->a[k];
        set |= ((1u << TRACE_REC_WORDS) - 1) << EVC_A0;
    } else {
        for (int i = 0; i < e->nfields; i++) {
            const struct ts_field *f = &e->f[i];
            int c = m->col[i];
            if (c < 0 || (unknown >> f->word & 1)) continue;
            if (c == EVC_TEXT) {
                ts_field_text(f, r->a, text + *tl);
                *tl += (int)strlen(text + *tl);
                continue;
            }
            int64_t val = field_value(f, r->a);
            if (c == EVC_CALL && !val) continue;    /* call id 0: no call (NULL) */
            v[c] = val;
            set |= 1u << c;
        }
        if (*tl) set |= 1u << EVC_TEXT;
    }
    *setp = set;
    return rowbuf_push(b);
}
