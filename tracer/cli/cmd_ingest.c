/* cmd_ingest.c: `ingest`, and the shared ingest driver used by `record`.
 *
 * One decoder for every input: the file is sniffed (stream frames start
 * with A5 5A) or forced with --format; the readers are in follow.c.  Batches
 * are committed every 100k rows (10k rows or 100 ms when following). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

int db_fresh(const char *path)
{
    char buf[4096];
    const char *sfx[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, sfx[i]);
        if (unlink(buf) && errno != ENOENT) { perror(buf); return -1; }
    }
    return 0;
}

int ingest_run(const struct ingest_opts *o, struct tdec *out)
{
    struct store s;
    struct tdec_sink sink = { 0 };
    static struct tdec d;
    if (!o->append && db_fresh(o->db)) return 1;
    if (store_open(&s, o->db, 1)) return 1;
    s.source = o->input;
    s.quiet = o->quiet;
    store_sink(&s, &sink);
    tdec_init(&d, &sink);
    enum tinput fmt = o->format;
    if (fmt == TIN_AUTO) {
        static uint8_t head[TIN_SNIFF_BYTES];
        size_t n = 0;
        FILE *f = fopen(o->input, "rb");
        if (f) { n = fread(head, 1, sizeof head, f); fclose(f); }
        else if (!o->follow) { perror(o->input); store_close(&s); return 1; }
        fmt = tinput_sniff(head, n) == TIN_STREAM ? TIN_STREAM : TIN_DUMP;
    }
    int rc = fmt == TIN_STREAM ? follow_stream(&s, &d, o) : follow_dump(&s, &d, o);
    if (store_finish(&s, &d)) rc = -1;
    store_close(&s);
    if (out) *out = d;
    return rc ? 1 : 0;
}

static void help(void)
{
    puts("usage: lantern-trace ingest [options] INPUT\n\n"
         "Import a port-0xE9 stream file or a RAM image (QEMU memory-backend file,\n"
         "pmemsave or Bochs writemem dump) into an SQLite database.\n\n"
         "  -o, --db FILE        database to write (default trace.db; replaced)\n"
         "  -a, --append         add to an existing database instead\n"
         "  -f, --format FMT     auto (default), stream or dump\n"
         "  -F, --follow         keep reading while the input grows (live)\n"
         "      --until-pid PID  with --follow: stop once PID has exited\n"
         "      --idle-exit MS   with --follow: stop after MS ms without new data\n"
         "  -q, --quiet          no per-problem messages (still stored in table diag)\n\n"
         "Problems (bad CRC, torn records, truncation) are reported with the input\n"
         "offset; everything valid is kept.  Exit status 0 if a trace was found.");
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option lo[] = {
        { "db", 1, 0, 'o' }, { "append", 0, 0, 'a' }, { "format", 1, 0, 'f' },
        { "follow", 0, 0, 'F' }, { "until-pid", 1, 0, 'P' }, { "idle-exit", 1, 0, 'I' },
        { "quiet", 0, 0, 'q' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    struct ingest_opts o = { .db = "trace.db" };
    int c;
    while ((c = getopt_long(argc, argv, "o:af:Fqh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o.db = optarg; break;
        case 'a': o.append = 1; break;
        case 'f':
            o.format = !strcmp(optarg, "stream") ? TIN_STREAM : !strcmp(optarg, "dump") ? TIN_DUMP
                     : TIN_AUTO;
            break;
        case 'F': o.follow = 1; break;
        case 'P': o.until_pid = atoi(optarg); break;
        case 'I': o.idle_exit_ms = atoi(optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': help(); return 0;
        default: return usage_error("ingest", "bad option");
        }
    }
    if (optind != argc - 1) return usage_error("ingest", "need exactly one INPUT");
    o.input = argv[optind];
    install_stop_handlers();
    static struct tdec d;
    int rc = ingest_run(&o, &d);
    if (!o.quiet) ingest_summary(o.db, &d);
    return rc;
}
