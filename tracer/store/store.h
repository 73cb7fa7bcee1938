/* store.h: the SQLite side of the tracer.
 *
 * A store is one database file (WAL mode) plus the ingest state: prepared
 * statements, the current run, and the derived-table builders (calls,
 * grant lifetimes, flows, blocked spans, endpoints).  The decoder feeds it
 * through store_sink(); rows go into an open transaction that
 * store_commit() closes, so a killed ingester loses at most the open batch
 * and the file always passes PRAGMA integrity_check.
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

#define STORE_SCHEMA_VERSION 3

struct derive;

struct store {
    sqlite3 *db;
    sqlite3_stmt *ins_ev, *ins_loss, *ins_diag;
    sqlite3_stmt *put_call, *put_grant, *put_block, *put_ep;
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
/* role lookup: host TEV id for a schema event name, 0 if unknown */
int  host_event_id(const char *name);

/* derive.c */
struct derive *derive_new(void);
void derive_free(struct derive *d);
void derive_reset(struct derive *d);    /* forget all pending state (new run) */
int  derive_prepare(struct store *s);
void derive_event(struct store *s, int64_t id, int role, const struct trace_rec *r,
                  const struct ts_event *ev);
int  derive_flush(struct store *s, int final);

/* queries.c: canned lab queries */
struct canned { const char *name, *descr, *sql; };
extern const struct canned canned_queries[];
const struct canned *canned_find(const char *name);

/* table.c: print a statement's result */
enum tfmt { TFMT_TABLE, TFMT_CSV, TFMT_JSON };
int  print_query(sqlite3 *db, const char *sql, enum tfmt fmt, FILE *out,
                 const char **params, int nparams);

#endif
