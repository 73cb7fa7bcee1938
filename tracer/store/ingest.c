/* ingest.c: decoder sink -> SQLite rows, in batches.
 *
 * Column rule for `event`: the semantic columns ep, peer, call_id, status,
 * m_type hold the fields with those roles (schema.c resolve_roles); the
 * first text field(s) go to `text`; every other field goes to a<word>.
 * Signed kinds (i32, endpoint, errno, mtype) are stored sign-extended; a
 * call id of 0 (not part of a call: kernel ids start at 1) is NULL.
 * Flow edges into an event (from_call, from_grant) come from derive.c,
 * which therefore runs before the event's row is built.  Event rows and the
 * bulk derived rows are buffered (rows.c) and inserted many per statement.
 * Invariant: one open transaction at a time; store_commit() flushes the
 * derived tables and the row buffers before COMMIT so every committed batch
 * is self-consistent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store.h"

double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

int store_exec(struct store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int prep(struct store *s, sqlite3_stmt **st, const char *sql)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: prepare: %s\n", sqlite3_errmsg(s->db));
        return -1;
    }
    return 0;
}

static int set_meta(struct store *s, const char *key, const char *val)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta VALUES(?,?)", -1, &st, NULL))
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, val, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* An existing DB must have this tracer's schema version (no migrations). */
static int check_version(struct store *s, const char *path)
{
    sqlite3_stmt *st;
    int v = STORE_SCHEMA_VERSION;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1,
                           &st, NULL) != SQLITE_OK)
        return 0;                                 /* no meta table: a new DB */
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (v == STORE_SCHEMA_VERSION) return 0;
    fprintf(stderr, "lantern-trace: %s: schema version %d, this tracer writes version %d "
            "(ingest into a new database)\n", path, v, STORE_SCHEMA_VERSION);
    return -1;
}

int store_open(struct store *s, const char *path, int create)
{
    memset(s, 0, sizeof *s);
    s->batch_limit = 100000;
    /* NOMUTEX: one thread uses the connection, so no lock per sqlite3_bind */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: %s: %s\n", path, sqlite3_errmsg(s->db));
        return -1;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (check_version(s, path) ||
        store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                      "PRAGMA cache_size=-65536;") || ddl_create(s->db) || ddl_indexes(s->db))
        return -1;
    char v[16];
    snprintf(v, sizeof v, "%d", STORE_SCHEMA_VERSION);
    if (set_meta(s, "schema_version", v) || set_meta(s, "tracer", "lantern-trace"))
        return -1;
    s->dv = derive_new();
    if (!(s->evb = evrows_new(s->db)) || !(s->evmap = calloc(TS_MAX_ID + 1, sizeof *s->evmap)))
        return -1;
    if (prep(s, &s->ins_loss, "INSERT INTO trace_loss(run_id,cpu,kind,count,at_id,ts_first,"
             "ts_last) VALUES(?,0,?,?,?,?,?)") ||
        prep(s, &s->ins_diag, "INSERT INTO diag(run_id,offset,message) VALUES(?,?,?)") ||
        derive_prepare(s))
        return -1;
    return 0;
}

static void begin(struct store *s)
{
    if (!s->in_tx) { store_exec(s, "BEGIN"); s->in_tx = 1; }
}

static const char *clock_name(uint32_t c)
{
    return c == TRACE_CLOCK_TSC ? "tsc" : c == TRACE_CLOCK_ICOUNT ? "icount" :
           c == TRACE_CLOCK_BOCHS ? "bochs-ticks" : "unknown";
}

