/* cmd_bench.c: `bench`: the four tracer benchmark metrics.
 *   ingest_events_per_s    decode + insert + derived tables + finish, from
 *                          an in-memory stream (generation is not timed)
 *   sqlite_raw_insert_per_s the same records as plain 17-column rows, one
 *                          prepared INSERT, one transaction, same pragmas and
 *                          open flags (NOMUTEX) as the ingest
 *   ingest_ratio           the first over the second (goal >= 0.6)
 *   ui_page_ms             one keyset page (50 rows) at the end of the DB
 *   db_bytes_per_event     file size / events */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "../gen/scenario.h"
#include "../ui/ui.h"

static double raw_insert(const char *path, const uint8_t *buf, size_t len, uint64_t *n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    unlink(path);
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                    NULL);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                 "CREATE TABLE raw(id INTEGER PRIMARY KEY, ts, type, cpu, flags, a0, a1, a2, a3,"
                 " a4, a5, a6, a7, a8, a9, a10, a11)", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO raw VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
    double t0 = now_s();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    *n = 0;
    for (size_t p = 0; p + 12 < len;) {          /* well-formed frames only */
        uint16_t nr;
        memcpy(&nr, buf + p + 2, 2);
        if (!nr) { uint32_t l; memcpy(&l, buf + p + 4, 4); p += 12 + l; continue; }
        for (unsigned i = 0; i < nr; i++) {
            struct trace_rec r;
            memcpy(&r, buf + p + 12 + (size_t)i * 64, 64);
            sqlite3_bind_int64(st, 1, (int64_t)(*n)++);
            sqlite3_bind_int64(st, 2, (int64_t)r.ts);
            sqlite3_bind_int(st, 3, r.type);
            sqlite3_bind_int(st, 4, r.cpu);
            sqlite3_bind_int(st, 5, r.flags);
            for (int w = 0; w < 12; w++) sqlite3_bind_int64(st, 6 + w, r.a[w]);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        p += 16 + (size_t)nr * 64;
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    double dt = now_s() - t0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    unlink(path);
    return dt;
}

static double ingest_buf(const char *path, const uint8_t *buf, size_t len, uint64_t *n)
{
    struct store s;
    struct tdec_sink k;
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
    *n = d.n_rec;
    return now_s() - t0;
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
    int tsv = 0, c;
    static const struct option lo[] = { { "tsv", 0, 0, 't' }, { "events", 1, 0, 'n' },
                                         { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    while ((c = getopt_long(argc, argv, "n:h", lo, NULL)) != -1) {
        if (c == 't') tsv = 1;
        else if (c == 'n') events = strtoull(optarg, NULL, 0);
        else if (c == 'h') {
            puts("usage: lantern-trace bench [--tsv] [-n EVENTS]\n\nBenchmarks on a generated "
                 "trace (default 10M events) in a temp dir; --tsv prints\nmetric<TAB>value<TAB>unit.");
            return 0;
        } else return usage_error("bench", "bad option");
    }
    char dir[] = "/tmp/lantern-bench-XXXXXX", db[96], raw[96];
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(db, sizeof db, "%s/bench.db", dir);
    snprintf(raw, sizeof raw, "%s/raw.db", dir);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    struct gen_opts o;
    gen_defaults(&o);
    o.events = events;
    o.drain_every = 4096;
    o.stream_fp = mem;
    gen_run(&o);
    fclose(mem);
    uint64_t n_raw, n_ing;
    double t_raw = raw_insert(raw, (uint8_t *)buf, len, &n_raw);
    double t_ing = ingest_buf(db, (uint8_t *)buf, len, &n_ing);
    free(buf);
    struct stat st;
    stat(db, &st);
    double pm = page_ms(db);
    double ing = n_ing / t_ing, rawr = n_raw / t_raw;
    const char *f = tsv ? "%s\t%.6g\t%s\n" : "%-26s %12.6g %s\n";
    printf(f, "ingest_events_per_s", ing, "events/s");
    printf(f, "sqlite_raw_insert_per_s", rawr, "rows/s");
    printf(f, "ingest_ratio", ing / rawr, "ratio");
    printf(f, "ui_page_ms", pm, "ms");
    printf(f, "db_bytes_per_event", (double)st.st_size / (double)(n_ing ? n_ing : 1), "bytes");
    db_fresh(db);
    rmdir(dir);
    return 0;
}
