/* lantern-test: the host side of Lantern's guest test harness.
 *
 * Reads tests/suites.txt, boots each selected run in QEMU or Bochs with a
 * fresh random nonce on the kernel command line, reads the framed results the
 * kernel writes to COM2 (see os/include/lantern/testproto.h) while the guest
 * runs, and prints one `ok - ` / `not ok - ` line per result.  Only frames
 * with the right magic, nonce and CRC count; the console (COM1) only goes to a
 * log file, so nothing a guest prints can fake a result.
 *
 *   lantern-test [-B build] [-f tests/suites.txt] [-I image] [-s SUITE]...
 *                [-e qemu|bochs] [-k] [-v] [-l]
 *   lantern-test --bench OUT.tsv [--boot-programs "init"] [--build-s SECONDS]
 *
 * Exit status: 0 if every result passed, 1 if any failed, 2 on usage errors.
 * Documented in docs/testing.md.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <lantern/testproto.h>

/* ------------------------------------------------------------------ util */

#define MAX_PROGS 32
#define MAX_RUNS  256
#define MAX_ARGS  96

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lantern-test: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    return s;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void mkdirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0777);
            *s = '/';
        }
    }
    mkdir(p, 0777);
    free(p);
}

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *sub = xasprintf("%s/%s", path, e->d_name);
                rm_rf(sub);
                free(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void move_file(const char *from, const char *to)
{
    if (!file_exists(from))
        return;
    if (rename(from, to) == 0)
        return;
    /* different file system: copy */
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (in && out) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    unlink(from);
}

/* Last `n` lines of a text file, each printed as a diagnostic "#   | ...". */
static void print_tail(const char *path, int n, const char *label)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long start = size > 4096 ? size - 4096 : 0;
    fseek(f, start, SEEK_SET);
    char *buf = xmalloc(4097);
    size_t len = fread(buf, 1, 4096, f);
    fclose(f);
    buf[len] = 0;
    /* strip NULs and control characters except newline */
    for (size_t i = 0; i < len; i++)
        if (buf[i] == 0)
            buf[i] = ' ';
        else if ((unsigned char)buf[i] < 32 && buf[i] != '\n' && buf[i] != '\t' &&
                 buf[i] != '\r')
            buf[i] = '?';
    int lines = 0;
    long i = (long)len;
    while (i > 0 && buf[i - 1] == '\n')
        buf[--i] = 0;
    while (i > 0 && lines < n) {
        i--;
        if (buf[i] == '\n')
            lines++;
    }
    if (buf[i] == '\n')
        i++;
    if (!buf[i]) {
        free(buf);
        return;
    }
    printf("#   last lines of %s:\n", label);
    char *save, *line = strtok_r(buf + i, "\n", &save);
    while (line) {
        size_t l = strlen(line);
        while (l > 0 && (line[l - 1] == '\r' || line[l - 1] == ' '))
            line[--l] = 0;
        for (char *q = line; *q; q++)
            if (*q == '\r')
                *q = ' ';
        printf("#   | %s\n", line);
        line = strtok_r(NULL, "\n", &save);
    }
    free(buf);
}

/* ----------------------------------------------------------------- CRC-32 */

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--)
        c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---------------------------------------------------------------- suites */

struct run {
    char *name;          /* "ipc/main" */
    char *suite;         /* "ipc" */
    char *emu;           /* qemu | bochs */
    char *boot;          /* kernel | iso */
    int timeout;
    char *expect;        /* results | booted | panic:<text> */
    char *cmdline;
    int icount;
    char *progs[MAX_PROGS];
    int nprogs;
    int lineno;
};

static struct run runs[MAX_RUNS];
static int nruns;

