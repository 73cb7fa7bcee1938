/* store.h: the SQLite side of the tracer.
 *
 * A store is one database file (WAL mode) plus the ingest state: prepared
 * statements, the current run, and the derived-table builders (calls,
 * grant lifetimes, flows, blocked spans, endpoints).  The decoder feeds it
 * through store_sink(); rows are buffered (rows.c) and go into an open
 * transaction that store_commit() closes after flushing the buffers, so a
 * killed ingester loses at most the open batch and the file always passes
 * PRAGMA integrity_check.
 *
 * Event ids: event.id = run id_base + event index (record index + events
 * implied by the run's earlier records' flags, decoder.h), so ids are in
 * timestamp order per run and gaps in ids are exactly the lost records.
 * Runs: one DB may hold several boots; everything keyed by an endpoint or a
 * call id is keyed by (run_id, ...) too, and the derive state is flushed and
 * reset at each new run, so runs never mix.
 */
#ifndef TRACER_STORE_H
#define TRACER_STORE_H
#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include "../decode/decoder.h"

#define STORE_SCHEMA_VERSION 4

struct derive;
struct rowbuf;
struct evmap;

struct store {
    sqlite3 *db;
    sqlite3_stmt *ins_loss, *ins_diag;
    struct rowbuf *evb, *rb_call, *rb_grant, *rb_span;   /* rows not yet inserted (rows.c) */
    struct evmap *evmap;             /* [TS_MAX_ID + 1], per run */
    sqlite3_stmt *put_ep;
    struct tschema schema;
    int      role[TS_MAX_ID + 1];   /* schema id -> host TEV_* id or 0 */
    int      have_run, in_tx, quiet;
    int64_t  run_id, id_base, last_id;
    int64_t  from_call, from_grant;  /* flow edges into the event being stored; -1 none */
    uint64_t batch_rows, total_rows, batch_limit;
    double   last_commit;
    struct derive *dv;
    const char *source;
    struct trace_ctl ctl;
};

int  store_open(struct store *s, const char *path, int create);
void store_close(struct store *s);
void store_sink(struct store *s, struct tdec_sink *sink);
void store_ctl(struct store *s, const struct trace_ctl *c);  /* same-boot counters */
int  store_commit(struct store *s);                /* end the open batch */
int  store_maybe_commit(struct store *s, int live); /* by size / age */
int  store_finish(struct store *s, struct tdec *d); /* final counters, ANALYZE */
int  store_exec(struct store *s, const char *sql);
void store_loss(struct store *s, const char *kind, uint64_t count, int64_t at_id,
                uint64_t ts0, uint64_t ts1);
double now_s(void);

/* ddl.c */
int  ddl_create(sqlite3 *db);
int  ddl_run(sqlite3 *db, const struct tschema *sch, int64_t run_id); /* dicts + views */
int  ddl_indexes(sqlite3 *db);
/* column of `event` holding field i of e ("NULL": not stored) */
void ddl_field_col(const struct ts_event *e, int i, char *out, size_t cap);
/* role lookup: host TEV id for a schema event name, 0 if unknown */
int  host_event_id(const char *name);

/* rows.c: buffered multi-row INSERTs (flush before reading a table or COMMIT) */
#define RB_MAXCOLS 32
struct rowbuf *rowbuf_new(sqlite3 *db, const char *what, const char *head, int ncols,
                          int text_col);           /* head: "INSERT INTO t(c1, ...)" */
void rowbuf_free(struct rowbuf *b);
/* the next row: values v[col], *set |= 1 << col for each non-NULL column */
int64_t *rowbuf_row(struct rowbuf *b, uint32_t **set, char **text, int **tl);
int  rowbuf_push(struct rowbuf *b);                 /* add it (flushes when full) */
int  rowbuf_flush(struct rowbuf *b);
/* event rows: columns in DDL order */
enum evcol { EVC_ID, EVC_TS, EVC_TYPE, EVC_RUN, EVC_CALL, EVC_FGRANT, EVC_FCALL, EVC_EP,
             EVC_PEER, EVC_STATUS, EVC_MTYPE, EVC_CPU, EVC_FLAGS, EVC_A0,
             EVC_TEXT = EVC_A0 + TRACE_REC_WORDS, EVC_N };
struct evfix { int64_t id, run_id, from_call, from_grant; uint32_t flags; };  /* -1: no edge */
struct evmap { int ready; int8_t col[TRACE_REC_WORDS]; };   /* field -> EVC_* or -1 */
struct rowbuf *evrows_new(sqlite3 *db);
void evmap_build(struct evmap *m, const struct ts_event *e);
/* unknown: bit w = word a[w] not known (NULL) */
int  evrows_add(struct rowbuf *b, const struct evfix *x, const struct trace_rec *r,
                const struct ts_event *e, const struct evmap *m, uint32_t unknown);

/* derive.c */
struct derive *derive_new(void);
void derive_free(struct derive *d);
void derive_reset(struct derive *d);    /* forget all pending state (new run) */
int  derive_prepare(struct store *s);
void derive_event(struct store *s, int64_t id, int role, const struct trace_rec *r,
                  const struct ts_event *ev);
int  derive_flush(struct store *s, int final);

/* clock.c: ticks -> microseconds (0: no conversion known); basis says how */
double clock_ticks_per_us(uint32_t domain, uint32_t khz, char *basis, size_t cap);
double clock_us(int64_t ticks, double ticks_per_us);

/* queries.c: canned lab queries */
struct canned { const char *name, *descr, *sql; };
extern const struct canned canned_queries[];
const struct canned *canned_find(const char *name);

/* table.c: print a statement's result */
enum tfmt { TFMT_TABLE, TFMT_CSV, TFMT_JSON };
int  print_query(sqlite3 *db, const char *sql, enum tfmt fmt, FILE *out,
                 const char **params, int nparams);

#endif
