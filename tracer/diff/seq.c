/* seq.c: a run of a trace DB as per-pair message sequences (diff.h).
 * Names are looked up once per run (endpoint labels, event types, message
 * types, errno) and the events read in one id-range scan of the primary
 * key, so a 1M-event run costs one pass over its rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diff.h"

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static int grow(void **p, uint32_t *cap, size_t elem)
{
    uint32_t c = *cap ? *cap * 2 : 64;
    void *q = realloc(*p, c * elem);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void rehash(struct dnames *nm)
{
    free(nm->hash);
    nm->hcap = nm->cap * 2;
    nm->hash = malloc(nm->hcap * sizeof *nm->hash);
    for (uint32_t k = 0; k < nm->hcap; k++) nm->hash[k] = UINT32_MAX;
    for (uint32_t i = 0; i < nm->n; i++) {
        uint32_t k = fnv(nm->s[i]) % nm->hcap;
        while (nm->hash[k] != UINT32_MAX) k = (k + 1) % nm->hcap;
        nm->hash[k] = i;
    }
}

/* Interned string -> index (open addressing, load factor <= 1/2). */
uint32_t dnames_get(struct dnames *nm, const char *s)
{
    if (nm->hcap) {
        for (uint32_t k = fnv(s) % nm->hcap; nm->hash[k] != UINT32_MAX; k = (k + 1) % nm->hcap)
            if (!strcmp(nm->s[nm->hash[k]], s)) return nm->hash[k];
    }
    if (nm->n == nm->cap && grow((void **)&nm->s, &nm->cap, sizeof *nm->s)) return 0;
    nm->s[nm->n] = strdup(s);
    nm->n++;
    rehash(nm);             /* names are few (pairs and tokens): rebuilding is cheap */
    return nm->n - 1;
}

void dnames_free(struct dnames *nm)
{
    for (uint32_t i = 0; i < nm->n; i++) free(nm->s[i]);
    free(nm->s);
    free(nm->hash);
    memset(nm, 0, sizeof *nm);
}

/* small dictionary: key -> name, filled from one query */
struct dict { int64_t *k; char (*v)[32]; int n; };