/* Decode %XX escapes in place (for cmdline=a%20b). */
static void url_decode(char *s)
{
    char *o = s;
    while (*s) {
        if (s[0] == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
            char hex[3] = { s[1], s[2], 0 };
            *o++ = (char)strtol(hex, NULL, 16);
            s += 3;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
}

/* Split a suites.txt line into words; double quotes group words. */
static int split_words(char *line, char **w, int max)
{
    int n = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (n == max)
            return -1;
        char *o = p;
        w[n++] = o;
        int q = 0;
        while (*p && (q || (*p != ' ' && *p != '\t'))) {
            if (*p == '"') {
                q = !q;
                p++;
                continue;
            }
            *o++ = *p++;
        }
        if (*p)
            p++;
        *o = 0;
    }
    return n;
}

static void parse_suites(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open %s: %s", path, strerror(errno));
    char line[4096];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = line;
        /* comments: '#' at line start or after whitespace */
        for (; (hash = strchr(hash, '#')); hash++)
            if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
                *hash = 0;
                break;
            }
        line[strcspn(line, "\r\n")] = 0;
        char *w[MAX_PROGS + 32];
        int n = split_words(line, w, (int)(sizeof w / sizeof w[0]));
        if (n < 0)
            die("%s:%d: too many words", path, lineno);
        if (n == 0)
            continue;
        if (nruns == MAX_RUNS)
            die("%s: too many runs", path);
        struct run *r = &runs[nruns];
        memset(r, 0, sizeof *r);
        r->lineno = lineno;
        r->name = xstrdup(w[0]);
        char *slash = strchr(w[0], '/');
        if (!slash || slash == w[0] || !slash[1] || strchr(slash + 1, '/'))
            die("%s:%d: run name must be <suite>/<run>, got '%s'", path, lineno, w[0]);
        *slash = 0;
        r->suite = xstrdup(w[0]);
        r->emu = "qemu";
        r->boot = "kernel";
        r->timeout = 60;
        r->expect = "results";
        r->cmdline = "";
        int i = 1;
        for (; i < n && strcmp(w[i], "--"); i++) {
            char *eq = strchr(w[i], '=');
            if (!eq)
                die("%s:%d: expected key=value or --, got '%s'", path, lineno, w[i]);
            *eq = 0;
            char *k = w[i], *v = eq + 1;
            if (!strcmp(k, "emu")) {
                if (strcmp(v, "qemu") && strcmp(v, "bochs"))
                    die("%s:%d: emu must be qemu or bochs", path, lineno);
                r->emu = xstrdup(v);
            } else if (!strcmp(k, "boot")) {
                if (strcmp(v, "kernel") && strcmp(v, "iso"))
                    die("%s:%d: boot must be kernel or iso", path, lineno);
                r->boot = xstrdup(v);
            } else if (!strcmp(k, "timeout")) {
                r->timeout = atoi(v);
                if (r->timeout <= 0)
                    die("%s:%d: bad timeout", path, lineno);
            } else if (!strcmp(k, "expect")) {
                if (strcmp(v, "results") && strcmp(v, "booted") && strncmp(v, "panic:", 6))
                    die("%s:%d: expect must be results, booted or panic:<text>", path, lineno);
                r->expect = xstrdup(v);
                url_decode(r->expect);
            } else if (!strcmp(k, "cmdline")) {
                r->cmdline = xstrdup(v);
                url_decode(r->cmdline);
            } else if (!strcmp(k, "icount")) {
                r->icount = atoi(v) != 0;
            } else {
                die("%s:%d: unknown key '%s'", path, lineno, k);
            }
        }
        if (i == n)
            die("%s:%d: missing '-- <program>...'", path, lineno);
        for (i++; i < n; i++) {
            if (r->nprogs == MAX_PROGS)
                die("%s:%d: too many programs", path, lineno);
            r->progs[r->nprogs++] = xstrdup(w[i]);
        }
        if (!strcmp(r->emu, "bochs"))
            r->boot = "iso";     /* Bochs cannot load a multiboot kernel itself */
        nruns++;
    }
    fclose(f);
}

/* ------------------------------------------------------------ options */

static const char *opt_build = "build";
static const char *opt_suites = "tests/suites.txt";
static const char *opt_image = "image";
static const char *opt_qemu = "qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot "
                              "-device isa-debug-exit,iobase=0xf4,iosize=0x04";
static const char *opt_emu;
static char *opt_filter[64];
static int nfilter;
static int opt_keep, opt_verbose, opt_list;
static const char *opt_bench;
static const char *opt_boot_programs = "init";
static const char *opt_build_s;
static int opt_boot_samples = 5;

static int selected(const struct run *r)
{
    if (opt_emu && *opt_emu && strcmp(opt_emu, r->emu))
        return 0;
    if (opt_bench)
        return !strcmp(r->suite, "bench");
    if (nfilter == 0)
        return strcmp(r->suite, "bench") != 0;  /* bench runs only in --bench */
    for (int i = 0; i < nfilter; i++)
        if (!strcmp(opt_filter[i], r->suite) || !strcmp(opt_filter[i], r->name))
            return 1;
    return 0;
}

/* ------------------------------------------------------ frame parsing */

struct suite_count {
    char name[96];
    int planned;         /* -1: no plan frame */
    int results;
    int done;
};

struct bench_metric {
    char metric[96], value[64], unit[32];
};

struct outcome {
    /* counters */
    int passed, failed, skipped;
    int frames, bad_crc, bad_nonce, garbage;
    /* state */
    int booted;
    double booted_at;    /* seconds since emulator start */
    int panicked;
    char panic_text[TR_MAX_PAYLOAD + 1];
    int want_stop;       /* the run has what it needs: stop the emulator */
    struct suite_count suites[32];
    int nsuites;
    struct bench_metric bench[64];
    int nbench;
    /* parser buffer */
    uint8_t buf[1 << 16];
    size_t len;
};

struct runctx {
    const struct run *r;
    struct outcome *o;
    double t0;
    int print;           /* print result lines (not in bench boot timing) */
};

static struct suite_count *suite_of(struct outcome *o, const char *name, size_t n)
{
    if (n >= sizeof o->suites[0].name)
        n = sizeof o->suites[0].name - 1;
    for (int i = 0; i < o->nsuites; i++)
        if (strlen(o->suites[i].name) == n && !memcmp(o->suites[i].name, name, n))
            return &o->suites[i];
    if (o->nsuites == (int)(sizeof o->suites / sizeof o->suites[0]))
        return &o->suites[o->nsuites - 1];
    struct suite_count *s = &o->suites[o->nsuites++];
    memcpy(s->name, name, n);
    s->name[n] = 0;
    s->planned = -1;
    return s;
}

/* Make a payload string printable on one line. */
static void clean_text(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s == 127)
            *s = ' ';
}

