/* main.c: lantern-trace entry point and subcommand dispatch.
 * Every subcommand parses its own options and answers --help. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct { const char *name; int (*fn)(int, char **); const char *what; } cmds[] = {
    { "record", cmd_record, "boot Lantern with tracing on and ingest live into a DB" },
    { "ingest", cmd_ingest, "import a 0xE9 stream file or a memory dump into a DB" },
    { "ui",     cmd_ui,     "browse a trace DB (ncurses; follows a DB being written)" },
    { "query",  cmd_query,  "run SQL or a canned query; table, CSV or JSON output" },
    { "stats",  cmd_stats,  "summary: events per type and endpoint, loss, time span" },
    { "svg",    cmd_svg,    "sequence chart or per-endpoint timeline as an SVG file" },
    { "diff",   cmd_diff,   "where two runs' message sequences part (per endpoint pair)" },
    { "gen",    cmd_gen,    "write a generated test trace (RAM image and/or stream)" },
    { "bench",  cmd_bench,  "ingest and UI paging benchmarks" },
};

static int help(FILE *out)
{
    fprintf(out, "usage: lantern-trace <command> [options]   (lantern-trace <command> --help)\n\n");
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fprintf(out, "  %-7s %s\n", cmds[i].name, cmds[i].what);
    fprintf(out, "\nSee docs/tracer.md and docs/trace-schema.md.\n");
    return out == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return help(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
        return help(stdout);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "lantern-trace: unknown command '%s'\n", argv[1]);
    return help(stderr);
}
