/* follow.c: the input readers behind `ingest` and `record`: a RAM image
 * (QEMU memory-backend file, dump) and a port-0xE9 stream file, both
 * optionally followed while a writer still runs.
 *
 * Termination invariant: whether to stop is decided BEFORE a read (writer
 * process gone, idle timeout, signal, or not following), so the last read
 * always starts after the writer stopped and sees all it wrote.  Combined
 * with the decoder's "each index at most once, in order", every record is
 * ingested exactly once however short or long the writer ran.
 *
 * The control page is looked for with pread() over the file's data extents
 * (SEEK_DATA skips never-written guest RAM): an mmap scan would fault in,
 * and on tmpfs allocate, every page of a 128 MiB guest. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

#define PAGE       4096
#define SCAN_CHUNK (1u << 20)       /* a multiple of PAGE */
#define KILL_WAIT  5.0              /* s between SIGTERM and SIGKILL */

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    nanosleep(&t, NULL);
}

int g_child_status = -1;

static int pid_alive(int pid)
{
    int st;
    if (pid <= 0) return 0;
    if (waitpid(pid, &st, WNOHANG) == pid) { g_child_status = st; return 0; }
    return kill(pid, 0) == 0 || errno == EPERM;
}

struct follow { const struct ingest_opts *o; double last_data, killed_at; };

static void stop_group(struct follow *f, int pgid)
{
    if (!f->killed_at) { kill(-pgid, SIGTERM); f->killed_at = now_s(); }
    else if (now_s() - f->killed_at > KILL_WAIT) kill(-pgid, SIGKILL);
}

/* Is the writer still running?  With stop_child, until_pid leads a process
 * group (record's emulator) and the writer runs while any member does; a
 * member outliving the leader (Bochs answers SIGTERM by entering its
 * debugger) or a stop request gets SIGTERM, then SIGKILL.  A group that
 * still "exists" 2 * KILL_WAIT after that holds only unreaped zombies. */
static int writer_alive(struct follow *f)
{
    const struct ingest_opts *o = f->o;
    if (!o->until_pid) return 0;
    int leader = pid_alive(o->until_pid);
    if (!o->stop_child) return leader;
    int group = kill(-o->until_pid, 0) == 0;
    if (group && (g_stop || !leader)) stop_group(f, o->until_pid);
    if (!leader && f->killed_at && now_s() - f->killed_at > 2 * KILL_WAIT) return 0;
    return leader || group;
}

/* Is the writer finished, so that the next read is the last one? */
static int writer_done(struct follow *f)
{
    const struct ingest_opts *o = f->o;
    int alive = writer_alive(f);
    if (g_stop && alive && o->stop_child) return 0;   /* stopping it; read to its end */
    if (!o->follow || g_stop) return 1;
    if (o->until_pid && !alive) return 1;
    return o->idle_exit_ms && (now_s() - f->last_data) * 1000 > o->idle_exit_ms;
}

/* File offset of a valid control page, or -1.  Bad candidates are reported
 * only when `report` (a writer may be half-way through one). */
static off_t scan_fd(int fd, size_t len, struct tdec *d, int report)
{
    static uint8_t buf[SCAN_CHUNK];
    char msg[200];
    off_t pos = 0;
    while ((size_t)pos < len) {
        off_t at = lseek(fd, pos, SEEK_DATA);
        if (at < 0 && errno == ENXIO) break;      /* only holes after pos */
        if (at < 0) at = pos;                     /* SEEK_DATA unsupported */
        at &= ~(off_t)(PAGE - 1);
        size_t want = len - (size_t)at < SCAN_CHUNK ? len - (size_t)at : SCAN_CHUNK;
        ssize_t got = pread(fd, buf, want, at);
        if (got <= 0) break;
        for (size_t p = 0; p + sizeof(struct trace_ctl) <= (size_t)got; p += PAGE) {
            if (memcmp(buf + p, TRACE_MAGIC, 8)) continue;
            if (!tdec_check_ctl(buf + p, (size_t)got - p, msg, sizeof msg)) return at + (off_t)p;
            if (report) tdec_diag(d, (uint64_t)at + p, "control page candidate: %s", msg);
        }
        pos = at + got;
    }
    return -1;
}

struct ram { int fd; size_t len; const uint8_t *img; struct tring t; int attached; };

/* 1 attached, 0 not yet, -1 fatal (a valid control page with a bad ring). */
static int ram_attach(struct ram *m, struct tdec *d, const char *path, int report)
{
    struct stat st;
    if (m->fd < 0 && (m->fd = open(path, O_RDONLY)) < 0) {
        if (report) perror(path);
        return 0;
    }
    if (fstat(m->fd, &st) || st.st_size <= 0) return 0;
    off_t off = scan_fd(m->fd, (size_t)st.st_size, d, report);
    if (off < 0) return 0;
    m->len = (size_t)st.st_size;
    void *img = mmap(NULL, m->len, PROT_READ, MAP_SHARED, m->fd, 0);
    if (img == MAP_FAILED) { perror(path); return -1; }
    m->img = img;
    if (tring_attach(&m->t, d, m->img, m->len, (size_t)off)) return -1;
    m->attached = 1;
    return 1;
}

int follow_dump(struct store *s, struct tdec *d, const struct ingest_opts *o)
{
    struct follow f = { o, now_s(), 0 };
    struct ram m = { .fd = -1 };
    int rc = 0;
    for (;;) {
        int last = writer_done(&f);
        if (!m.attached && (rc = ram_attach(&m, d, o->input, last)) < 0) break;
        if (m.attached) {
            m.t.live = !last;              /* live: one slot of slack for the writer */
            if (tring_poll(&m.t, d)) f.last_data = now_s();
        }
        store_maybe_commit(s, o->follow);
        if (o->progress) progress_tick(d, last);
        if (last || d->stop) break;
        sleep_ms(20);
    }
    tdec_flush(d);
    if (!m.attached && rc == 0)
        fprintf(stderr, "lantern-trace: %s: no valid trace control page found\n", o->input);
    if (m.img) munmap((void *)m.img, m.len);
    if (m.fd >= 0) close(m.fd);
    return m.attached ? 0 : -1;
}

int follow_stream(struct store *s, struct tdec *d, const struct ingest_opts *o)
{
    struct follow f = { o, now_s(), 0 };
    FILE *in = NULL;
    size_t cap = 1 << 22, have = 0;
    uint8_t *buf = malloc(cap);
    struct tstream st;
    tstream_init(&st);
    for (;;) {
        int last = writer_done(&f);
        if (!in && !(in = fopen(o->input, "rb")) && last) { perror(o->input); break; }
        size_t n = in ? fread(buf + have, 1, cap - have, in) : 0;
        have += n;
        int done = last && n == 0;         /* the writer had stopped before this read */
        size_t used = tstream_feed(&st, d, buf, have, done);
        memmove(buf, buf + used, have - used);
        have -= used;
        if (n) f.last_data = now_s();
        store_maybe_commit(s, o->follow);
        if (o->progress) progress_tick(d, done);
        if (done || d->stop) break;
        if (!n) { if (in) clearerr(in); sleep_ms(20); }
    }
    tdec_flush(d);
    free(buf);
    if (in) fclose(in);
    return d->have_run ? 0 : -1;
}