static void result_line(struct runctx *c, int ok, const char *name, const char *fmt, ...)
{
    struct outcome *o = c->o;
    char reason[1024] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, sizeof reason, fmt, ap);
        va_end(ap);
        clean_text(reason);
    }
    if (ok)
        o->passed++;
    else
        o->failed++;
    if (!c->print)
        return;
    if (opt_bench)      /* bench runs never produce result lines */
        printf("#   %s %s%s%s\n", ok ? "done:" : "problem:", name, *reason ? ": " : "", reason);
    else if (ok)
        printf("ok - %s\n", name);
    else
        printf("not ok - %s%s%s\n", name, *reason ? ": " : "", reason);
    fflush(stdout);
}

static void handle_frame(struct runctx *c, uint8_t kind, uint8_t status,
                         const char *pl, size_t len)
{
    struct outcome *o = c->o;
    const struct run *r = c->r;
    int results = !strcmp(r->expect, "results") && !opt_bench;
    int bench = opt_bench != NULL;
    /* the payload with a terminating NUL; p2 = text after the first NUL */
    char text[TR_MAX_PAYLOAD + 2];
    memcpy(text, pl, len);
    text[len] = 0;
    text[len + 1] = 0;
    size_t l1 = strlen(text);
    char *p2 = l1 < len ? text + l1 + 1 : text + len;   /* "" if none */

    o->frames++;
    if (opt_verbose && c->print)
        printf("#   frame kind=%u status=%u \"%s\"%s%s\n", kind, status, text,
               *p2 ? " / " : "", p2);

    switch (kind) {
    case TR_BOOTED:
        if (!o->booted) {
            o->booted = 1;
            o->booted_at = now_s() - c->t0;
        }
        if (!strcmp(r->expect, "booted"))
            o->want_stop = 1;
        break;
    case TR_PANIC:
        if (!o->panicked) {
            o->panicked = 1;
            snprintf(o->panic_text, sizeof o->panic_text, "%.*s", (int)len, pl);
            clean_text(o->panic_text);
        }
        o->want_stop = 1;   /* nothing useful comes after a panic */
        break;
    case TR_PLAN: {
        struct suite_count *s = suite_of(o, text, l1);
        int n = *p2 ? atoi(p2) : status;
        s->planned = (s->planned < 0 ? 0 : s->planned) + n;
        break;
    }
    case TR_DONE:
        suite_of(o, text, l1)->done = 1;
        break;
    case TR_RESULT: {
        if (!results)
            break;
        char *sl = strchr(text, '/');
        struct suite_count *s = suite_of(o, text, sl ? (size_t)(sl - text) : l1);
        s->results++;
        char *name = text;
        clean_text(name);
        if (status == TR_OK) {
            result_line(c, 1, name, NULL);
        } else if (status == TR_SKIP) {
            o->skipped++;
            if (c->print) {
                clean_text(p2);
                printf("ok - %s # SKIP %s\n", name, *p2 ? p2 : "(no reason)");
                fflush(stdout);
            }
        } else {
            result_line(c, 0, name, "%s", *p2 ? p2 : "failed (no reason given)");
        }
        break;
    }
    case TR_BENCH: {
        if (!bench || o->nbench == (int)(sizeof o->bench / sizeof o->bench[0]))
            break;
        char *p3 = p2 + strlen(p2) + 1;
        if (p3 > text + len)
            p3 = "";
        struct bench_metric *m = &o->bench[o->nbench++];
        snprintf(m->metric, sizeof m->metric, "%s", text);
        snprintf(m->value, sizeof m->value, "%s", p2);
        snprintf(m->unit, sizeof m->unit, "%s", p3);
        clean_text(m->metric);
        clean_text(m->value);
        clean_text(m->unit);
        break;
    }
    case TR_FAULT:
        if (c->print) {
            clean_text(text);
            printf("#   %s: guest fault: %s\n", r->name, text);
        }
        break;
    default:
        break;
    }
}

/* Feed bytes into the frame parser.  Frames: "LTR1" nonce kind status len
 * payload crc; see testproto.h.  On garbage, resynchronise at the next magic. */
static void parse_bytes(struct runctx *c, uint32_t nonce, const uint8_t *data, size_t n)
{
    struct outcome *o = c->o;
    while (n > 0) {
        size_t room = sizeof o->buf - o->len;
        size_t take = n < room ? n : room;
        memcpy(o->buf + o->len, data, take);
        o->len += take;
        data += take;
        n -= take;

        size_t pos = 0;
        for (;;) {
            /* find the magic */
            size_t m = pos;
            while (m + 4 <= o->len && memcmp(o->buf + m, TR_MAGIC, 4))
                m++;
            if (m + 4 > o->len) {
                /* keep up to 3 bytes that may start a magic */
                size_t keep = o->len - pos < 3 ? o->len - pos : 3;
                o->garbage += (int)(o->len - pos - keep);
                pos = o->len - keep;
                break;
            }
            o->garbage += (int)(m - pos);
            pos = m;
            if (o->len - pos < 12)
                break;
            const uint8_t *h = o->buf + pos;
            uint16_t plen = h[10] | h[11] << 8;
            if (plen > TR_MAX_PAYLOAD) {
                o->bad_crc++;
                pos += 1;
                continue;
            }
            if (o->len - pos < 12u + plen + 4u)
                break;
            uint32_t crc = crc32_ieee(h + 4, 8u + plen);
            if (crc != get_le32(h + 12 + plen)) {
                o->bad_crc++;
                pos += 1;            /* resync: search the next magic */
                continue;
            }
            if (get_le32(h + 4) != nonce) {
                o->bad_nonce++;
                pos += 16u + plen;
                continue;
            }
            handle_frame(c, h[8], h[9], (const char *)h + 12, plen);
            pos += 16u + plen;
        }
        memmove(o->buf, o->buf + pos, o->len - pos);
        o->len -= pos;
    }
}