static void dict_load(sqlite3 *db, const char *sql, int64_t run, struct dict *d)
{
    sqlite3_stmt *st;
    int cap = 0;
    memset(d, 0, sizeof *d);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    sqlite3_bind_int64(st, 1, run);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (d->n == cap) {
            cap = cap ? cap * 2 : 64;
            d->k = realloc(d->k, (size_t)cap * sizeof *d->k);
            d->v = realloc(d->v, (size_t)cap * sizeof *d->v);
        }
        d->k[d->n] = sqlite3_column_int64(st, 0);
        snprintf(d->v[d->n++], sizeof d->v[0], "%s", sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

static const char *dict_get(const struct dict *d, int64_t k, const char *fmt, char *buf, size_t cap)
{
    for (int i = 0; i < d->n; i++)
        if (d->k[i] == k) return d->v[i];
    snprintf(buf, cap, fmt, (long long)k);
    return buf;
}

static void dict_free(struct dict *d) { free(d->k); free(d->v); }

struct names_of_run { struct dict ep, type, mt, er; int kcall, reply, msgs[8]; };

/* direct-mapped caches: (ep, peer) -> pair, (type, m_type) -> token */
struct dcache { int64_t key[512]; uint32_t val[512]; };

static int pair_of(struct drun *r, uint32_t name)
{
    for (uint32_t i = 0; i < r->npair; i++)
        if (r->pair[i].name == name) return (int)i;
    if (r->npair == r->cappair && grow((void **)&r->pair, &r->cappair, sizeof *r->pair)) return -1;
    memset(&r->pair[r->npair], 0, sizeof r->pair[0]);
    r->pair[r->npair].name = name;
    return (int)r->npair++;
}

static int push(struct dpair *p, uint32_t tok, int64_t id, int64_t ts)
{
    if (p->n == p->cap) {
        int64_t c = p->cap ? p->cap * 2 : 256;
        struct dtok *t = realloc(p->t, (size_t)c * sizeof *t);
        if (!t) return -1;
        p->t = t;
        p->cap = c;
    }
    p->t[p->n++] = (struct dtok){ tok, id, ts };
    return 0;
}

static uint32_t cached(struct dcache *c, int64_t key, int *hit)
{
    uint32_t k = (uint32_t)(key * 2654435761u) % 512;
    *hit = c->key[k] == key + 1;          /* key + 1: 0 marks an empty slot */
    return *hit ? c->val[k] : k;
}

static uint32_t pair_name(struct dnames *nm, const struct names_of_run *w, int32_t ep, int32_t peer,
                          int kcall)
{
    char a[40], b[40], s[96];
    const char *x = dict_get(&w->ep, ep, "ep %lld", a, sizeof a);
    const char *y = kcall ? "kernel" : dict_get(&w->ep, peer, "ep %lld", b, sizeof b);
    snprintf(s, sizeof s, "%s>%s", x, y);
    return dnames_get(nm, s);
}

static uint32_t token_name(struct dnames *nm, const struct names_of_run *w, int type, int64_t mt)
{
    char a[40], b[40], s[96];
    const char *t = dict_get(&w->type, type, "type %lld", a, sizeof a);
    const char *m = type == w->reply ? dict_get(&w->er, mt, "status %lld", b, sizeof b)
                                     : dict_get(&w->mt, mt, "m_type %lld", b, sizeof b);
    snprintf(s, sizeof s, "%s %s", t, m);
    return dnames_get(nm, s);
}

static int row(struct drun *r, struct dnames *nm, const struct names_of_run *w, sqlite3_stmt *st,
               struct dcache *pc, struct dcache *tc)
{
    int type = sqlite3_column_int(st, 2), kc = type == w->kcall, hit;
    int32_t ep = sqlite3_column_int(st, 3), peer = sqlite3_column_int(st, 4);
    int64_t mt = sqlite3_column_int64(st, 5);
    if (sqlite3_column_type(st, 3) == SQLITE_NULL || (!kc && sqlite3_column_type(st, 4) == SQLITE_NULL))
        return 0;                                  /* a field lost in a torn record */
    int64_t pk = ((int64_t)ep << 32) ^ (uint32_t)(kc ? 0x7fffffff : peer);
    uint32_t slot = cached(pc, pk, &hit), pi = hit ? slot : 0;
    if (!hit) {
        int p = pair_of(r, pair_name(nm, w, ep, peer, kc));
        if (p < 0) return -1;
        pc->key[slot] = pk + 1, pc->val[slot] = pi = (uint32_t)p;
    }
    int64_t tk = ((int64_t)type << 40) ^ (mt & 0xffffffffff);
    uint32_t ts = cached(tc, tk, &hit), ti = hit ? ts : 0;
    if (!hit) tc->key[ts] = tk + 1, tc->val[ts] = ti = token_name(nm, w, type, mt);
    r->n_msgs++;
    return push(&r->pair[pi], ti, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
}

static const char *const msg_events[] = { "IPC_SEND", "IPC_SENDREC", "IPC_REPLY", "IPC_NOTIFY",
                                          "IPC_SENDNB", "IPC_SENDA", "KCALL" };

static void type_ids(struct names_of_run *w, char *in, size_t cap)
{
    in[0] = 0;
    w->kcall = w->reply = -1;
    for (int i = 0; i < w->type.n; i++)
        for (size_t k = 0; k < sizeof msg_events / sizeof msg_events[0]; k++) {
            if (strcmp(w->type.v[i], msg_events[k])) continue;
            size_t l = strlen(in);
            snprintf(in + l, cap - l, "%s%lld", l ? "," : "", (long long)w->type.k[i]);
            if (!strcmp(msg_events[k], "KCALL")) w->kcall = (int)w->type.k[i];
            if (!strcmp(msg_events[k], "IPC_REPLY")) w->reply = (int)w->type.k[i];
        }
}

static int run_range(sqlite3 *db, struct drun *r, int64_t *lo, int64_t *hi)
{
    sqlite3_stmt *st;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT run_id, id_base, last_id FROM run WHERE run_id = ?1 OR "
                           "(?1 = 0 AND run_id = (SELECT min(run_id) FROM run))", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, r->run_id);
        if ((ok = sqlite3_step(st) == SQLITE_ROW)) {
            r->run_id = sqlite3_column_int64(st, 0);
            *lo = sqlite3_column_int64(st, 1);
            *hi = sqlite3_column_int64(st, 2);
        }
        sqlite3_finalize(st);
    }
    if (!ok) snprintf(r->err, sizeof r->err, "no run %lld", (long long)r->run_id);
    if (ok && sqlite3_prepare_v2(db, "SELECT ticks_per_us, t0 FROM run_time WHERE run_id = ?1",
                                 -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, r->run_id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            r->tpu = sqlite3_column_double(st, 0);
            r->t0 = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    return ok ? 0 : -1;
}

static int scan(sqlite3 *db, struct drun *r, struct dnames *nm, const struct names_of_run *w,
                const char *in, int64_t lo, int64_t hi)
{
    static struct dcache pc, tc;
    memset(&pc, 0, sizeof pc);
    memset(&tc, 0, sizeof tc);
    char *sql = sqlite3_mprintf("SELECT id, ts, type, ep, peer, m_type FROM event WHERE id >= ?1 "
                                "AND id <= ?2 AND type IN (%s) ORDER BY id", in);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc) { snprintf(r->err, sizeof r->err, "%s", sqlite3_errmsg(db)); return -1; }
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (row(r, nm, w, st, &pc, &tc)) { snprintf(r->err, sizeof r->err, "out of memory"); break; }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int drun_load(sqlite3 *db, int64_t run_id, struct dnames *nm, struct drun *r)
{
    struct names_of_run w;
    char in[128];
    int64_t lo, hi;
    memset(r, 0, sizeof *r);
    r->run_id = run_id;
    if (run_range(db, r, &lo, &hi)) return -1;
    dict_load(db, "SELECT ep, label FROM endpoint WHERE run_id = ?1 AND label IS NOT NULL", r->run_id, &w.ep);
    dict_load(db, "SELECT id, name FROM event_type WHERE ?1 = ?1", 0, &w.type);
    dict_load(db, "SELECT id, name FROM msg_type WHERE ?1 = ?1", 0, &w.mt);
    dict_load(db, "SELECT code, name FROM errno_name WHERE ?1 = ?1", 0, &w.er);
    type_ids(&w, in, sizeof in);
    int rc = in[0] ? scan(db, r, nm, &w, in, lo, hi) : -1;
    if (!in[0]) snprintf(r->err, sizeof r->err, "no IPC event types: not a trace database?");
    for (uint32_t i = 0; !rc && i < r->npair; i++) {       /* token arrays for the aligner */
        struct dpair *p = &r->pair[i];
        if (!(p->toks = malloc((size_t)(p->n ? p->n : 1) * sizeof *p->toks))) rc = -1;
        for (int64_t k = 0; !rc && k < p->n; k++) p->toks[k] = p->t[k].tok;
    }
    dict_free(&w.ep); dict_free(&w.type); dict_free(&w.mt); dict_free(&w.er);
    return rc;
}

void drun_free(struct drun *r)
{
    for (uint32_t i = 0; i < r->npair; i++) { free(r->pair[i].t); free(r->pair[i].toks); }
    free(r->pair);
    r->pair = NULL;
    r->npair = 0;
}

const struct dpair *drun_pair(const struct drun *r, uint32_t name)
{
    for (uint32_t i = 0; i < r->npair; i++)
        if (r->pair[i].name == name) return &r->pair[i];
    return NULL;
}
