/* suites.c: reading tests/suites.txt into runs[], and choosing the runs.
 *
 * One run (one boot) per line: `<suite>/<run> [key=value...] -- <program>...`
 * (the keys are documented in docs/testing.md and the file's header).  A
 * malformed line ends the runner with status 2: a typo must not silently drop
 * a run. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include "harness.h"

struct run runs[MAX_RUNS];
int nruns;


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

/* Where a line is, for error messages. */
struct where { const char *path; int lineno; };

static void bad(const struct where *at, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
static void bad(const struct where *at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    die("%s:%d: %s", at->path, at->lineno, msg);
}

/* Cut a comment: '#' at the line's start or after whitespace. */
static void strip_comment(char *line)
{
    for (char *hash = line; (hash = strchr(hash, '#')); hash++)
        if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
            *hash = 0;
            break;
        }
    line[strcspn(line, "\r\n")] = 0;
}

static void run_defaults(struct run *r, char *name, const struct where *at)
{
    memset(r, 0, sizeof *r);
    r->lineno = at->lineno;
    r->name = xstrdup(name);
    char *slash = strchr(name, '/');
    if (!slash || slash == name || !slash[1] || strchr(slash + 1, '/'))
        bad(at, "run name must be <suite>/<run>, got '%s'", name);
    *slash = 0;
    r->suite = xstrdup(name);
    r->emu = "qemu";
    r->boot = "kernel";
    r->timeout = 60;
    r->expect = "results";
    r->cmdline = "";
}

static void set_expect(struct run *r, const char *v, const struct where *at)
{
    if (strcmp(v, "results") && strcmp(v, "booted") && strcmp(v, "prompt") &&
        strncmp(v, "panic:", 6))
        bad(at, "expect must be results, booted, prompt or panic:<text>");
    r->expect = xstrdup(v);
    url_decode(r->expect);
}

static void set_key(struct run *r, const char *k, const char *v, const struct where *at)
{
    if (!strcmp(k, "emu")) {
        if (strcmp(v, "qemu") && strcmp(v, "bochs"))
            bad(at, "emu must be qemu or bochs");
        r->emu = xstrdup(v);
    } else if (!strcmp(k, "boot")) {
        if (strcmp(v, "kernel") && strcmp(v, "iso"))
            bad(at, "boot must be kernel or iso");
        r->boot = xstrdup(v);
    } else if (!strcmp(k, "timeout")) {
        if ((r->timeout = atoi(v)) <= 0)
            bad(at, "bad timeout");
    } else if (!strcmp(k, "expect")) {
        set_expect(r, v, at);
    } else if (!strcmp(k, "cmdline")) {
        r->cmdline = xstrdup(v);
        url_decode(r->cmdline);
    } else if (!strcmp(k, "seed")) {
        r->seed = xstrdup(v);            /* like SEED=v for this run (seed.c) */
    } else if (!strcmp(k, "icount")) {
        r->icount = atoi(v) != 0;
    } else if (!strcmp(k, "keys")) {
        r->keys = atoi(v) != 0;          /* TR_SENDKEY through QEMU's monitor (keys.c) */
    } else if (!strcmp(k, "cputime")) {
        r->cputime = atoi(v) != 0;
    } else if (!strcmp(k, "disk")) {
        r->disk = xstrdup(v);
    } else if (!strcmp(k, "module")) {
        if (r->nmodules == (int)(sizeof r->modules / sizeof r->modules[0]))
            bad(at, "too many modules");
        r->modules[r->nmodules++] = xstrdup(v);
    } else if (!strcmp(k, "xfail")) {
        /* harness self-tests: the run must fail, for this reason */
        if (!*v)
            bad(at, "xfail needs the text of the expected failure");
        r->xfail = xstrdup(v);
        url_decode(r->xfail);
    } else {
        bad(at, "unknown key '%s'", k);
    }
}

/* w[0] is the name, then key=value words, "--", the programs. */
static void parse_run(struct run *r, char **w, int n, const struct where *at)
{
    int i = 1;
    run_defaults(r, w[0], at);
    for (; i < n && strcmp(w[i], "--"); i++) {
        char *eq = strchr(w[i], '=');
        if (!eq)
            bad(at, "expected key=value or --, got '%s'", w[i]);
        *eq = 0;
        set_key(r, w[i], eq + 1, at);
    }
    if (i == n)
        bad(at, "missing '-- <program>...'");
    for (i++; i < n; i++) {
        if (r->nprogs == MAX_PROGS)
            bad(at, "too many programs");
        r->progs[r->nprogs++] = xstrdup(w[i]);
    }
    if (!strcmp(r->emu, "bochs"))
        r->boot = "iso";     /* Bochs cannot load a multiboot kernel itself */
    if (r->keys && strcmp(r->emu, "qemu"))
        bad(at, "keys=1 needs emu=qemu (the keys go through QEMU's monitor)");
}

void parse_suites(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open %s: %s", path, strerror(errno));
    char line[4096];
    struct where at = { path, 0 };
    while (fgets(line, sizeof line, f)) {
        at.lineno++;
        strip_comment(line);
        char *w[MAX_PROGS + 32];
        int n = split_words(line, w, (int)(sizeof w / sizeof w[0]));
        if (n < 0)
            bad(&at, "too many words");
        if (n == 0)
            continue;
        if (nruns == MAX_RUNS)
            die("%s: too many runs", path);
        parse_run(&runs[nruns++], w, n, &at);
    }
    fclose(f);
}

int selected(const struct run *r)
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