/* ----------------------------------------------------------- emulators */

struct emu {
    pid_t pid;
    int ptm;             /* Bochs: pty master, -1 otherwise */
    int term_fd;         /* where the pty output goes */
    int exited;
    int status;
};

static char *argv_buf[MAX_ARGS];

static void split_cmd(const char *cmd, char **argv, int *argc)
{
    char *s = xstrdup(cmd);
    char *save, *t = strtok_r(s, " \t", &save);
    while (t) {
        if (*argc >= MAX_ARGS - 1)
            die("emulator command too long");
        argv[(*argc)++] = t;
        t = strtok_r(NULL, " \t", &save);
    }
}

static void print_argv(char **argv)
{
    printf("#   $");
    for (int i = 0; argv[i]; i++)
        printf(strchr(argv[i], ' ') ? " '%s'" : " %s", argv[i]);
    printf("\n");
}

/* Start the emulator in its own session (process group) so that it and
 * everything it starts can be stopped at once.  stdin is /dev/null; stdout
 * and stderr go to `out`.  With use_pty, the child gets a pseudo terminal
 * instead (Bochs' term display needs one); the master is drained into `out`. */
static void emu_start(struct emu *e, char **argv, const char *out, int use_pty)
{
    memset(e, 0, sizeof *e);
    e->ptm = -1;
    e->term_fd = -1;
    char *slave = NULL;
    if (use_pty) {
        e->ptm = posix_openpt(O_RDWR | O_NOCTTY);
        if (e->ptm < 0 || grantpt(e->ptm) < 0 || unlockpt(e->ptm) < 0)
            die("cannot allocate a pseudo terminal: %s", strerror(errno));
        slave = xstrdup(ptsname(e->ptm));
        fcntl(e->ptm, F_SETFL, O_NONBLOCK);
        fcntl(e->ptm, F_SETFD, FD_CLOEXEC);
        e->term_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        setsid();
        int in, o;
        if (use_pty) {
            in = open(slave, O_RDWR);       /* becomes the controlling tty */
            if (in < 0)
                _exit(126);
            struct winsize ws = { .ws_row = 30, .ws_col = 100 };
            ioctl(in, TIOCSWINSZ, &ws);
            o = in;
            setenv("TERM", "xterm", 1);
        } else {
            in = open("/dev/null", O_RDONLY);
            o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        }
        if (in < 0 || o < 0)
            _exit(126);
        dup2(in, 0);
        dup2(o, 1);
        dup2(o, 2);
        if (in > 2)
            close(in);
        if (o > 2 && o != in)
            close(o);
        execvp(argv[0], argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    free(slave);
    e->pid = pid;
}

static void emu_drain(struct emu *e)
{
    if (e->ptm < 0)
        return;
    char buf[8192];
    for (;;) {
        ssize_t n = read(e->ptm, buf, sizeof buf);
        if (n <= 0)
            break;
        if (e->term_fd >= 0 && write(e->term_fd, buf, (size_t)n) < 0)
            break;
    }
}

static int emu_poll(struct emu *e)
{
    emu_drain(e);
    if (!e->exited) {
        pid_t w = waitpid(e->pid, &e->status, WNOHANG);
        if (w == e->pid)
            e->exited = 1;
    }
    return e->exited;
}

/* Stop the emulator's whole process group: SIGTERM, then SIGKILL. */
static void emu_stop(struct emu *e)
{
    if (!e->exited) {
        kill(-e->pid, SIGTERM);
        double t = now_s();
        while (!emu_poll(e) && now_s() - t < 3.0)
            sleep_ms(10);
        if (!e->exited) {
            kill(-e->pid, SIGKILL);
            waitpid(e->pid, &e->status, 0);
            e->exited = 1;
        }
    }
    kill(-e->pid, SIGKILL);      /* stragglers in the group, if any */
    emu_drain(e);
    if (e->ptm >= 0)
        close(e->ptm);
    if (e->term_fd >= 0)
        close(e->term_fd);
    e->ptm = e->term_fd = -1;
}

static void subst_file(const char *tmpl, const char *out, const char *keys[],
                       const char *vals[], int n)
{
    FILE *in = fopen(tmpl, "r");
    if (!in)
        die("cannot open %s: %s", tmpl, strerror(errno));
    FILE *o = fopen(out, "w");
    if (!o)
        die("cannot write %s: %s", out, strerror(errno));
    char line[4096];
    while (fgets(line, sizeof line, in)) {
        char *p = line;
        while (*p) {
            int hit = 0;
            for (int i = 0; i < n; i++) {
                size_t kl = strlen(keys[i]);
                if (!strncmp(p, keys[i], kl)) {
                    fputs(vals[i], o);
                    p += kl;
                    hit = 1;
                    break;
                }
            }
            if (!hit)
                fputc(*p++, o);
        }
    }
    fclose(in);
    fclose(o);
}

/* -------------------------------------------------------------- one run */

struct boot_result {
    double seconds;
    const char *end;     /* "exit", "timeout", "stopped" */
    int exit_code;       /* emulator exit status, -1 if killed */
};

static uint32_t random_nonce(void)
{
    uint32_t v = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, &v, sizeof v) != (ssize_t)sizeof v)
        die("cannot read /dev/urandom");
    close(fd);
    return v;
}

