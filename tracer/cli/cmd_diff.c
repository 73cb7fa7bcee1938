/* cmd_diff.c: `diff A.db B.db`: where two runs' message sequences part
 * (tracer/diff/diff.h): per endpoint pair, the first message that differs
 * after aligning the pair's sequences; the earliest of those (by time in
 * the run) is "the first divergence", shown with context, in the terminal
 * or as JSON.  Exit status: 0 the same, 1 they differ, 2 an error (like
 * diff(1)). */
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../diff/diff.h"

struct dv { uint32_t pair; struct adiff d; double t; const struct dpair *a, *b; };
struct dctx { struct dnames nm; struct drun ra, rb; struct dv *v; int nv; uint32_t npairs;
              const char *pa, *pb; int json, context;
              const char *ignore[16]; int nignore, nignored; };

static const struct dpair none;                         /* a pair a run does not have */

static double t_us(const struct drun *r, int64_t ts)
{
    return r->tpu > 0 ? (double)(ts - r->t0) / r->tpu : (double)(ts - r->t0);
}

/* When the pair parts: A's message at p, else (A ended) B's. */
static double when(const struct dctx *c, const struct dpair *a, const struct dpair *b, int64_t p)
{
    if (p < a->n) return t_us(&c->ra, a->t[p].ts);
    return p < b->n ? t_us(&c->rb, b->t[p].ts) : 0;
}

/* --ignore PATTERN: pairs whose name matches (fnmatch, e.g. "clock>*") are
 * left out, for comparisons where some traffic follows the clock rather than
 * the program (two emulators whose clocks run differently). */
static int ignored(const struct dctx *c, uint32_t name)
{
    for (int k = 0; k < c->nignore; k++)
        if (!fnmatch(c->ignore[k], c->nm.s[name], 0)) return 1;
    return 0;
}

static void compare_pair(struct dctx *c, uint32_t name)
{
    const struct dpair *a = drun_pair(&c->ra, name), *b = drun_pair(&c->rb, name);
    struct adiff d;
    if (ignored(c, name)) { c->nignored++; return; }
    if (!a) a = &none;
    if (!b) b = &none;
    c->npairs++;
    align_first(a->toks, a->n, b->toks, b->n, &d);
    if (d.same) return;
    c->v[c->nv++] = (struct dv){ name, d, when(c, a, b, d.p), a, b };
}

static int by_time(const void *x, const void *y)
{
    const struct dv *a = x, *b = y;
    return a->t < b->t ? -1 : a->t > b->t;
}

static int compare_runs(struct dctx *c)
{
    c->v = calloc(c->ra.npair + c->rb.npair + 1, sizeof *c->v);
    if (!c->v) return -1;
    for (uint32_t i = 0; i < c->ra.npair; i++) compare_pair(c, c->ra.pair[i].name);
    for (uint32_t i = 0; i < c->rb.npair; i++)
        if (!drun_pair(&c->ra, c->rb.pair[i].name)) compare_pair(c, c->rb.pair[i].name);
    qsort(c->v, (size_t)c->nv, sizeof *c->v, by_time);
    return 0;
}

static const char *kind(const struct adiff *d)
{
    if (!d->synced) return "diverged";
    return !d->i ? "insertion" : !d->j ? "deletion" : "substitution";
}

/* ---- context rows: index into A and B (-1: none), '>' where they differ */
struct crow { int64_t ia, ib; char mark; };

static int context_rows(const struct dctx *c, const struct dv *v, struct crow *out, int cap)
{
    const struct adiff *d = &v->d;
    int n = 0, k = c->context;
    int64_t nd = d->synced ? (d->i > d->j ? d->i : d->j) : k;
    for (int64_t x = d->p - k < 0 ? 0 : d->p - k; x < d->p && n < cap; x++)
        out[n++] = (struct crow){ x, x, ' ' };
    for (int64_t x = 0; x < nd && n < cap; x++) {
        int64_t ia = d->p + x, ib = d->p + x;
        if (d->synced) { if (x >= d->i) ia = -1; if (x >= d->j) ib = -1; }
        out[n++] = (struct crow){ ia < v->a->n ? ia : -1, ib < v->b->n ? ib : -1, '>' };
    }
    for (int64_t x = 0; d->synced && x < k && n < cap; x++) {
        int64_t ia = d->p + d->i + x, ib = d->p + d->j + x;
        if (ia >= v->a->n && ib >= v->b->n) break;
        out[n++] = (struct crow){ ia < v->a->n ? ia : -1, ib < v->b->n ? ib : -1, ' ' };
    }
    return n;
}

