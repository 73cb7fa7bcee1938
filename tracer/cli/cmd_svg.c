/* cmd_svg.c: `svg`: a picture of a window of a trace for a lab report, the
 * sequence chart (default) or the per-endpoint timeline (--timeline); see
 * tracer/pics/svg.h.  The file is written to FILE.tmp and renamed, so a
 * failed run never leaves half an SVG under the requested name. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../pics/svg.h"

static void help(void)
{
    puts("usage: lantern-trace svg DB [--from ID] [--to ID] [--ep LIST] [--run N]\n"
         "                          [--max N] [--timeline] -o FILE.svg\n\n"
         "Draw events FROM..TO (ids, inclusive; default: the whole first run) as an\n"
         "SVG file.  Default: the sequence chart, one column per endpoint, time going\n"
         "down, an arrow per message labelled with its type and the call's latency,\n"
         "kernel calls and blocked spans on the lifelines.  --timeline: one row per\n"
         "endpoint over time, to scale: running, blocked (on whom), kernel calls.\n\n"
         "  --ep LIST   only these endpoints (labels or numbers, comma separated);\n"
         "              in the chart a message is drawn when both ends are listed\n"
         "  --run N     the run (default: the run of the first event >= FROM)\n"
         "  --max N     chart rows (default 1000) or timeline spans (default 20000);\n"
         "              beyond it the picture is cut and says so\n"
         "  -o FILE     output file, - for stdout");
}

struct svg_args { const char *db, *out, *eps; int64_t from, to, run; int max, timeline; };

static int parse(int argc, char **argv, struct svg_args *a)
{
    static const struct option lo[] = {
        { "from", 1, 0, 'f' }, { "to", 1, 0, 't' }, { "ep", 1, 0, 'e' }, { "run", 1, 0, 'r' },
        { "max", 1, 0, 'm' }, { "timeline", 0, 0, 'T' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    int c;
    char *end;
    memset(a, 0, sizeof *a);
    a->to = -1;
    while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
        long long v = optarg ? strtoll(optarg, &end, 0) : 0;
        if (optarg && c != 'o' && c != 'e' && (*end || v < 0))
            return usage_error("svg", "a number >= 0 expected");
        switch (c) {
        case 'o': a->out = optarg; break;
        case 'f': a->from = v; break;
        case 't': a->to = v; break;
        case 'e': a->eps = optarg; break;
        case 'r': a->run = v; break;
        case 'm': a->max = (int)v; break;
        case 'T': a->timeline = 1; break;
        case 'h': help(); exit(0);
        default: return usage_error("svg", "bad option");
        }
    }
    if (optind != argc - 1) return usage_error("svg", "need DB");
    if (!a->out) return usage_error("svg", "need -o FILE.svg");
    if (a->to >= 0 && a->to < a->from) return usage_error("svg", "--to is before --from");
    a->db = argv[optind];
    return 0;
}

static int draw(sqlite3 *db, const struct svg_args *a, FILE *f)
{
    char err[200], title[200];
    if (a->timeline) {
        struct tl_opts t = { a->run, a->from, a->to, a->eps, a->max ? a->max : 20000 };
        if (svg_timeline(db, &t, f, err, sizeof err) == 0) return 0;
        fprintf(stderr, "lantern-trace svg: %s\n", err);
        return 1;
    }
    static struct msc m;
    struct msc_opts o = { .run_id = a->run, .from = a->from, .to = a->to,
                          .max_rows = a->max ? a->max : 1000, .eps = a->eps };
    int rc = msc_load(db, &o, &m);
    if (!rc && !m.n) rc = -1, snprintf(m.err, sizeof m.err, "no messages, kernel calls or blocks in the range");
    if (rc) { fprintf(stderr, "lantern-trace svg: %s\n", m.err); msc_free(&m); return 1; }
    snprintf(title, sizeof title, "Lantern sequence chart: run %lld, events %lld..%lld",
             (long long)m.run_id, (long long)m.it[0].id, (long long)m.it[m.n - 1].id);
    rc = svg_chart(f, &m, title);
    if (m.next_id >= 0) fprintf(stderr, "lantern-trace svg: cut after %d rows (--max); next id %lld\n",
                                m.n, (long long)m.next_id);
    msc_free(&m);
    return rc ? 1 : 0;
}

int cmd_svg(int argc, char **argv)
{
    struct svg_args a;
    int rc = parse(argc, argv, &a);
    if (rc) return rc;
    sqlite3 *db = open_trace_db("svg", a.db);
    if (!db) return 1;
    char tmp[4096];
    int to_stdout = !strcmp(a.out, "-");
    snprintf(tmp, sizeof tmp, "%s.tmp", a.out);
    FILE *f = to_stdout ? stdout : fopen(tmp, "w");
    if (!f) { perror(tmp); sqlite3_close(db); return 1; }
    rc = draw(db, &a, f);
    if (!to_stdout) {
        if (fclose(f)) rc = 1;
        if (rc) remove(tmp);
        else if (rename(tmp, a.out)) { perror(a.out); rc = 1; }
    }
    sqlite3_close(db);
    return rc;
}