/* Boot one run; fills `o`.  Work files live in `work`.  Returns 0, or -1 with
 * `err` set if the run could not even be started. */
static int boot_run(struct runctx *c, const char *work, struct boot_result *br,
                    char *err, size_t errlen)
{
    const struct run *r = c->r;
    struct outcome *o = c->o;
    uint32_t nonce = random_nonce();
    char *cmdline = xasprintf("nonce=%08x%s%s", nonce, *r->cmdline ? " " : "", r->cmdline);
    char *kernel = xasprintf("%s/kernel/lantern.elf", opt_build);
    char *com1 = xasprintf("%s/console.log", work);
    char *com2 = xasprintf("%s/results.bin", work);
    char *e9 = xasprintf("%s/trace-e9.bin", work);
    char *emuout = xasprintf("%s/emulator.out", work);
    char *elfs[MAX_PROGS];
    int ret = -1;

    if (!file_exists(kernel)) {
        snprintf(err, errlen, "kernel %s not built", kernel);
        goto out_early;
    }
    for (int i = 0; i < r->nprogs; i++) {
        /* "name:arg1:arg2" boots name with arguments (see suites.txt) */
        size_t namelen = strcspn(r->progs[i], ":");
        elfs[i] = xasprintf("%s/prog/%.*s.elf", opt_build, (int)namelen, r->progs[i]);
        if (!file_exists(elfs[i])) {
            snprintf(err, errlen, "program %s not built (%s)", r->progs[i], elfs[i]);
            for (int j = 0; j <= i; j++)
                free(elfs[j]);
            goto out_early;
        }
    }

    int argc = 0;
    char **argv = argv_buf;
    char *iso = NULL, *initrd = NULL, *bochsrc = NULL, *bochslog = NULL, *rc = NULL;
    int use_pty = 0;

    if (!strcmp(r->boot, "iso")) {
        iso = xasprintf("%s/lantern.iso", work);
        int pargc = 0;
        char *pargv[MAX_PROGS + 8];
        pargv[pargc++] = "sh";
        pargv[pargc++] = xasprintf("%s/mkiso.sh", opt_image);
        pargv[pargc++] = iso;
        pargv[pargc++] = kernel;
        pargv[pargc++] = cmdline;
        for (int i = 0; i < r->nprogs; i++)
            pargv[pargc++] = elfs[i];
        pargv[pargc] = NULL;
        char *mkout = xasprintf("%s/mkiso.out", work);
        struct emu mk;
        emu_start(&mk, pargv, mkout, 0);
        waitpid(mk.pid, &mk.status, 0);
        free(pargv[1]);
        if (!WIFEXITED(mk.status) || WEXITSTATUS(mk.status) != 0) {
            snprintf(err, errlen, "building the ISO failed (see %s)", mkout);
            free(mkout);
            goto out;
        }
        unlink(mkout);
        free(mkout);
    }

    if (!strcmp(r->emu, "qemu")) {
        split_cmd(opt_qemu, argv, &argc);
        argv[argc++] = "-display";
        argv[argc++] = "none";
        argv[argc++] = "-monitor";
        argv[argc++] = "none";
        argv[argc++] = "-serial";
        argv[argc++] = xasprintf("file:%s", com1);
        argv[argc++] = "-serial";
        argv[argc++] = xasprintf("file:%s", com2);
        argv[argc++] = "-debugcon";
        argv[argc++] = xasprintf("file:%s", e9);
        if (r->icount) {
            argv[argc++] = "-icount";
            argv[argc++] = "shift=0";
        }
        if (iso) {
            argv[argc++] = "-boot";
            argv[argc++] = "d";
            argv[argc++] = "-cdrom";
            argv[argc++] = iso;
        } else {
            size_t sz = 1;
            for (int i = 0; i < r->nprogs; i++)
                sz += strlen(elfs[i]) + strlen(r->progs[i]) + 2;
            initrd = xmalloc(sz);
            initrd[0] = 0;
            for (int i = 0; i < r->nprogs; i++) {
                if (i)
                    strcat(initrd, ",");
                strcat(initrd, elfs[i]);
                strcat(initrd, " ");
                strcat(initrd, r->progs[i]);
                for (char *c = initrd + strlen(initrd) - strlen(r->progs[i]); *c; c++)
                    if (*c == ':')
                        *c = ' ';
            }
            argv[argc++] = "-kernel";
            argv[argc++] = kernel;
            if (r->nprogs) {
                argv[argc++] = "-initrd";
                argv[argc++] = initrd;
            }
            argv[argc++] = "-append";
            argv[argc++] = cmdline;
        }
    } else {
        bochsrc = xasprintf("%s/bochsrc", work);
        bochslog = xasprintf("%s/bochs.log", work);
        rc = xasprintf("%s/bochs.rc", opt_image);
        char *tmpl = xasprintf("%s/bochsrc.in", opt_image);
        const char *keys[] = { "@ISO@", "@COM1@", "@COM2@", "@LOG@" };
        const char *vals[] = { iso, com1, com2, bochslog };
        subst_file(tmpl, bochsrc, keys, vals, 4);
        free(tmpl);
        if (r->icount) {
            /* Bochs' clock already counts instructions */
        }
        argv[argc++] = "bochs";
        argv[argc++] = "-q";
        argv[argc++] = "-f";
        argv[argc++] = bochsrc;
        argv[argc++] = "-rc";
        argv[argc++] = rc;
        use_pty = 1;
    }
    argv[argc] = NULL;
    if (opt_verbose && c->print)
        print_argv(argv);

    /* The result file must exist (empty) before the emulator starts. */
    close(open(com2, O_WRONLY | O_CREAT | O_TRUNC, 0666));

    struct emu e;
    c->t0 = now_s();
    emu_start(&e, argv, emuout, use_pty);
    int fd = open(com2, O_RDONLY);
    br->end = "timeout";
    for (;;) {
        int done = emu_poll(&e);
        uint8_t buf[4096];
        ssize_t n;
        while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
            parse_bytes(c, nonce, buf, (size_t)n);
        if (done) {
            br->end = "exit";
            break;
        }
        if (o->want_stop) {
            br->end = "stopped";
            break;
        }
        if (now_s() - c->t0 > r->timeout)
            break;
        sleep_ms(3);
    }
    br->seconds = now_s() - c->t0;
    emu_stop(&e);
    {
        uint8_t buf[4096];
        ssize_t n;
        while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
            parse_bytes(c, nonce, buf, (size_t)n);
    }
    if (fd >= 0)
        close(fd);
    br->exit_code = WIFEXITED(e.status) ? WEXITSTATUS(e.status) : -1;
    ret = 0;

out:
    for (int i = 0; i < argc; i++)
        if (!strncmp(argv[i], "file:", 5))
            free(argv[i]);
    free(iso);
    free(initrd);
    free(bochsrc);
    free(bochslog);
    free(rc);
    for (int i = 0; i < r->nprogs; i++)
        free(elfs[i]);
out_early:
    free(cmdline);
    free(kernel);
    free(com1);
    free(com2);
    free(e9);
    free(emuout);
    return ret;
}