static const char *tok(const struct dctx *c, const struct dpair *p, int64_t i)
{
    return i < 0 ? "" : c->nm.s[p->t[i].tok];
}

static void text_first(const struct dctx *c, const struct dv *v)
{
    struct crow rows[64];
    int n = context_rows(c, v, rows, 64);
    printf("first divergence: %s, message %lld of the pair (t = %.3f %s)\n", c->nm.s[v->pair],
           (long long)v->d.p + 1, v->t, c->ra.tpu > 0 ? "us" : "ticks");
    if (v->d.synced)
        printf("  %s: %lld message(s) of A, %lld of B, then in step again\n", kind(&v->d),
               (long long)v->d.i, (long long)v->d.j);
    else
        printf("  diverged: no %d messages in step again within %d of either run\n",
               ALIGN_SYNC, ALIGN_MAXD);
    printf("  %7s  %-32s %9s   %-32s %9s\n", "#", "A", "A id", "B", "B id");
    for (int r = 0; r < n; r++) {
        const struct crow *w = &rows[r];
        char ia[24] = "", ib[24] = "";
        if (w->ia >= 0) snprintf(ia, sizeof ia, "%lld", (long long)v->a->t[w->ia].id);
        if (w->ib >= 0) snprintf(ib, sizeof ib, "%lld", (long long)v->b->t[w->ib].id);
        printf("%c %7lld  %-32.32s %9s %c %-32.32s %9s\n", w->mark,
               (long long)(w->ia >= 0 ? w->ia : w->ib) + 1, w->ia >= 0 ? tok(c, v->a, w->ia) : "-",
               ia, w->mark == '>' ? '|' : ' ', w->ib >= 0 ? tok(c, v->b, w->ib) : "-", ib);
    }
}

static void text_report(const struct dctx *c)
{
    printf("A: %s run %lld, %lld messages; B: %s run %lld, %lld messages\n", c->pa,
           (long long)c->ra.run_id, (long long)c->ra.n_msgs, c->pb, (long long)c->rb.run_id,
           (long long)c->rb.n_msgs);
    printf("%u endpoint pairs compared, %d differ", c->npairs, c->nv);
    printf(c->nignored ? " (%d ignored)\n" : "\n", c->nignored);
    if (!c->nv) { puts("the message sequences are the same"); return; }
    text_first(c, &c->v[0]);
    for (int i = 1; i < c->nv && i <= 10; i++)
        printf("also: %s from message %lld (%s)\n", c->nm.s[c->v[i].pair],
               (long long)c->v[i].d.p + 1, kind(&c->v[i].d));
    if (c->nv > 11) printf("also: %d more pairs\n", c->nv - 11);
}

/* ---- JSON ---------------------------------------------------------------- */
static void jstr(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') printf("\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f) printf("\\u%04x", ch);
        else putchar(ch);
    }
    putchar('"');
}

static void json_side(const struct dctx *c, const struct dpair *p, int64_t i, const char *k)
{
    printf(", \"%s\": ", k);
    if (i < 0) { printf("null, \"%s_id\": null", k); return; }
    jstr(tok(c, p, i));
    printf(", \"%s_id\": %lld", k, (long long)p->t[i].id);
}

static void json_first(const struct dctx *c, const struct dv *v)
{
    struct crow rows[64];
    int n = context_rows(c, v, rows, 64);
    printf(", \"first\": {\"pair\": ");
    jstr(c->nm.s[v->pair]);
    printf(", \"index\": %lld, \"t_us\": %.3f, \"kind\": \"%s\", \"a_count\": %lld, "
           "\"b_count\": %lld, \"context\": [", (long long)v->d.p, v->t, kind(&v->d),
           (long long)v->d.i, (long long)v->d.j);
    for (int r = 0; r < n; r++) {
        printf("%s{\"differs\": %s", r ? ", " : "", rows[r].mark == '>' ? "true" : "false");
        json_side(c, v->a, rows[r].ia, "a");
        json_side(c, v->b, rows[r].ib, "b");
        putchar('}');
    }
    printf("]}");
}

