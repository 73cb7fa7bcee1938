/* expand.c: folded events (format version 2, docs/trace-format.md).
 *
 * A record's `flags` byte holds TRF_* bits, each standing for an event the
 * kernel did not write as a record of its own.  The decoder delivers the
 * record, then one implied event per flag, in the order of `recipes` below,
 * all with the record's ts and cpu, so everything downstream sees the
 * events the kernel would have written unfolded.
 *
 * Nothing here hard-codes an event id, a field position or a flag bit: the
 * flags are found by NAME in the trace's flag table, the implied events and
 * all fields by name in its event table.  What the tracer knows is only the
 * meaning of the six flag names (the recipes).  Plans are compiled once per
 * run (texp_prepare), so expanding a record is a few word copies.
 *
 * A target field that no recipe fills is "unknown": its words are 0 in the
 * implied record and set in the unknown mask (the store writes NULL). */
#include <string.h>
#include <lantern/ipc.h>
#include "decoder.h"

enum { IN_FIELD = 1, IN_WORD, IN_OP, IN_CONST };

struct ingredient {
    const char *to;        /* field of the implied event */
    int kind;              /* IN_FIELD: the record's field `from`; IN_WORD: a[word];
                            * IN_OP: the record's IPC operation; IN_CONST: `word` itself */
    const char *from;
    int word;
};

static const struct recipe {
    const char *flag;      /* name in the trace's flag table */
    const char *event;     /* implied event */
    int copy_fields;       /* copy every field of the same name from the record */
    int needs_ipc;         /* the record must have `src` and `dst` endpoint fields */
    int needs_switch;      /* the record's fields must end before the switch words */
    struct ingredient in[3];
} recipes[TEXP_N] = {
    { "delivered", "IPC_RECEIVE", 1, 1, 0, { { 0 } } },
    { "dst_woke", "SCHED_UNBLOCK", 0, 1, 0,
      { { "ep", IN_FIELD, "dst", 0 }, { "by", IN_FIELD, "src", 0 } } },
    { "src_woke", "SCHED_UNBLOCK", 0, 1, 0,
      { { "ep", IN_FIELD, "src", 0 }, { "by", IN_FIELD, "dst", 0 } } },
    { "src_blocked", "SCHED_BLOCK", 0, 1, 0,
      { { "ep", IN_FIELD, "src", 0 }, { "waits_for", IN_FIELD, "dst", 0 },
        { "op", IN_OP, NULL, 0 } } },
    { "src_receives", "SCHED_BLOCK", 0, 1, 0,
      { { "ep", IN_FIELD, "src", 0 }, { "waits_for", IN_WORD, NULL, TRACE_RECV_FROM_WORD },
        { "op", IN_CONST, NULL, IPC_RECEIVE } } },
    { "switch", "SCHED_SWITCH", 0, 0, 1,
      { { "from", IN_WORD, NULL, TRACE_SWITCH_FROM_WORD },
        { "to", IN_WORD, NULL, TRACE_SWITCH_TO_WORD } } },
};

/* The IPC operation (ipc.h) of an IPC record, by event name; a reply is a
 * SEND to a process waiting in SENDREC. */
static const struct { const char *event; uint32_t op; } ipc_ops[] = {
    { "IPC_SEND", IPC_SEND }, { "IPC_SENDREC", IPC_SENDREC }, { "IPC_SENDNB", IPC_SENDNB },
    { "IPC_NOTIFY", IPC_NOTIFY }, { "IPC_SENDA", IPC_SENDA }, { "IPC_REPLY", IPC_SEND },
    { "IPC_RECEIVE", IPC_RECEIVE },
};

static const struct ts_field *field(const struct ts_event *e, const char *name)
{
    for (int i = 0; i < e->nfields; i++)
        if (!strcmp(e->f[i].name, name)) return &e->f[i];
    return NULL;
}

static int is_ep(const struct ts_field *f) { return f && f->kind == TF_EP && f->slots == 1; }

static unsigned words_used(const struct ts_event *e)
{
    return e->nfields ? (unsigned)e->f[e->nfields - 1].word + e->f[e->nfields - 1].slots : 0;
}

static void add_move(struct texp_plan *p, const struct ts_field *to, unsigned from)
{
    p->move[p->nmove].to = to->word;
    p->move[p->nmove].from = (uint8_t)from;
    p->move[p->nmove].n = to->slots;
    p->nmove++;
    p->unknown &= ~(((1u << to->slots) - 1) << to->word);
}

