/* derive.c: derived tables built while ingesting, in O(1) per event.
 *
 *   ipc_call   request -> delivery -> reply -> reply delivered, keyed by
 *              (run_id, call_id) (latency, service time, grant ops and
 *              kernel calls made meanwhile)
 *   grant_life create -> uses -> revoke per (granter, grant_id)
 *   flow edges send>recv, recv>reply, reply>done, call>grant, call>kcall
 *              (s->from_call) and create>use, create>revoke, revoke>use
 *              (s->from_grant): stored on the target event, which is always
 *              the event being derived (view `flow`)
 *   block_span BLOCK -> UNBLOCK intervals (open ones have t_unblock NULL)
 *   endpoint   labels, generations, counters, per (run_id, ep)
 * Pending items live in fixed hash arrays; a collision evicts the older
 * item as a partial row, so memory is bounded for any trace.  Rows for
 * pending items are (re)written with INSERT OR REPLACE at each commit.
 * ipc_call, grant_life and block_span rows go through the row buffers of
 * rows.c (many rows per INSERT); endpoint rows (an UPSERT, at commits
 * only) are written directly.
 * All pending state belongs to the current run (derive_reset between). */
#include <stdlib.h>
#include <string.h>
#include <lantern/endpoint.h>
#include "store.h"

#define NCALL  65536
#define NGRANT 16384
#define NEP    4096
enum { FK_GRANTER, FK_GRANTEE, FK_GRANT, FK_BYTES, FK_ACCESS, FK_RESTARTS, FK_WAITS,
       FK_OP, FK_COUNT_, FK_PARENT, FK_N };
static const char *const fk_names[FK_N] = {
    "granter", "grantee", "grant_id", "bytes", "access", "restarts", "waits_for", "op",
    "count", "parent"
};

struct call {
    uint32_t call_id; int used, dirty, op;
    int32_t caller, callee, m_type, status;
    int64_t t_send, t_recv, t_reply, ev_send, ev_recv, ev_reply, ev_done, bytes;
    int n_ops, n_err, n_k;
};
struct grant {
    int used, dirty, revoked;
    int32_t granter; uint32_t gid;
    int64_t row, grantee, access, bytes, t_create, t_revoke, ev_create, ev_revoke, copied;
    int n_ops, n_err, last_result;
};
struct ep {
    int used, dirty;
    int32_t ep, parent;
    char label[LABEL_MAX + 1];
    int64_t first_ts, last_ts, first_id, last_id, n_events, n_sent, n_recv, blocked;
    int restarts, exited;
    int open; int64_t t_block, ev_block, span; int32_t waits_for, op;
};
struct derive {
    struct call call[NCALL];
    struct grant grant[NGRANT];
    struct ep ep[NEP];
    int fidx[TS_MAX_ID + 1][FK_N];
    int8_t grant_fam[TS_MAX_ID + 1];          /* -1 unknown, else 0/1 */
    int64_t next_grant_row, next_span;
};

void derive_reset(struct derive *d)
{
    memset(d->call, 0, sizeof d->call);
    memset(d->grant, 0, sizeof d->grant);
    memset(d->ep, 0, sizeof d->ep);
    memset(d->fidx, 0xff, sizeof d->fidx);   /* -1: not computed (schema may change) */
    memset(d->grant_fam, 0xff, sizeof d->grant_fam);
}

struct derive *derive_new(void)
{
    struct derive *d = calloc(1, sizeof *d);
    if (d) derive_reset(d);
    return d;
}

void derive_free(struct derive *d) { free(d); }