static void json_report(const struct dctx *c)
{
    printf("{\"same\": %s, \"a\": {\"db\": ", c->nv ? "false" : "true");
    jstr(c->pa);
    printf(", \"run\": %lld, \"messages\": %lld}, \"b\": {\"db\": ", (long long)c->ra.run_id,
           (long long)c->ra.n_msgs);
    jstr(c->pb);
    printf(", \"run\": %lld, \"messages\": %lld}, \"pairs\": %u, \"ignored_pairs\": %d, "
           "\"differing_pairs\": %d", (long long)c->rb.run_id, (long long)c->rb.n_msgs,
           c->npairs, c->nignored, c->nv);
    if (c->nv) json_first(c, &c->v[0]);
    printf(", \"others\": [");
    for (int i = 1; i < c->nv; i++) {
        printf("%s{\"pair\": ", i > 1 ? ", " : "");
        jstr(c->nm.s[c->v[i].pair]);
        printf(", \"index\": %lld, \"kind\": \"%s\"}", (long long)c->v[i].d.p, kind(&c->v[i].d));
    }
    printf("]}\n");
}

/* ---- the command ------------------------------------------------------- */
static void help(void)
{
    puts("usage: lantern-trace diff [--run N] [--context K] [--json] [--ignore PAIR]... A.db B.db\n\n"
         "Compare two runs' messages: per endpoint pair (sender>receiver by label;\n"
         "kernel calls as caller>kernel) the sequence of message types, aligned so\n"
         "that timing and the interleaving of other pairs do not matter.  Prints\n"
         "the first place where they part (the earliest in time), with K messages\n"
         "of context (default 3), and the other pairs that differ.  Exit status 0:\n"
         "the same, 1: they differ, 2: an error.  --run N picks the run in both\n"
         "DBs (default: the first).  --ignore PAIR (up to 16, shell patterns such\n"
         "as 'clock>*') leaves the matching pairs out: traffic that follows the\n"
         "clock, not the program, when two emulators' clocks differ.");
}

int cmd_diff(int argc, char **argv)
{
    static const struct option lo[] = { { "run", 1, 0, 'r' }, { "json", 0, 0, 'j' },
        { "context", 1, 0, 'c' }, { "ignore", 1, 0, 'i' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    static struct dctx c;
    int64_t run = 0;
    int o;
    c.context = 3;
    while ((o = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (o == 'r') run = strtoll(optarg, NULL, 0);
        else if (o == 'j') c.json = 1;
        else if (o == 'c') c.context = atoi(optarg) < 0 ? 0 : atoi(optarg) > 20 ? 20 : atoi(optarg);
        else if (o == 'i' && c.nignore < 16) c.ignore[c.nignore++] = optarg;
        else if (o == 'i') return usage_error("diff", "more than 16 --ignore patterns");
        else if (o == 'h') { help(); return 0; }
        else return usage_error("diff", "bad option");
    }
    if (argc - optind != 2) return usage_error("diff", "need A.db and B.db");
    c.pa = argv[optind];
    c.pb = argv[optind + 1];
    sqlite3 *a = open_trace_db("diff", c.pa), *b = a ? open_trace_db("diff", c.pb) : NULL;
    int rc = 2;
    if (a && b) {
        if (drun_load(a, run, &c.nm, &c.ra)) fprintf(stderr, "lantern-trace diff: %s: %s\n", c.pa, c.ra.err);
        else if (drun_load(b, run, &c.nm, &c.rb)) fprintf(stderr, "lantern-trace diff: %s: %s\n", c.pb, c.rb.err);
        else if (compare_runs(&c)) fprintf(stderr, "lantern-trace diff: out of memory\n");
        else { (c.json ? json_report : text_report)(&c); rc = c.nv ? 1 : 0; }
    }
    drun_free(&c.ra); drun_free(&c.rb); dnames_free(&c.nm); free(c.v);
    sqlite3_close(a);
    sqlite3_close(b);
    return rc;
}
