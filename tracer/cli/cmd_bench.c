/* cmd_bench.c: `bench`: the tracer benchmark metrics.
 *   ingest_events_per_s    decode + insert + derived tables + indexes +
 *                          commits, from an in-memory stream (generation is
 *                          not timed)
 *   sqlite_raw_insert_per_s the same event rows (records plus the events
 *                          their flags imply) as plain 17-column rows (id, ts,
 *                          type, cpu, flags, a0..a11): one prepared single-row
 *                          INSERT, one transaction, same pragmas and open
 *                          flags (NOMUTEX) as the ingest.  The rows are
 *                          decoded beforehand in chunks; only the inserts and
 *                          the COMMIT are timed.
 *   ingest_ratio           the first over the second (goal >= 0.6)
 *   ui_page_ms             one keyset page (50 rows) at the end of the DB
 *   db_bytes_per_event     file size / events
 * -n counts events; the generator's record count is derived from a small
 * calibration run (format v2 folds several events into one record). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "../gen/scenario.h"
#include "../ui/ui.h"

#define RAW_CHUNK 65536

/* The raw baseline: a decoder sink that collects events and inserts each
 * full chunk (timed) with the plain statement: `rows` rows per execution
 * (1, the defined baseline; --raw-rows N to compare with an N-row INSERT
 * like the ingest's). */
struct raw {
    sqlite3 *db;
    sqlite3_stmt *many, *one;            /* `rows` rows / one row per INSERT */
    int rows;
    uint64_t n;                          /* rows inserted */
    double t;                            /* time spent inserting */
    size_t nbuf;
    struct trace_rec *rec;
    uint32_t *flags;
};

static void raw_bind(sqlite3_stmt *st, int base, int64_t id, const struct trace_rec *r,
                     uint32_t flags)
{
    sqlite3_bind_int64(st, base + 1, id);
    sqlite3_bind_int64(st, base + 2, (int64_t)r->ts);
    sqlite3_bind_int(st, base + 3, r->type);
    sqlite3_bind_int(st, base + 4, r->cpu);
    sqlite3_bind_int(st, base + 5, (int)flags);
    for (int k = 0; k < TRACE_REC_WORDS; k++) sqlite3_bind_int64(st, base + 6 + k, r->a[k]);
}

static void raw_flush(struct raw *w)
{
    double t0 = now_s();
    size_t i = 0;
    for (; i + (size_t)w->rows <= w->nbuf; i += (size_t)w->rows) {
        for (int k = 0; k < w->rows; k++)
            raw_bind(w->many, k * 17, (int64_t)w->n++, &w->rec[i + (size_t)k], w->flags[i + (size_t)k]);
        sqlite3_step(w->many);
        sqlite3_reset(w->many);
    }
    for (; i < w->nbuf; i++) {
        raw_bind(w->one, 0, (int64_t)w->n++, &w->rec[i], w->flags[i]);
        sqlite3_step(w->one);
        sqlite3_reset(w->one);
    }
    w->t += now_s() - t0;
    w->nbuf = 0;
}

static int raw_rec(void *ctx, uint64_t index, const struct trace_rec *r, const struct tdec_ev *x)
{
    struct raw *w = ctx;
    (void)index;
    w->rec[w->nbuf] = *r;
    w->flags[w->nbuf] = x->flags;
    if (++w->nbuf == RAW_CHUNK) raw_flush(w);
    return 0;
}

static sqlite3_stmt *raw_prepare(sqlite3 *db, int rows)
{
    static char sql[64 * 40 + 64];
    size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO raw VALUES");
    for (int r = 0; r < rows; r++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                              r ? "," : "");
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    return st;
}

static double raw_insert(const char *path, const uint8_t *buf, size_t len, int rows, uint64_t *n)
{
    static struct raw w;
    static struct tdec d;
    struct tdec_sink k = { 0 };
    struct tstream ts;
    unlink(path);
    memset(&w, 0, sizeof w);
    w.rows = rows;
    w.rec = malloc(RAW_CHUNK * sizeof *w.rec);
    w.flags = malloc(RAW_CHUNK * sizeof *w.flags);
    sqlite3_open_v2(path, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                    NULL);
    sqlite3_exec(w.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                 "CREATE TABLE raw(id INTEGER PRIMARY KEY, ts, type, cpu, flags, a0, a1, a2, a3,"
                 " a4, a5, a6, a7, a8, a9, a10, a11)", NULL, NULL, NULL);
    w.many = raw_prepare(w.db, rows);
    w.one = raw_prepare(w.db, 1);
    double t0 = now_s();
    sqlite3_exec(w.db, "BEGIN", NULL, NULL, NULL);
    w.t = now_s() - t0;
    k.ctx = &w;
    k.on_rec = raw_rec;
    tdec_init(&d, &k);
    tstream_init(&ts);
    tstream_feed(&ts, &d, buf, len, 1);
    raw_flush(&w);
    t0 = now_s();
    sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL);
    w.t += now_s() - t0;
    sqlite3_finalize(w.many);
    sqlite3_finalize(w.one);
    sqlite3_close(w.db);
    unlink(path);
    free(w.rec);
    free(w.flags);
    *n = w.n;
    return w.t;
}