/* Turn a finished run into result lines.  Returns 1 if the run failed. */
static int judge(struct runctx *c, const struct boot_result *br)
{
    const struct run *r = c->r;
    struct outcome *o = c->o;
    char why[512];
    if (o->panicked)
        snprintf(why, sizeof why, "panic: %s", o->panic_text);
    else if (!strcmp(br->end, "timeout"))
        snprintf(why, sizeof why, "timeout after %d s", r->timeout);
    else
        snprintf(why, sizeof why, "exit");

    if (opt_bench && !strcmp(r->expect, "results")) {
        if (o->nbench == 0)
            result_line(c, 0, r->name, "no TR_BENCH frames (%s)", why);
    } else if (!strcmp(r->expect, "booted")) {
        if (o->booted && !o->panicked)
            result_line(c, 1, r->name, NULL);
        else if (o->panicked)
            result_line(c, 0, r->name, "kernel panic before boot finished: %s", o->panic_text);
        else
            result_line(c, 0, r->name, "no TR_BOOTED frame (%s)",
                        !strcmp(br->end, "exit") ? "emulator exited" : why);
    } else if (!strncmp(r->expect, "panic:", 6)) {
        const char *want = r->expect + 6;
        if (o->panicked && strstr(o->panic_text, want))
            result_line(c, 1, r->name, NULL);
        else if (o->panicked)
            result_line(c, 0, r->name, "expected a panic containing \"%s\", got \"%s\"",
                        want, o->panic_text);
        else
            result_line(c, 0, r->name, "expected a panic containing \"%s\", got none (%s)",
                        want, why);
    } else {
        int any = 0;
        for (int i = 0; i < o->nsuites; i++) {
            struct suite_count *s = &o->suites[i];
            if (s->planned >= 0)
                any = 1;
            if (s->results > 0)
                any = 1;
            for (int k = s->results; k < s->planned; k++)
                result_line(c, 0, xasprintf("%s/missing-%d", s->name, k + 1),
                            "guest stopped after %d of %d results (%s)",
                            s->results, s->planned, why);
        }
        if (o->panicked)
            result_line(c, 0, r->name, "kernel panic: %s", o->panic_text);
        else if (!any)
            result_line(c, 0, r->name, "no results from the guest (%s)", why);
    }
    return o->failed > 0;
}

static char *log_base(const struct run *r)
{
    char *b = xasprintf("%s/test-logs/%s", opt_build, r->name);
    char *slash = strrchr(b, '/');
    *slash = '-';
    return b;
}

