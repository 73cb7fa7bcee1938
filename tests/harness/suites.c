/* suites.c: reading tests/suites.txt into runs[], and choosing the runs.
 *
 * One run (one boot) per line: `<suite>/<run> [key=value...] -- <program>...`
 * (the keys are documented in docs/testing.md and the file's header).  A
 * malformed line ends the runner with status 2: a typo must not silently drop
 * a run. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
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

void parse_suites(const char *path)
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
            } else if (!strcmp(k, "xfail")) {
                /* harness self-tests: the run must fail, for this reason */
                if (!*v)
                    die("%s:%d: xfail needs the text of the expected failure", path, lineno);
                r->xfail = xstrdup(v);
                url_decode(r->xfail);
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
