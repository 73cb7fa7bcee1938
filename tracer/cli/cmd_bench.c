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
 * The host is noisy (2 cores shared with other jobs): one run of each varies
 * by up to 30 %.  So the two are measured as --pairs alternating pairs (at
 * least 11) in this one process on the same generated stream: pair k runs
 * the ingest first when k is odd, the baseline first when k is even, so that
 * neither always gets the warmer caches or the quieter moment.  Each pair
 * gives one ratio; ingest_ratio is their median, ingest_ratio_min and
 * ingest_ratio_max the extremes, and the two rates are the medians of their
 * runs.  ui_page_ms and db_bytes_per_event come from the last ingest's DB.
 * -n counts events per run (default 1M, see docs/benchmarks.md); the
 * generator's record count is derived from a small calibration run (format
 * v2 folds several events into one record). */
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
#define MIN_PAIRS 11                 /* a ratio comes from at least 11 pairs */
#define MAX_PAIRS 101

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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[0..n).  Sorts v in place, which unpairs it from the other
 * arrays: only once every pair is done. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* What the pairs measure, and what they measured. */
struct pairs {
    const char *db, *raw;                /* the two scratch databases */
    const uint8_t *buf;                  /* the stream */
    size_t len;
    int raw_rows, n;
    uint64_t events;                     /* event rows of one ingest */
    double ing[MAX_PAIRS], rawr[MAX_PAIRS], ratio[MAX_PAIRS];
};

/* Pair k: the ingest and the baseline, in the order k's parity gives. */
static void run_pair(struct pairs *p, int k)
{
    uint64_t n_raw = 0, n_ing = 0;
    double t_raw = 0, t_ing = 0;
    int ingest_first = k % 2;
    for (int step = 0; step < 2; step++) {
        if (step == !ingest_first) t_ing = ingest_buf(p->db, p->buf, p->len, &n_ing);
        else t_raw = raw_insert(p->raw, p->buf, p->len, p->raw_rows, &n_raw);
    }
    p->ing[k] = n_ing / t_ing;
    p->rawr[k] = n_raw / t_raw;
    p->ratio[k] = p->ing[k] / p->rawr[k];
    p->events = n_ing;
    fprintf(stderr, "# bench: pair %d/%d (%s first): ingest %.0f/s, raw %.0f/s, ratio %.3f\n",
            k + 1, p->n, ingest_first ? "ingest" : "raw", p->ing[k], p->rawr[k], p->ratio[k]);
}

/* The pairs' summary lines; sorts the arrays (after the last pair). */
static void print_pairs(struct pairs *p, const char *f)
{
    double r_min = p->ratio[0], r_max = p->ratio[0];
    for (int k = 1; k < p->n; k++) {
        if (p->ratio[k] < r_min) r_min = p->ratio[k];
        if (p->ratio[k] > r_max) r_max = p->ratio[k];
    }
    printf(f, "ingest_events_per_s", median(p->ing, p->n), "events/s");
    printf(f, "sqlite_raw_insert_per_s", median(p->rawr, p->n), "rows/s");
    printf(f, "ingest_ratio", median(p->ratio, p->n), "ratio");
    printf(f, "ingest_ratio_min", r_min, "ratio");
    printf(f, "ingest_ratio_max", r_max, "ratio");
    printf(f, "ingest_pairs", (double)p->n, "pairs");
}

/* Generate the stream, run the pairs, print the metrics. */
static int bench_run(uint64_t events, int n_pairs, int raw_rows, int tsv)
{
    static struct pairs p;
    char dir[] = "/tmp/lantern-bench-XXXXXX", db[96], raw[96];
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(db, sizeof db, "%s/bench.db", dir);
    snprintf(raw, sizeof raw, "%s/raw.db", dir);
    double epr = events_per_record();
    uint64_t records = epr > 0 ? (uint64_t)((double)events / epr) : events;
    uint8_t *buf = gen_stream(records, &p.len);
    p.db = db; p.raw = raw; p.buf = buf; p.raw_rows = raw_rows; p.n = n_pairs;
    for (int k = 0; k < n_pairs; k++) run_pair(&p, k);
    free(buf);
    struct stat st;
    stat(db, &st);                       /* the last ingest's database */
    double pm = page_ms(db);
    const char *f = tsv ? "%s\t%.6g\t%s\n" : "%-26s %12.6g %s\n";
    if (!tsv)
        printf("%llu events per run from about %llu kernel records (%.2f events per record), "
               "%d pairs\n", (unsigned long long)p.events, (unsigned long long)records, epr,
               n_pairs);
    print_pairs(&p, f);
    printf(f, "ui_page_ms", pm, "ms");
    printf(f, "db_bytes_per_event", (double)st.st_size / (double)(p.events ? p.events : 1),
           "bytes");
    bench_pics(db, dir, f, tsv);                  /* msc_page_ms, diff_1m_s (bench_pics.c) */
    db_fresh(db);
    rmdir(dir);
    return 0;
}

static void bench_help(void)
{
    puts("usage: lantern-trace bench [--tsv] [-n EVENTS] [--pairs P] [--raw-rows N]\n\n"
         "Benchmarks on a generated trace in a temp dir: P (default and minimum 11)\n"
         "alternating pairs of ingest and raw-insert baseline runs, EVENTS events each\n"
         "(default 1M); the ratio is the median over the pairs, with its min and max.\n"
         "--tsv prints metric<TAB>value<TAB>unit.  --raw-rows N: the raw baseline inserts\n"
         "N rows per INSERT (default 1; the ingest uses up to 64) for comparison.\n"
         "Progress goes to stderr.");
}

int cmd_bench(int argc, char **argv)
{
    uint64_t events = 1000000;
    int tsv = 0, raw_rows = 1, n_pairs = MIN_PAIRS, c;
    static const struct option lo[] = { { "tsv", 0, 0, 't' }, { "events", 1, 0, 'n' },
                                         { "raw-rows", 1, 0, 'r' }, { "pairs", 1, 0, 'p' },
                                         { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    while ((c = getopt_long(argc, argv, "n:h", lo, NULL)) != -1) {
        if (c == 't') tsv = 1;
        else if (c == 'n') events = strtoull(optarg, NULL, 0);
        else if (c == 'r') raw_rows = atoi(optarg);
        else if (c == 'p') n_pairs = atoi(optarg);
        else if (c == 'h') { bench_help(); return 0; }
        else return usage_error("bench", "bad option");
    }
    if (raw_rows < 1 || raw_rows > 64) return usage_error("bench", "--raw-rows: 1 to 64");
    if (n_pairs < MIN_PAIRS || n_pairs > MAX_PAIRS)
        return usage_error("bench", "--pairs: 11 to 101");
    return bench_run(events, n_pairs, raw_rows, tsv);
}