static void keep_logs(const struct run *r, const char *work)
{
    char *dir = xasprintf("%s/test-logs", opt_build);
    mkdirs(dir);
    char *base = log_base(r);
    static const char *const files[][2] = {
        { "console.log", ".log" },
        { "results.bin", ".results" },
        { "trace-e9.bin", ".trace" },
        { "emulator.out", ".emulator" },
        { "bochs.log", ".bochs" },
        { "mkiso.out", ".mkiso" },
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *from = xasprintf("%s/%s", work, files[i][0]);
        char *to = xasprintf("%s%s", base, files[i][1]);
        unlink(to);
        move_file(from, to);
        free(from);
        free(to);
    }
    free(base);
    free(dir);
}

static void drop_old_logs(const struct run *r)
{
    char *base = log_base(r);
    static const char *const ext[] = { ".log", ".results", ".trace", ".emulator",
                                       ".bochs", ".mkiso" };
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        char *p = xasprintf("%s%s", base, ext[i]);
        unlink(p);
        free(p);
    }
    free(base);
}

static char *work_dir(const struct run *r)
{
    char *w = xasprintf("%s/test-work/%s", opt_build, r->name);
    char *slash = strrchr(w, '/');
    *slash = '-';
    rm_rf(w);
    mkdirs(w);
    return w;
}

/* Run one suites.txt line: boot, judge, print, keep logs.  Returns failed
 * result count. */
static int do_run(const struct run *r, struct outcome *o, int print, struct boot_result *br)
{
    struct runctx c = { .r = r, .o = o, .print = print };
    char err[512] = "";
    char *work = work_dir(r);
    if (print)
        printf("# %s: %s, boot=%s%s, expect=%s, programs:", r->name, r->emu, r->boot,
               r->icount ? ", icount" : "", r->expect);
    if (print) {
        for (int i = 0; i < r->nprogs; i++)
            printf(" %s", r->progs[i]);
        printf("\n");
        fflush(stdout);
    }
    int bad;
    if (boot_run(&c, work, br, err, sizeof err) < 0) {
        result_line(&c, 0, r->name, "cannot start: %s", err);
        bad = 1;
    } else {
        bad = judge(&c, br);
        if (print) {
            printf("#   %s: %.2f s, ended by %s", r->name, br->seconds,
                   !strcmp(br->end, "stopped") ? "the runner (done)" :
                   !strcmp(br->end, "exit") ? "guest power-off" : "timeout");
            if (!strcmp(br->end, "exit") && !strcmp(r->emu, "qemu") && br->exit_code >= 0)
                printf(" (QEMU status %d)", br->exit_code);
            if (o->booted)
                printf(", booted after %.0f ms", o->booted_at * 1000);
            printf(", %d frames", o->frames);
            if (o->bad_crc || o->bad_nonce)
                printf(", ignored %d with bad CRC and %d with a wrong nonce",
                       o->bad_crc, o->bad_nonce);
            if (o->garbage)
                printf(", %d garbage bytes", o->garbage);
            printf("\n");
        }
    }
    char *con = xasprintf("%s/console.log", work);
    if (bad && print)
        print_tail(con, 12, "the console (COM1)");
    free(con);
    drop_old_logs(r);
    if (bad || opt_keep) {
        keep_logs(r, work);
        char *base = log_base(r);
        char *logf = xasprintf("%s.log", base);
        if (print && file_exists(logf))
            printf("#   logs: %s.log (console), %s.results (raw COM2), %s.* (the rest)\n",
                   base, base, base);
        free(logf);
        free(base);
    }
    rm_rf(work);
    free(work);
    fflush(stdout);
    return bad;
}

/* ----------------------------------------------------------------- bench */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* A metric of the icount run: under -icount shift=0 the TSC counts
 * instructions, so each X_cycles is X_instructions, which does not depend
 * on the host.  The rest of that run (ratios, spreads, times) is dropped:
 * the instruction counts say it more plainly. */
static void icount_metric(FILE *out, const struct bench_metric *m)
{
    if (ends_with(m->metric, "_cycles"))
        fprintf(out, "%.*s_instructions\t%s\tinstructions\n",
                (int)(strlen(m->metric) - strlen("_cycles")), m->metric, m->value);
}

