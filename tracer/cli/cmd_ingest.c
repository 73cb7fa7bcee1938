/* cmd_ingest.c: `ingest`, and the shared ingest driver used by `record`.
 *
 * One decoder for every input: the file is sniffed (stream frames start
 * with A5 5A) or forced with --format.  A RAM image is mmap'd and, with
 * --follow, polled every 20 ms; a stream is read as it grows.  Batches are
 * committed every 100k rows (10k rows or 100 ms when following). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    nanosleep(&t, NULL);
}

static int pid_alive(int pid)
{
    if (pid <= 0 || waitpid(pid, NULL, WNOHANG) == pid) return 0;
    return kill(pid, 0) == 0 || errno == EPERM;
}

/* Should a follower stop?  `got` = records seen in this poll. */
struct follow { const struct ingest_opts *o; double last_data; };

static int follow_done(struct follow *f, uint64_t got)
{
    double now = now_s();
    if (got) f->last_data = now;
    if (g_stop) return 1;
    if (f->o->until_pid && !pid_alive(f->o->until_pid)) return 1;
    if (f->o->idle_exit_ms && (now - f->last_data) * 1000 > f->o->idle_exit_ms) return 1;
    return !f->o->follow;
}

static const uint8_t *map_file(const char *path, size_t *len, int *fd)
{
    struct stat st;
    *fd = open(path, O_RDONLY);
    if (*fd < 0 || fstat(*fd, &st)) { perror(path); return NULL; }
    *len = (size_t)st.st_size;
    if (!*len) return NULL;
    void *m = mmap(NULL, *len, PROT_READ, MAP_SHARED, *fd, 0);
    return m == MAP_FAILED ? NULL : m;
}

static int ingest_dump(struct store *s, struct tdec *d, const struct ingest_opts *o)
{
    struct follow f = { o, now_s() };
    size_t len = 0, off;
    int fd = -1;
    const uint8_t *img = NULL;
    for (;;) {                            /* wait for the control page */
        if (!img) img = map_file(o->input, &len, &fd);
        if (img && (off = tring_find(d, img, len, 0)) != (size_t)-1) break;
        if (img) { munmap((void *)img, len); close(fd); img = NULL; }
        if (!o->follow || follow_done(&f, 0)) {
            fprintf(stderr, "lantern-trace: %s: no valid trace control page found\n", o->input);
            return -1;
        }
        sleep_ms(20);
    }
    struct tring t;
    if (tring_attach(&t, d, img, len, off)) return -1;
    t.live = o->follow;
    for (;;) {
        uint64_t got = tring_poll(&t, d);
        store_maybe_commit(s, o->follow);
        if (d->stop || follow_done(&f, got)) break;
        sleep_ms(20);
    }
    t.live = 0;
    tring_poll(&t, d);                    /* final read: the writer has stopped */
    tdec_flush(d);
    munmap((void *)img, len);
    close(fd);
    return 0;
}

static int ingest_stream(struct store *s, struct tdec *d, const struct ingest_opts *o)
{
    struct follow f = { o, now_s() };
    FILE *in = fopen(o->input, "rb");
    if (!in) { perror(o->input); return -1; }
    size_t cap = 1 << 22, have = 0;
    uint8_t *buf = malloc(cap);
    struct tstream st;
    tstream_init(&st);
    for (;;) {
        size_t n = fread(buf + have, 1, cap - have, in);
        have += n;
        int done = n == 0 && follow_done(&f, 0);
        size_t used = tstream_feed(&st, d, buf, have, done);
        memmove(buf, buf + used, have - used);
        have -= used;
        if (n) f.last_data = now_s();
        store_maybe_commit(s, o->follow);
        if (done || d->stop) break;
        if (!n) { clearerr(in); sleep_ms(20); }
    }
    tdec_flush(d);
    free(buf);
    fclose(in);
    return d->have_run ? 0 : -1;
}

int ingest_run(const struct ingest_opts *o, struct tdec *out)
{
    struct store s;
    struct tdec_sink sink;
    static struct tdec d;
    if (!o->append && db_fresh(o->db)) return 1;
    if (store_open(&s, o->db, 1)) return 1;
    s.source = o->input;
    if (o->follow) ddl_indexes(s.db);
    s.quiet = o->quiet;
    store_sink(&s, &sink);
    tdec_init(&d, &sink);
    enum tinput fmt = o->format;
    if (fmt == TIN_AUTO) {
        uint8_t head[2] = { 0, 0 };
        FILE *f = fopen(o->input, "rb");
        if (f) { if (fread(head, 1, 2, f) != 2) head[0] = 0; fclose(f); }
        else if (!o->follow) { perror(o->input); store_close(&s); return 1; }
        fmt = tinput_sniff(head, 2) == TIN_STREAM ? TIN_STREAM : TIN_DUMP;
    }
    int rc = fmt == TIN_STREAM ? ingest_stream(&s, &d, o) : ingest_dump(&s, &d, o);
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
    struct tdec d;
    int rc = ingest_run(&o, &d);
    if (!o.quiet)
        fprintf(stderr, "lantern-trace: %llu records into %s (lost: %llu overwrite, %llu torn, "
                "%llu gap; %llu problems)\n", (unsigned long long)d.n_rec, o.db,
                (unsigned long long)d.n_lost[TL_OVERWRITE], (unsigned long long)d.n_lost[TL_TORN],
                (unsigned long long)d.n_lost[TL_GAP], (unsigned long long)d.n_diag);
    return rc;
}