static int64_t max_id(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int derive_prepare(struct store *s)
{
    s->rb_call = rowbuf_new(s->db, "ipc_call", "INSERT OR REPLACE INTO ipc_call(run_id, call_id, "
        "op, caller, callee, m_type, t_send, t_recv, t_reply, status, ev_send, ev_recv, ev_reply, "
        "latency, service, n_grant_ops, grant_bytes, n_grant_errors, n_kcalls, ev_done)", 20, -1);
    s->rb_grant = rowbuf_new(s->db, "grant_life", "INSERT OR REPLACE INTO grant_life(id, granter, "
        "grant_id, grantee, access, bytes, t_create, t_revoke, ev_create, ev_revoke, n_ops, "
        "bytes_copied, n_errors, last_result, run_id)", 15, -1);
    s->rb_span = rowbuf_new(s->db, "block_span", "INSERT OR REPLACE INTO block_span(id, ep, "
        "waits_for, op, t_block, t_unblock, ev_block, ev_unblock, by, run_id)", 10, -1);
    if (!s->rb_call || !s->rb_grant || !s->rb_span) return -1;
    static const char put_ep[] =
        "INSERT INTO endpoint(ep,slot,generation,label,run_id,first_ts,last_ts,"
          "first_id,last_id,n_events,n_sent,n_recv,blocked,restarts,exited,parent) "
          "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(run_id, ep) DO UPDATE SET "
          "label=coalesce(excluded.label,label), "
          "first_ts=coalesce(first_ts,excluded.first_ts), last_ts=excluded.last_ts, "
          "first_id=coalesce(first_id,excluded.first_id), last_id=excluded.last_id, "
          "n_events=excluded.n_events, n_sent=excluded.n_sent, n_recv=excluded.n_recv, "
          "blocked=excluded.blocked, restarts=excluded.restarts, exited=excluded.exited, "
          "parent=coalesce(excluded.parent,parent)";
    if (sqlite3_prepare_v3(s->db, put_ep, -1, SQLITE_PREPARE_PERSISTENT, &s->put_ep, NULL))
        return -1;
    s->dv->next_grant_row = max_id(s->db, "SELECT coalesce(max(id),0)+1 FROM grant_life");
    s->dv->next_span = max_id(s->db, "SELECT coalesce(max(id),0)+1 FROM block_span");
    return 0;
}

/* ---- helpers ------------------------------------------------------------ */
static int fidx(struct derive *d, const struct ts_event *e, int k)
{
    int *c = &d->fidx[e->id][k];
    if (*c == -1) {
        *c = -2;
        for (int i = 0; i < e->nfields; i++)
            if (!strcmp(e->f[i].name, fk_names[k])) *c = i;
    }
    return *c;
}

static int64_t fval(struct derive *d, const struct ts_event *e, const struct trace_rec *r,
                    int k, int64_t dflt)
{
    int i = fidx(d, e, k);
    if (i < 0) return dflt;
    uint32_t v = r->a[e->f[i].word];
    int k2 = e->f[i].kind;
    return (k2 == TF_EP || k2 == TF_ERRNO || k2 == TF_I32 || k2 == TF_MTYPE) ? (int64_t)(int32_t)v : (int64_t)v;
}

static int64_t role(const struct ts_event *e, const struct trace_rec *r, int i, int64_t dflt)
{
    return i < 0 ? dflt : (int32_t)r->a[e->f[i].word];
}

static void bind_opt(sqlite3_stmt *st, int i, int64_t v, int present)
{
    if (present) sqlite3_bind_int64(st, i, v); else sqlite3_bind_null(st, i);
}

static void step(sqlite3_stmt *st)
{
    sqlite3_step(st);
    sqlite3_reset(st);
}

/* Flow edges into the current event (see the header; kind is implied). */
static void from_call(struct store *s, int64_t from) { if (from > 0) s->from_call = from; }
static void from_grant(struct store *s, int64_t from) { if (from > 0) s->from_grant = from; }

/* ---- endpoints ---------------------------------------------------------- */
static struct ep *ep_get(struct derive *d, int32_t ep)
{
    uint32_t h = ((uint32_t)ep * 2654435761u) % NEP;
    for (int n = 0; n < NEP; n++, h = (h + 1) % NEP) {
        struct ep *p = &d->ep[h];
        if (p->used && p->ep == ep) return p;
        if (!p->used) {
            p->used = 1; p->ep = ep; p->first_id = -1; p->parent = NONE;
            return p;
        }
    }
    return NULL;                          /* table full: stop tracking */
}

static void ep_touch(struct derive *d, int32_t ep, int64_t id, int64_t ts, int field)
{
    struct ep *p = ep_get(d, ep);
    if (!p) return;
    if (p->first_id < 0) { p->first_id = id; p->first_ts = ts; }
    p->last_id = id; p->last_ts = ts;
    p->n_events++;
    if (field == 1) p->n_sent++;
    else if (field == 2) p->n_recv++;
    p->dirty = 1;
}

static void ep_write(struct store *s, struct ep *p)
{
    sqlite3_stmt *st = s->put_ep;
    sqlite3_bind_int(st, 1, p->ep);
    sqlite3_bind_int(st, 2, ENDPOINT_NR(p->ep));
    sqlite3_bind_int(st, 3, ENDPOINT_GEN(p->ep));
    if (p->label[0]) sqlite3_bind_text(st, 4, p->label, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, 4);
    sqlite3_bind_int64(st, 5, s->run_id);
    bind_opt(st, 6, p->first_ts, p->first_id >= 0);
    bind_opt(st, 7, p->last_ts, p->first_id >= 0);
    bind_opt(st, 8, p->first_id, p->first_id >= 0);
    bind_opt(st, 9, p->last_id, p->first_id >= 0);
    int64_t v[] = { p->n_events, p->n_sent, p->n_recv, p->blocked, p->restarts, p->exited };
    for (int i = 0; i < 6; i++) sqlite3_bind_int64(st, 10 + i, v[i]);
    bind_opt(st, 16, p->parent, p->parent != NONE);
    step(st);
    p->dirty = 0;
}

/* ---- calls -------------------------------------------------------------- */
/* Buffered rows (rows.c): put() a column's value, opt() one that may be NULL. */
static void put(int64_t *v, uint32_t *set, int c, int64_t x) { v[c] = x; *set |= 1u << c; }
static void opt(int64_t *v, uint32_t *set, int c, int64_t x, int present)
{
    if (present) put(v, set, c, x);
}

static void call_write(struct store *s, struct call *c)
{
    uint32_t *set;
    int64_t *v = rowbuf_row(s->rb_call, &set, NULL, NULL);
    put(v, set, 0, s->run_id);
    put(v, set, 1, c->call_id);
    put(v, set, 2, c->op);
    opt(v, set, 3, c->caller, c->ev_send || c->ev_recv);
    opt(v, set, 4, c->callee, c->ev_send || c->ev_recv);
    put(v, set, 5, c->m_type);
    opt(v, set, 6, c->t_send, c->ev_send != 0);
    opt(v, set, 7, c->t_recv, c->ev_recv != 0);
    opt(v, set, 8, c->t_reply, c->ev_reply != 0);
    put(v, set, 9, c->status);
    opt(v, set, 10, c->ev_send, c->ev_send != 0);
    opt(v, set, 11, c->ev_recv, c->ev_recv != 0);
    opt(v, set, 12, c->ev_reply, c->ev_reply != 0);
    int64_t end = c->ev_reply ? c->t_reply : c->t_recv;
    opt(v, set, 13, end - c->t_send, c->ev_send && (c->ev_reply || c->ev_recv));
    opt(v, set, 14, c->t_reply - c->t_recv, c->ev_reply && c->ev_recv);
    put(v, set, 15, c->n_ops);
    put(v, set, 16, c->bytes);
    put(v, set, 17, c->n_err);
    put(v, set, 18, c->n_k);
    opt(v, set, 19, c->ev_done, c->ev_done != 0);
    rowbuf_push(s->rb_call);
    c->dirty = 0;
}

static struct call *call_get(struct store *s, uint32_t id, int create)
{
    struct call *c = &s->dv->call[id % NCALL];
    if (c->used && c->call_id == id) return c;
    if (!create) return NULL;
    if (c->used && c->dirty) call_write(s, c);
    memset(c, 0, sizeof *c);
    c->used = 1;
    c->call_id = id;
    return c;
}

static void call_done(struct store *s, struct call *c)
{
    call_write(s, c);
    c->used = 0;
}

static void on_ipc(struct store *s, int64_t id, int rl, const struct trace_rec *r,
                   const struct ts_event *e)
{
    uint32_t cid = (uint32_t)role(e, r, e->call_id, 0);
    int32_t src = (int32_t)role(e, r, e->ep, NONE), dst = (int32_t)role(e, r, e->peer, NONE);
    if (rl == TEV_IPC_RECEIVE) ep_touch(s->dv, dst, id, (int64_t)r->ts, 2);
    else ep_touch(s->dv, src, id, (int64_t)r->ts, rl == TEV_IPC_REPLY || rl == TEV_IPC_FAIL ? 0 : 1);
    if (!cid) return;
    struct call *c = call_get(s, cid, 1);
    c->dirty = 1;
    if (rl == TEV_IPC_RECEIVE && c->ev_reply) {
        /* the reply reached the caller: the call is complete */
        from_call(s, c->ev_reply);
        c->ev_done = id;
        call_done(s, c);
    } else if (rl == TEV_IPC_RECEIVE) {
        if (!c->ev_send) { c->caller = src; c->callee = dst; c->m_type = (int32_t)role(e, r, e->m_type, 0); }
        c->t_recv = (int64_t)r->ts; c->ev_recv = id;
        from_call(s, c->ev_send);
        if (c->op != TEV_IPC_SENDREC) call_done(s, c);
    } else if (rl == TEV_IPC_REPLY) {
        c->t_reply = (int64_t)r->ts; c->ev_reply = id;
        c->status = (int32_t)role(e, r, e->status, 0);
        from_call(s, c->ev_recv);
        /* kept open until the reply's delivery (the next RECEIVE of this id) */
    } else {
        c->op = rl; c->caller = src; c->callee = dst;
        c->m_type = (int32_t)role(e, r, e->m_type, 0);
        c->t_send = (int64_t)r->ts; c->ev_send = id;
        c->status = (int32_t)role(e, r, e->status, 0);
        if (rl == TEV_IPC_FAIL) call_done(s, c);
    }
}

/* ---- grants ------------------------------------------------------------- */
static void grant_write(struct store *s, struct grant *g)
{
    uint32_t *set;
    int64_t *v = rowbuf_row(s->rb_grant, &set, NULL, NULL);
    if (!g->row) g->row = s->dv->next_grant_row++;
    put(v, set, 0, g->row);
    put(v, set, 1, g->granter);
    put(v, set, 2, g->gid);
    put(v, set, 3, g->grantee);
    put(v, set, 4, g->access);
    put(v, set, 5, g->bytes);
    opt(v, set, 6, g->t_create, g->ev_create != 0);
    opt(v, set, 7, g->t_revoke, g->ev_revoke != 0);
    opt(v, set, 8, g->ev_create, g->ev_create != 0);
    opt(v, set, 9, g->ev_revoke, g->ev_revoke != 0);
    put(v, set, 10, g->n_ops);
    put(v, set, 11, g->copied);
    put(v, set, 12, g->n_err);
    opt(v, set, 13, g->last_result, g->n_ops > 0);
    put(v, set, 14, s->run_id);
    rowbuf_push(s->rb_grant);
    g->dirty = 0;
}

static struct grant *grant_slot(struct store *s, int32_t granter, uint32_t gid)
{
    uint32_t h = ((uint32_t)granter * 2654435761u ^ gid * 40503u) % NGRANT;
    return &s->dv->grant[h];
}

static struct grant *grant_new(struct store *s, struct grant *g, int32_t granter, uint32_t gid)
{
    if (g->used && g->dirty) grant_write(s, g);
    memset(g, 0, sizeof *g);
    g->used = 1; g->granter = granter; g->gid = gid;
    return g;                             /* g->row: given at the first write */
}

/* A grant op or kernel call made while handling call cid (call>grant,
 * call>kcall: from the request's delivery, or its send if not delivered). */
static void link_call(struct store *s, uint32_t cid, int64_t bytes, int err, int kcall)
{
    struct call *c = cid ? call_get(s, cid, 0) : NULL;
    if (!c) return;
    c->n_ops += !kcall; c->n_k += kcall; c->bytes += bytes; c->n_err += err;
    c->dirty = 1;
    from_call(s, c->ev_recv ? c->ev_recv : c->ev_send);
}

static void on_grant(struct store *s, int64_t id, int rl, const struct trace_rec *r,
                     const struct ts_event *e)
{
    struct derive *d = s->dv;
    int32_t granter = (int32_t)fval(d, e, r, FK_GRANTER, NONE);
    uint32_t gid = (uint32_t)fval(d, e, r, FK_GRANT, 0);
    int32_t result = (int32_t)role(e, r, e->status, 0);
    uint32_t cid = (uint32_t)role(e, r, e->call_id, 0);
    int64_t bytes = fval(d, e, r, FK_BYTES, 0);
    ep_touch(d, (int32_t)role(e, r, e->ep, NONE), id, (int64_t)r->ts, 0);
    if (fidx(d, e, FK_GRANT) < 0) return;          /* e.g. GRANT_SET */
    struct grant *g = grant_slot(s, granter, gid);
    int mine = g->used && g->granter == granter && g->gid == gid;
    if (rl == TEV_GRANT_CREATE || !mine) {
        g = grant_new(s, g, granter, gid);
        g->grantee = fval(d, e, r, FK_GRANTEE, NONE);
        g->access = fval(d, e, r, FK_ACCESS, 0);
        if (rl == TEV_GRANT_CREATE) {
            g->bytes = bytes; g->t_create = (int64_t)r->ts; g->ev_create = id;
            g->dirty = 1;
            return;
        }
    }
    g->dirty = 1;
    if (rl == TEV_GRANT_REVOKE) {
        g->t_revoke = (int64_t)r->ts; g->ev_revoke = id; g->revoked = 1;
        from_grant(s, g->ev_create);
        grant_write(s, g);
        return;
    }
    g->n_ops++;
    g->n_err += result != 0;
    g->last_result = result;
    if (!result) g->copied += bytes;
    from_grant(s, g->revoked ? g->ev_revoke : g->ev_create);   /* revoke>use, create>use */
    link_call(s, cid, result ? 0 : bytes, result != 0, 0);
}

/* ---- scheduling and processes ------------------------------------------- */
static void span_write(struct store *s, struct ep *p, int64_t t_un, int64_t ev_un, int32_t by)
{
    uint32_t *set;
    int64_t *v = rowbuf_row(s->rb_span, &set, NULL, NULL);
    if (!p->span) p->span = s->dv->next_span++;
    put(v, set, 0, p->span);
    put(v, set, 1, p->ep);
    put(v, set, 2, p->waits_for);
    put(v, set, 3, p->op);
    put(v, set, 4, p->t_block);
    opt(v, set, 5, t_un, ev_un != 0);
    put(v, set, 6, p->ev_block);
    opt(v, set, 7, ev_un, ev_un != 0);
    opt(v, set, 8, by, ev_un != 0);
    put(v, set, 9, s->run_id);
    rowbuf_push(s->rb_span);
}

static void on_sched(struct store *s, int64_t id, int rl, const struct trace_rec *r,
                     const struct ts_event *e)
{
    struct derive *d = s->dv;
    int32_t ep = (int32_t)role(e, r, e->ep, NONE);
    ep_touch(d, ep, id, (int64_t)r->ts, 0);
    struct ep *p = ep_get(d, ep);
    if (!p) return;
    if (rl == TEV_SCHED_BLOCK) {
        if (p->open) span_write(s, p, 0, 0, 0);     /* never unblocked */
        p->open = 1; p->t_block = (int64_t)r->ts; p->ev_block = id;
        p->span = 0;                              /* id given at the first write */
        p->waits_for = (int32_t)fval(d, e, r, FK_WAITS, NONE);
        p->op = (int32_t)fval(d, e, r, FK_OP, 0);
        p->dirty = 1;
    } else if (rl == TEV_SCHED_UNBLOCK && p->open) {
        p->open = 0;
        p->blocked += (int64_t)r->ts - p->t_block;
        span_write(s, p, (int64_t)r->ts, id, (int32_t)role(e, r, e->peer, NONE));
    }
}

static void on_proc(struct store *s, int64_t id, int rl, const struct trace_rec *r,
                    const struct ts_event *e)
{
    struct derive *d = s->dv;
    int32_t ep = (int32_t)role(e, r, e->ep, NONE);
    if (rl == TEV_PROC_RESTART) ep = (int32_t)role(e, r, e->peer, NONE);
    ep_touch(d, ep, id, (int64_t)r->ts, 0);
    struct ep *p = ep_get(d, ep);
    if (!p) return;
    for (int i = 0; i < e->nfields; i++)
        if (e->f[i].kind == TF_TEXT16 && rl != TEV_PANIC && rl != TEV_MARK) {
            char t[TRACE_REC_WORDS * 4 + 1];
            ts_field_text(&e->f[i], r->a, t);
            if (t[0]) { t[LABEL_MAX] = 0; memcpy(p->label, t, strlen(t) + 1); }
            break;
        }
    if (rl == TEV_PROC_EXIT || rl == TEV_PROC_FAULT) p->exited = 1;
    if (rl == TEV_PROC_RESTART) p->restarts = (int)fval(d, e, r, FK_RESTARTS, 1);
    if (rl == TEV_PROC_START) p->parent = (int32_t)fval(d, e, r, FK_PARENT, NONE);
}

void derive_event(struct store *s, int64_t id, int rl, const struct trace_rec *r,
                  const struct ts_event *e)
{
    switch (rl) {
    case TEV_IPC_SEND: case TEV_IPC_RECEIVE: case TEV_IPC_SENDREC: case TEV_IPC_REPLY:
    case TEV_IPC_NOTIFY: case TEV_IPC_SENDNB: case TEV_IPC_SENDA: case TEV_IPC_FAIL:
        on_ipc(s, id, rl, r, e);
        return;
    case TEV_KCALL:
        ep_touch(s->dv, (int32_t)role(e, r, e->ep, NONE), id, (int64_t)r->ts, 0);
        link_call(s, (uint32_t)role(e, r, e->call_id, 0), 0, 0, 1);
        return;
    case TEV_SCHED_BLOCK: case TEV_SCHED_UNBLOCK:
        on_sched(s, id, rl, r, e);
        return;
    case TEV_PROC_START: case TEV_PROC_EXIT: case TEV_PROC_FAULT: case TEV_PROC_RESTART:
    case TEV_PROC_LABEL:
        on_proc(s, id, rl, r, e);
        return;
    case TEV_LOST:
        store_loss(s, "discard", (uint64_t)fval(s->dv, e, r, FK_COUNT_, 0), id,
                   r->ts, r->ts);
        return;
    default:
        break;
    }
    int8_t *g = &s->dv->grant_fam[e->id];
    if (*g < 0) *g = !strcmp(tschema_cat_name(&s->schema, e->category), "grant");
    if (*g)
        on_grant(s, id, rl, r, e);
    else if (e->ep >= 0)
        ep_touch(s->dv, (int32_t)role(e, r, e->ep, NONE), id, (int64_t)r->ts, 0);
}

int derive_flush(struct store *s, int final)
{
    struct derive *d = s->dv;
    (void)final;
    for (int i = 0; i < NCALL; i++)
        if (d->call[i].used && d->call[i].dirty) call_write(s, &d->call[i]);
    for (int i = 0; i < NGRANT; i++)
        if (d->grant[i].used && d->grant[i].dirty) grant_write(s, &d->grant[i]);
    for (int i = 0; i < NEP; i++) {
        if (d->ep[i].used && d->ep[i].open) span_write(s, &d->ep[i], 0, 0, 0);
        if (d->ep[i].used && d->ep[i].dirty) ep_write(s, &d->ep[i]);
    }
    return 0;
}