static void update_run(struct store *s)
{
    sqlite3_stmt *st;
    if (!s->have_run) return;
    sqlite3_prepare_v2(s->db, "UPDATE run SET last_id=?, lost_discard=?, panicked=? "
                       "WHERE run_id=?", -1, &st, NULL);
    sqlite3_bind_int64(st, 1, s->last_id);
    sqlite3_bind_int64(st, 2, (int64_t)s->ctl.lost_discard);
    sqlite3_bind_int(st, 3, (int)s->ctl.panicked);
    sqlite3_bind_int64(st, 4, s->run_id);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

/* Buffered rows into their tables (before COMMIT or reading max(id)). */
static int flush_rows(struct store *s)
{
    struct rowbuf *rb[] = { s->evb, s->rb_call, s->rb_grant, s->rb_span };
    int bad = 0;
    for (size_t i = 0; i < sizeof rb / sizeof rb[0]; i++) bad |= rowbuf_flush(rb[i]);
    return bad ? -1 : 0;
}

/* The run's tick -> µs conversion (clock.c), NULL when there is none. */
static int put_clock(struct store *s, const struct trace_ctl *c)
{
    char basis[160];
    double tpu = clock_ticks_per_us(c->clock_domain, c->tsc_khz, basis, sizeof basis);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO clock VALUES(?,?,?)", -1, &st, NULL))
        return -1;
    sqlite3_bind_int64(st, 1, s->run_id);
    if (tpu > 0) sqlite3_bind_double(st, 2, tpu); else sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, basis, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int on_run(void *ctx, const struct trace_ctl *c, const struct tschema *sch)
{
    struct store *s = ctx;
    begin(s);
    if (s->have_run) {                    /* a new boot: close the previous run */
        if (derive_flush(s, 1)) return -1;
        update_run(s);
        derive_reset(s->dv);
    }
    if (flush_rows(s)) return -1;   /* id_base below reads max(id) */
    s->schema = *sch;
    memset(s->evmap, 0, (TS_MAX_ID + 1) * sizeof *s->evmap);
    for (int i = 0; i <= TS_MAX_ID; i++)
        s->role[i] = sch->ev[i].present ? host_event_id(sch->ev[i].name) : 0;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(s->db, "SELECT coalesce(max(id), -1) + 1 FROM event", -1, &st, NULL);
    sqlite3_step(st);
    s->id_base = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    s->last_id = s->id_base - 1;
    sqlite3_prepare_v2(s->db, "INSERT INTO run(boot_id,version,clock_domain,clock_name,"
        "tsc_khz,nrec,mode,ncpu,id_base,first_id,last_id,source) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
        -1, &st, NULL);
    sqlite3_bind_int64(st, 1, c->boot_id);
    sqlite3_bind_int(st, 2, (int)c->version);
    sqlite3_bind_int(st, 3, (int)c->clock_domain);
    sqlite3_bind_text(st, 4, clock_name(c->clock_domain), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, c->tsc_khz);
    sqlite3_bind_int64(st, 6, c->nrec);
    sqlite3_bind_text(st, 7, c->mode == TRACE_MODE_DISCARD ? "discard" : "overwrite", -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(st, 8, (int)c->ncpu);
    sqlite3_bind_int64(st, 9, s->id_base);
    sqlite3_bind_int64(st, 10, s->id_base);
    sqlite3_bind_int64(st, 11, s->id_base - 1);
    sqlite3_bind_text(st, 12, s->source ? s->source : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    s->run_id = sqlite3_last_insert_rowid(s->db);
    s->ctl = *c;
    s->have_run = 1;
    if (rc != SQLITE_DONE || ddl_run(s->db, sch, s->run_id)) return -1;
    return put_clock(s, c);
}

static int on_rec(void *ctx, uint64_t index, const struct trace_rec *r, const struct tdec_ev *x)
{
    struct store *s = ctx;
    int64_t id = s->id_base + (int64_t)index;
    const struct ts_event *e = tschema_event(&s->schema, r->type);
    begin(s);
    s->from_call = s->from_grant = -1;
    if (e) derive_event(s, id, s->role[r->type], r, e);
    /* flags: TRF_* bits, or TDEC_IMPLIED; unknown words are stored as NULL */
    struct evfix f = { id, s->run_id, s->from_call, s->from_grant, x->flags };
    struct evmap *m = e ? &s->evmap[r->type] : NULL;
    if (m && !m->ready) evmap_build(m, e);
    if (evrows_add(s->evb, &f, r, e, m, x->unknown)) return -1;
    s->last_id = id;
    s->batch_rows++;
    s->total_rows++;
    return 0;
}

void store_loss(struct store *s, const char *kind, uint64_t count, int64_t at_id,
                uint64_t ts0, uint64_t ts1)
{
    sqlite3_stmt *st = s->ins_loss;
    begin(s);
    sqlite3_bind_int64(st, 1, s->run_id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (int64_t)count);
    sqlite3_bind_int64(st, 4, at_id);
    sqlite3_bind_int64(st, 5, (int64_t)ts0);
    sqlite3_bind_int64(st, 6, (int64_t)ts1);
    sqlite3_step(st);
    sqlite3_reset(st);
}

static void on_loss(void *ctx, int kind, uint64_t count, uint64_t at, uint64_t t0, uint64_t t1)
{
    struct store *s = ctx;
    store_loss(s, tloss_names[kind], count, s->id_base + (int64_t)at, t0, t1);
}

static void on_diag(void *ctx, uint64_t offset, const char *msg)
{
    struct store *s = ctx;
    if (!s->quiet)
        fprintf(stderr, "lantern-trace: %s: offset %llu: %s\n", s->source ? s->source : "input",
                (unsigned long long)offset, msg);
    begin(s);
    sqlite3_bind_int64(s->ins_diag, 1, s->run_id);
    sqlite3_bind_int64(s->ins_diag, 2, (int64_t)offset);
    sqlite3_bind_text(s->ins_diag, 3, msg, -1, SQLITE_TRANSIENT);
    sqlite3_step(s->ins_diag);
    sqlite3_reset(s->ins_diag);
}

/* A control page of the current run again: its dynamic counters.  They
 * reach the run row at each commit and when the run ends (the next boot in
 * the same input, or store_finish), so each run keeps its final
 * lost_discard and panicked. */
void store_ctl(struct store *s, const struct trace_ctl *c)
{
    if (s->have_run && c->boot_id == s->ctl.boot_id) s->ctl = *c;
}

static void on_ctl(void *ctx, const struct trace_ctl *c)
{
    store_ctl(ctx, c);
}

void store_sink(struct store *s, struct tdec_sink *k)
{
    memset(k, 0, sizeof *k);              /* callbacks the store does not use: none */
    k->ctx = s;
    k->on_run = on_run;
    k->on_rec = on_rec;
    k->on_loss = on_loss;
    k->on_diag = on_diag;
    k->on_ctl = on_ctl;                   /* same-boot control pages: final counters */
}

int store_commit(struct store *s)
{
    if (!s->in_tx) return 0;
    if (derive_flush(s, 0) || flush_rows(s)) return -1;
    update_run(s);
    s->in_tx = 0;
    s->batch_rows = 0;
    s->last_commit = now_s();
    return store_exec(s, "COMMIT");
}

int store_maybe_commit(struct store *s, int live)
{
    if (!s->in_tx) return 0;
    if (live ? (s->batch_rows >= 10000 || now_s() - s->last_commit >= 0.1)
             : s->batch_rows >= s->batch_limit)
        return store_commit(s);
    return 0;
}

int store_finish(struct store *s, struct tdec *d)
{
    char v[64];
    begin(s);
    if (d) store_ctl(s, &d->ctl);
    if (derive_flush(s, 1)) return -1;
    update_run(s);
    snprintf(v, sizeof v, "%llu", (unsigned long long)(d ? d->n_diag : 0));
    set_meta(s, "diagnostics", v);
    snprintf(v, sizeof v, "%llu", (unsigned long long)s->total_rows);
    set_meta(s, "events_ingested", v);
    if (store_commit(s)) return -1;
    return ddl_indexes(s->db);
}

void store_close(struct store *s)
{
    if (!s->db) return;
    if (s->in_tx) store_commit(s);
    struct rowbuf *rb[] = { s->evb, s->rb_call, s->rb_grant, s->rb_span };
    for (size_t i = 0; i < sizeof rb / sizeof rb[0]; i++) rowbuf_free(rb[i]);
    free(s->evmap);
    s->evb = s->rb_call = s->rb_grant = s->rb_span = NULL;
    s->evmap = NULL;
    sqlite3_stmt *all[] = { s->ins_loss, s->ins_diag, s->put_ep };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sqlite3_finalize(all[i]);
    derive_free(s->dv);
    sqlite3_close(s->db);
    s->db = NULL;
}