/* The plan for implying recipe r's event from a record of event src. */
static void compile(struct texp_plan *p, const struct recipe *r, const struct ts_event *src,
                    const struct ts_event *dst)
{
    memset(p, 0, sizeof *p);
    p->type = -1;
    p->op_word = 0xff;
    if (r->needs_ipc && !(is_ep(field(src, "src")) && is_ep(field(src, "dst")))) return;
    if (r->needs_switch && words_used(src) > TRACE_SWITCH_FROM_WORD) return;
    for (int i = 0; i < dst->nfields; i++)          /* everything unknown to start with */
        p->unknown |= ((1u << dst->f[i].slots) - 1) << dst->f[i].word;
    if (r->copy_fields)
        for (int i = 0; i < dst->nfields; i++) {
            const struct ts_field *from = field(src, dst->f[i].name);
            if (from && from->slots == dst->f[i].slots) add_move(p, &dst->f[i], from->word);
        }
    for (int k = 0; k < 3 && r->in[k].kind; k++) {
        const struct ingredient *in = &r->in[k];
        const struct ts_field *to = field(dst, in->to);
        if (!to || to->slots != 1) continue;        /* the implied event has no such field */
        if (in->kind == IN_FIELD) {
            add_move(p, to, field(src, in->from)->word);   /* src/dst: checked above */
        } else if (in->kind == IN_WORD) {
            add_move(p, to, (unsigned)in->word);
        } else if (in->kind == IN_CONST) {
            p->op = (uint32_t)in->word;
            p->op_word = to->word;
            p->unknown &= ~(1u << to->word);
        } else {
            for (size_t j = 0; j < sizeof ipc_ops / sizeof ipc_ops[0]; j++)
                if (!strcmp(src->name, ipc_ops[j].event)) {
                    p->op = ipc_ops[j].op;
                    p->op_word = to->word;
                    p->unknown &= ~(1u << to->word);
                }
        }
    }
    p->type = (int16_t)dst->id;
}

void texp_prepare(struct texp *x, const struct tschema *s)
{
    memset(x, 0, sizeof *x);
    for (uint32_t i = 0; i < s->nflags; i++) x->named |= s->flags[i].bit;
    for (int k = 0; k < TEXP_N; k++) {
        const struct recipe *r = &recipes[k];
        int target = tschema_event_id(s, r->event);
        x->bit[k] = tschema_flag_bit(s, r->flag);
        x->known |= x->bit[k];
        for (int id = 0; id <= TS_MAX_ID; id++) {
            const struct ts_event *src = tschema_event(s, (unsigned)id);
            x->plan[id][k].type = -1;
            if (src && target >= 0 && x->bit[k])
                compile(&x->plan[id][k], r, src, tschema_event(s, (unsigned)target));
        }
    }
}

int texp_expand(const struct texp *x, const struct trace_rec *r,
                struct trace_rec out[TEXP_N], uint32_t unknown[TEXP_N],
                unsigned *bad, const char **why)
{
    unsigned f = r->flags;
    int n = 0;
    *bad = 0;
    *why = NULL;
    if (f & ~x->named) {
        *bad |= f & ~x->named;
        *why = "bit not in the trace's flag table";
    }
    if (f & x->named & ~x->known) {
        *bad |= f & x->named & ~x->known;
        if (!*why) *why = "flag unknown to this tracer";
    }
    for (int k = 0; k < TEXP_N; k++) {
        if (!(f & x->bit[k])) continue;
        const struct texp_plan *p = r->type <= TS_MAX_ID ? &x->plan[r->type][k] : NULL;
        if (!p || p->type < 0) {
            *bad |= x->bit[k];
            if (!*why) *why = "flag not valid on this event (or implied event not in the schema)";
            continue;
        }
        struct trace_rec *o = &out[n];
        memset(o, 0, sizeof *o);
        o->ts = r->ts;
        o->seq = r->seq;
        o->type = (uint16_t)p->type;
        o->cpu = r->cpu;
        for (int m = 0; m < p->nmove; m++)
            memcpy(&o->a[p->move[m].to], &r->a[p->move[m].from], p->move[m].n * 4u);
        if (p->op_word != 0xff) o->a[p->op_word] = p->op;
        unknown[n++] = p->unknown;
    }
    return n;
}
