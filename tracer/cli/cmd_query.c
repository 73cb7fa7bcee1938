/* cmd_query.c: `query` (SQL or canned query) and `stats` (summary).
 * Both open the database read-only, so they work while an ingester runs. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static sqlite3 *open_ro(const char *path)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static void query_help(void)
{
    puts("usage: lantern-trace query [options] DB (SQL | NAME) [ARG...]\n\n"
         "Run SQL, or a canned lab query by NAME, and print the result.\n\n"
         "  --csv | --json       output format (default: aligned table)\n"
         "  -l, --list           list the canned queries\n"
         "  --show NAME          print a canned query's SQL\n\n"
         "ARGs bind to ?1, ?2... (canned queries use ?1 as a count).\nCanned queries:");
    for (const struct canned *c = canned_queries; c->name; c++)
        printf("  %-20s %s\n", c->name, c->descr);
}

int cmd_query(int argc, char **argv)
{
    static const struct option lo[] = {
        { "csv", 0, 0, 'c' }, { "json", 0, 0, 'j' }, { "list", 0, 0, 'l' },
        { "show", 1, 0, 's' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    enum tfmt fmt = TFMT_TABLE;
    int c;
    while ((c = getopt_long(argc, argv, "lh", lo, NULL)) != -1) {
        switch (c) {
        case 'c': fmt = TFMT_CSV; break;
        case 'j': fmt = TFMT_JSON; break;
        case 'l':
            for (const struct canned *q = canned_queries; q->name; q++)
                printf("%-20s %s\n", q->name, q->descr);
            return 0;
        case 's': {
            const struct canned *q = canned_find(optarg);
            if (!q) return usage_error("query", "no such canned query");
            printf("%s;\n", q->sql);
            return 0;
        }
        case 'h': query_help(); return 0;
        default: return usage_error("query", "bad option");
        }
    }
    if (argc - optind < 2) return usage_error("query", "need DB and SQL or a query NAME");
    sqlite3 *db = open_ro(argv[optind]);
    if (!db) return 1;
    const struct canned *q = canned_find(argv[optind + 1]);
    int rc = print_query(db, q ? q->sql : argv[optind + 1], fmt, stdout,
                         (const char **)argv + optind + 2, argc - optind - 2);
    sqlite3_close(db);
    return rc ? 1 : 0;
}

static const char stats_sql[] =
    "SELECT 'events' AS what, count(*) AS value FROM event\n"
    "UNION ALL SELECT 'first_ts', min(ts) FROM event\n"
    "UNION ALL SELECT 'last_ts', max(ts) FROM event\n"
    "UNION ALL SELECT 'span_ticks', max(ts) - min(ts) FROM event\n"
    "UNION ALL SELECT 'span_us', round(sum(us), 3) FROM (SELECT (max(e.ts) - min(e.ts))\n"
    "  / k.ticks_per_us AS us FROM event e JOIN clock k ON k.run_id = e.run_id\n"
    "  GROUP BY e.run_id)\n"
    "UNION ALL SELECT 'clock', group_concat(DISTINCT clock_name) FROM run\n"
    "UNION ALL SELECT 'us_basis', group_concat(DISTINCT basis) FROM clock\n"
    "UNION ALL SELECT 'call_latency_avg_us', round(avg(latency_us), 3) FROM call_view\n"
    "UNION ALL SELECT 'runs', count(*) FROM run\n"
    "UNION ALL SELECT 'calls', count(*) FROM ipc_call\n"
    "UNION ALL SELECT 'grants', count(*) FROM grant_life\n"
    "UNION ALL SELECT 'endpoints', count(*) FROM endpoint WHERE n_events > 0\n"
    "UNION ALL SELECT 'lost_' || kind, sum(count) FROM trace_loss GROUP BY kind\n"
    "UNION ALL SELECT 'problems', count(*) FROM diag;\n"
    "SELECT t.name AS event, t.family, count(*) AS n FROM event e\n"
    "  JOIN event_type t ON t.id = e.type GROUP BY e.type ORDER BY n DESC;\n"
    "SELECT coalesce(label, ep) AS endpoint, e.run_id AS run, ep, generation, n_events, n_sent,\n"
    "  n_recv, round(blocked / k.ticks_per_us, 3) AS blocked_us, restarts FROM endpoint e\n"
    "  LEFT JOIN clock k ON k.run_id = e.run_id WHERE n_events > 0\n"
    "  ORDER BY e.run_id, n_events DESC;\n";

int cmd_stats(int argc, char **argv)
{
    static const struct option lo[] = {
        { "csv", 0, 0, 'c' }, { "json", 0, 0, 'j' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    enum tfmt fmt = TFMT_TABLE;
    int c;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'c') fmt = TFMT_CSV;
        else if (c == 'j') fmt = TFMT_JSON;
        else if (c == 'h') {
            puts("usage: lantern-trace stats [--csv|--json] DB\n\n"
                 "Summary of a trace database: event count and time span (ticks and\n"
                 "microseconds), clock domain and its conversion, mean call latency,\n"
                 "loss per kind, events per type, and per-endpoint counters.");
            return 0;
        } else return usage_error("stats", "bad option");
    }
    if (optind != argc - 1) return usage_error("stats", "need DB");
    sqlite3 *db = open_ro(argv[optind]);
    if (!db) return 1;
    int rc = print_query(db, stats_sql, fmt, stdout, NULL, 0);
    sqlite3_close(db);
    return rc ? 1 : 0;
}