static double ingest_buf(const char *path, const uint8_t *buf, size_t len, uint64_t *n)
{
    struct store s;
    struct tdec_sink k = { 0 };
    static struct tdec d;
    db_fresh(path);
    double t0 = now_s();
    if (store_open(&s, path, 1)) { *n = 0; return 1; }
    s.quiet = 1;
    store_sink(&s, &k);
    tdec_init(&d, &k);
    struct tstream st;
    tstream_init(&st);
    for (size_t off = 0; off < len && !d.stop;) { /* feed in 4 MiB pieces */
        size_t piece = len - off < (4u << 20) ? len - off : (4u << 20);
        off += tstream_feed(&st, &d, buf + off, piece, off + piece >= len);
        store_maybe_commit(&s, 0);
    }
    store_finish(&s, &d);
    store_close(&s);
    *n = d.n_rec + d.n_implied;              /* event rows */
    return now_s() - t0;
}

/* The scenario as a stream in memory, about `records` kernel records. */
static uint8_t *gen_stream(uint64_t records, size_t *len)
{
    char *buf = NULL;
    FILE *mem = open_memstream(&buf, len);
    struct gen_opts o;
    gen_defaults(&o);
    o.events = records;
    o.drain_every = 4096;
    o.stream_fp = mem;
    gen_run(&o);
    fclose(mem);
    return (uint8_t *)buf;
}

/* Events per kernel record of the scenario (folded events), from 100k records. */
static double events_per_record(void)
{
    static struct tdec d;
    struct tdec_sink k = { 0 };
    size_t len;
    uint8_t *buf = gen_stream(100000, &len);
    tdec_init(&d, &k);
    tdec_buffer(&d, buf, len, TIN_STREAM);
    free(buf);
    return d.n_rec ? (double)(d.n_rec + d.n_implied) / (double)d.n_rec : 0;
}

static double page_ms(const char *path)
{
    static struct ui u;
    sqlite3_open_v2(path, &u.db, SQLITE_OPEN_READONLY, NULL);
    snprintf(u.where, sizeof u.where, "1");
    u.list_h = 50;
    ui_dicts(&u);
    ui_refresh_counts(&u);
    char lab[32];
    double t0 = now_s();
    for (int i = 0; i < 200; i++) {
        u.top = u.last_id - 49 - i;
        ui_fetch(&u);
        for (int r = 0; r < u.npage; r++) ui_label(&u, u.page[r].run_id, u.page[r].ep, lab, sizeof lab);
    }
    double ms = (now_s() - t0) * 1000 / 200;
    ui_close(&u);
    return ms;
}

int cmd_bench(int argc, char **argv)
{
    uint64_t events = 10000000;
    int tsv = 0, raw_rows = 1, c;
    static const struct option lo[] = { { "tsv", 0, 0, 't' }, { "events", 1, 0, 'n' },
                                         { "raw-rows", 1, 0, 'r' }, { "help", 0, 0, 'h' },
                                         { 0, 0, 0, 0 } };
    while ((c = getopt_long(argc, argv, "n:h", lo, NULL)) != -1) {
        if (c == 't') tsv = 1;
        else if (c == 'n') events = strtoull(optarg, NULL, 0);
        else if (c == 'r') raw_rows = atoi(optarg);
        else if (c == 'h') {
            puts("usage: lantern-trace bench [--tsv] [-n EVENTS] [--raw-rows N]\n\nBenchmarks on a "
                 "generated trace (default 10M events) in a temp dir; --tsv prints\n"
                 "metric<TAB>value<TAB>unit.  --raw-rows N: the raw baseline inserts N rows per\n"
                 "INSERT (default 1; the ingest uses up to 64) for comparison.");
            return 0;
        } else return usage_error("bench", "bad option");
    }
    if (raw_rows < 1 || raw_rows > 64) return usage_error("bench", "--raw-rows: 1 to 64");
    char dir[] = "/tmp/lantern-bench-XXXXXX", db[96], raw[96];
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(db, sizeof db, "%s/bench.db", dir);
    snprintf(raw, sizeof raw, "%s/raw.db", dir);
    size_t len = 0;
    double epr = events_per_record();
    uint64_t records = epr > 0 ? (uint64_t)((double)events / epr) : events;
    uint8_t *buf = gen_stream(records, &len);
    uint64_t n_raw, n_ing;
    double t_raw = raw_insert(raw, buf, len, raw_rows, &n_raw);
    double t_ing = ingest_buf(db, buf, len, &n_ing);
    free(buf);
    struct stat st;
    stat(db, &st);
    double pm = page_ms(db);
    double ing = n_ing / t_ing, rawr = n_raw / t_raw;
    const char *f = tsv ? "%s\t%.6g\t%s\n" : "%-26s %12.6g %s\n";
    if (!tsv)
        printf("%llu events from about %llu kernel records (%.2f events per record)\n",
               (unsigned long long)n_ing, (unsigned long long)records, epr);
    printf(f, "ingest_events_per_s", ing, "events/s");
    printf(f, "sqlite_raw_insert_per_s", rawr, "rows/s");
    printf(f, "ingest_ratio", ing / rawr, "ratio");
    printf(f, "ui_page_ms", pm, "ms");
    printf(f, "db_bytes_per_event", (double)st.st_size / (double)(n_ing ? n_ing : 1), "bytes");
    bench_pics(db, dir, f, tsv);                  /* msc_page_ms, diff_1m_s (bench_pics.c) */
    db_fresh(db);
    rmdir(dir);
    return 0;
}