static int bench_main(void)
{
    FILE *out = fopen(opt_bench, "w");
    if (!out)
        die("cannot write %s: %s", opt_bench, strerror(errno));
    int failures = 0;

    /* The guest computes every ratio itself, from pairs measured back to
     * back in one boot (tests/guest/bench/bench.c): a ratio of numbers from
     * different moments of a noisy host would mostly measure the host. */
    for (int i = 0; i < nruns; i++) {
        const struct run *r = &runs[i];
        if (!selected(r))
            continue;
        struct outcome *o = calloc(1, sizeof *o);
        struct boot_result br;
        struct run rr = *r;
        rr.expect = "results";
        if (do_run(&rr, o, 1, &br))
            failures++;
        for (int k = 0; k < o->nbench; k++) {
            struct bench_metric *m = &o->bench[k];
            if (r->icount)
                icount_metric(out, m);
            else
                fprintf(out, "%s\t%s\t%s\n", m->metric, m->value, m->unit);
        }
        free(o);
    }

    /* boot_ms: median of N boots of the default image */
    struct run boot = { 0 };
    boot.name = "bench/boot";
    boot.suite = "bench";
    boot.emu = "qemu";
    boot.boot = "kernel";
    boot.timeout = 60;
    boot.expect = "booted";
    boot.cmdline = "";
    char *progs = xstrdup(opt_boot_programs);
    char *save, *t = strtok_r(progs, " ", &save);
    while (t && boot.nprogs < MAX_PROGS) {
        boot.progs[boot.nprogs++] = t;
        t = strtok_r(NULL, " ", &save);
    }
    double samples[32];
    int ns = 0;
    for (int i = 0; i < opt_boot_samples && i < 32; i++) {
        struct outcome *o = calloc(1, sizeof *o);
        struct boot_result br;
        do_run(&boot, o, 0, &br);
        if (o->booted)
            samples[ns++] = o->booted_at * 1000.0;
        free(o);
    }
    if (ns > 0) {
        qsort(samples, (size_t)ns, sizeof samples[0], cmp_double);
        double med = ns % 2 ? samples[ns / 2] : (samples[ns / 2 - 1] + samples[ns / 2]) / 2;
        fprintf(out, "boot_ms\t%.0f\tms\n", med);
        printf("# boot_ms: median of %d boots of \"%s\": %.0f ms\n", ns, opt_boot_programs, med);
    } else {
        printf("# boot_ms: the default image (\"%s\") never reported TR_BOOTED\n",
               opt_boot_programs);
    }
    free(progs);
    if (opt_build_s)
        fprintf(out, "build_s\t%s\ts\n", opt_build_s);
    fclose(out);
    if (failures)
        printf("# bench: %d bench run(s) did not finish cleanly (not a failure)\n", failures);
    return 0;
}

/* ------------------------------------------------------------------ main */

static void usage(void)
{
    fprintf(stderr,
        "usage: lantern-test [options] [SUITE|SUITE/RUN...]\n"
        "  -B DIR        build directory (default build)\n"
        "  -f FILE       run list (default tests/suites.txt)\n"
        "  -I DIR        image folder with mkiso.sh, bochsrc.in, bochs.rc (default image)\n"
        "  -s SUITE      only this suite or SUITE/RUN (repeatable, or comma list)\n"
        "  -e EMU        only runs for this emulator (qemu or bochs)\n"
        "  -q CMD        QEMU command with base flags\n"
        "  -k            keep the logs of passing runs too (also KEEP_LOGS=1)\n"
        "  -l            list the selected runs and exit\n"
        "  -v            verbose: print emulator commands and every frame\n"
        "  --bench FILE  run the bench suite and write metric<TAB>value<TAB>unit lines\n"
        "  --boot-programs \"LIST\"  programs of the default image, for boot_ms\n"
        "  --boot-samples N        boots for boot_ms (default 5)\n"
        "  --build-s S   add build_s (measured by the caller)\n");
    exit(2);
}

static void add_filter(const char *s)
{
    char *copy = xstrdup(s), *save, *t = strtok_r(copy, ", ", &save);
    while (t) {
        if (nfilter < 64)
            opt_filter[nfilter++] = t;
        t = strtok_r(NULL, ", ", &save);
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "bench", required_argument, NULL, 'b' },
        { "boot-programs", required_argument, NULL, 'p' },
        { "boot-samples", required_argument, NULL, 'n' },
        { "build-s", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int ch;
    while ((ch = getopt_long(argc, argv, "B:f:I:s:e:q:klvh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'B': opt_build = optarg; break;
        case 'f': opt_suites = optarg; break;
        case 'I': opt_image = optarg; break;
        case 's': add_filter(optarg); break;
        case 'e': opt_emu = optarg; break;
        case 'q': opt_qemu = optarg; break;
        case 'k': opt_keep = 1; break;
        case 'l': opt_list = 1; break;
        case 'v': opt_verbose = 1; break;
        case 'b': opt_bench = optarg; break;
        case 'p': opt_boot_programs = optarg; break;
        case 'n': opt_boot_samples = atoi(optarg); break;
        case 't': opt_build_s = optarg; break;
        default: usage();
        }
    }
    for (int i = optind; i < argc; i++)
        add_filter(argv[i]);
    const char *keep = getenv("KEEP_LOGS");
    if (keep && *keep && strcmp(keep, "0"))
        opt_keep = 1;

    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    crc_init();
    parse_suites(opt_suites);

    if (opt_list) {
        for (int i = 0; i < nruns; i++)
            if (selected(&runs[i]))
                printf("%s\n", runs[i].name);
        return 0;
    }
    if (opt_bench)
        return bench_main();

    int nsel = 0, failed_runs = 0;
    for (int i = 0; i < nruns; i++) {
        if (!selected(&runs[i]))
            continue;
        nsel++;
        struct outcome *o = calloc(1, sizeof *o);
        if (!o)
            die("out of memory");
        struct boot_result br;
        if (do_run(&runs[i], o, 1, &br))
            failed_runs++;
        free(o);
    }
    if (nsel == 0 && nfilter > 0)
        printf("# lantern-test: no guest runs match the selection\n");
    char *wd = xasprintf("%s/test-work", opt_build);
    rmdir(wd);
    free(wd);
    return failed_runs ? 1 : 0;
}
