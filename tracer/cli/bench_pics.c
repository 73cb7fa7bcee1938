/* bench_pics.c: the benchmark metrics of issue 16, called from cmd_bench
 * (a file of its own so the ingest benchmarks stay separate):
 *   msc_page_ms  one sequence-chart page as the UI loads it (50 rows, the
 *                run's endpoints as columns, names and latencies) at the
 *                start, 1/4, 1/2, 3/4 and the end of the bench DB: the mean
 *                of 20 loads at the slowest depth (goal <= 5 ms on 10M events)
 *   diff_1m_s    wall time of `lantern-trace diff A B` (a child process,
 *                output discarded) on two runs of about 1M events each: the
 *                same generated trace, B with one message type changed half
 *                way through (goal < 10 s)
 * Generating and ingesting the diff runs is not timed. */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"
#include "../gen/scenario.h"
#include "../pics/msc.h"

#define PAGE_ROWS 50
#define DIFF_EVENTS 1000000

static int seed(sqlite3 *db, struct msc_col *col)
{
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_prepare_v2(db, "SELECT ep, coalesce(label, 'ep ' || ep) FROM endpoint WHERE "
                           "run_id = 1 AND n_events > 0 ORDER BY n_events DESC LIMIT 64", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < MSC_MAXCOL) {
        col[n].ep = sqlite3_column_int(st, 0);
        snprintf(col[n].label, sizeof col[n].label, "%s", sqlite3_column_text(st, 1));
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

static double msc_page_ms(const char *path)
{
    sqlite3 *db;
    static struct msc_col col[MSC_MAXCOL];
    static struct msc m;
    double worst = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) return -1;
    int ncol = seed(db, col);
    sqlite3_stmt *st;
    int64_t last = 0;
    if (sqlite3_prepare_v2(db, "SELECT max(id) FROM event", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) last = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    for (int q = 0; q <= 4; q++) {
        int64_t from = q < 4 ? last * q / 4 : msc_back(db, 1, last + 1, PAGE_ROWS);
        struct msc_opts o = { .run_id = 1, .from = from, .to = -1, .max_rows = PAGE_ROWS,
                              .seed = col, .nseed = ncol };
        double t0 = now_s();
        for (int i = 0; i < 20; i++) { msc_load(db, &o, &m); msc_free(&m); }
        double ms = (now_s() - t0) * 1000 / 20;
        if (ms > worst) worst = ms;
    }
    sqlite3_close(db);
    return worst;
}

/* A generated run of about `events` events ingested into path. */
static int make_run(const char *dir, const char *path, uint64_t records)
{
    char in[128];
    struct gen_opts g;
    snprintf(in, sizeof in, "%s/diff.bin", dir);
    gen_defaults(&g);
    g.events = records;
    g.drain_every = 4096;
    g.stream = in;
    struct ingest_opts o = { .input = in, .db = path, .quiet = 1 };
    int rc = gen_run(&g) || ingest_run(&o, NULL);
    unlink(in);
    return rc;
}

static int64_t count_events(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

static double time_diff(const char *a, const char *b)
{
    double t0 = now_s();
    pid_t p = fork();
    if (p == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) dup2(fd, 1);
        char *av[] = { "diff", (char *)a, (char *)b, NULL };
        optind = 0;                        /* bench already ran getopt: start over */
        _exit(cmd_diff(3, av));
    }
    int st;
    if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 1) return -1;
    return now_s() - t0;                   /* status 1: it found the difference */
}

static double diff_1m_s(const char *dir, int64_t *events)
{
    char a[128], b[128], cal[128];
    snprintf(a, sizeof a, "%s/diff-a.db", dir);
    snprintf(b, sizeof b, "%s/diff-b.db", dir);
    snprintf(cal, sizeof cal, "%s/diff-cal.db", dir);
    if (make_run(dir, cal, 20000)) return -1;   /* events per record of the scenario */
    double epr = (double)count_events(cal, "SELECT count(*) FROM event") / 20000;
    db_fresh(cal);
    if (epr <= 0 || make_run(dir, a, (uint64_t)(DIFF_EVENTS / epr))) return -1;
    *events = count_events(a, "SELECT count(*) FROM event");
    if (make_run(dir, b, (uint64_t)(DIFF_EVENTS / epr)) ||
        count_events(b, "UPDATE event SET m_type = 4242 WHERE id = (SELECT min(id) FROM event "
                     "WHERE id > (SELECT max(id) / 2 FROM event) AND type = 3) RETURNING id") < 0)
        return -1;
    double s = time_diff(a, b);
    db_fresh(a);
    db_fresh(b);
    return s;
}

void bench_pics(const char *db, const char *dir, const char *fmt, int tsv)
{
    int64_t n = 0;
    printf(fmt, "msc_page_ms", msc_page_ms(db), "ms");
    double s = diff_1m_s(dir, &n);
    if (!tsv) printf("(diff runs: %lld events each)\n", (long long)n);
    printf(fmt, "diff_1m_s", s, "s");
}
