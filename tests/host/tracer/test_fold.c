/* test_fold.c: cmocka tests of trace format version 2 (folded events):
 * the schema's flag table (parse, truncation and corruption messages),
 * version 1 still read, the expansion of each flag (fields, order, event
 * indexes, unknown words), bad flags reported once, and the store: a folded
 * trace gives the same events and derived tables (ipc_call, block_span,
 * flows, endpoints) as the same trace written unfolded.
 * Run from test_tracer's main (tracer_fold_tests). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "test_util.h"
#include <lantern/endpoint.h>
#include <lantern/ipc.h>
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/gen/writer.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/cli/cli.h"

int tracer_fold_tests(void);

/* ---- a sink that keeps what it is given -------------------------------- */
#define CAP 256
static struct got { uint64_t index; struct trace_rec r; struct tdec_ev x; } got[CAP];
static int ngot, ndiag, nrun;
static char diag[8][256];
static uint64_t diag_off[8];

static int cap_rec(void *c, uint64_t i, const struct trace_rec *r, const struct tdec_ev *x)
{
    (void)c;
    if (ngot < CAP) got[ngot++] = (struct got){ i, *r, *x };
    return 0;
}
static int cap_run(void *c, const struct trace_ctl *ctl, const struct tschema *s)
{ (void)c; (void)ctl; (void)s; nrun++; return 0; }
static void cap_diag(void *c, uint64_t off, const char *msg)
{
    (void)c;
    if (ndiag < 8) { diag_off[ndiag] = off; snprintf(diag[ndiag], sizeof diag[0], "%s", msg); }
    ndiag++;
}

static void decode_dump(const uint8_t *img, size_t len)
{
    static struct tdec d;
    struct tdec_sink k = { 0 };
    k.on_rec = cap_rec; k.on_run = cap_run; k.on_diag = cap_diag;
    ngot = ndiag = nrun = 0;
    tdec_init(&d, &k);
    tdec_buffer(&d, img, len, TIN_DUMP);
}

/* One ring page: 60 records (format v3), or 64 contiguous ones (v1/v2). */
static uint8_t img[TW_REGION_SIZE(TW_PAGE_RECS, TW_PAGE_RECS)];
static struct tw w;
_Static_assert(sizeof img == TW_REGION_SIZE(64, 0), "the v2 ring fits the same buffer");

static void img_init(void)
{
    assert_int_equal(tw_init(&w, img, TW_PAGE_RECS, TW_PAGE_RECS, TRACE_MODE_OVERWRITE,
                             TRACE_CLOCK_TSC, 7, 0), 0);
}
static void img_init_v2(void)
{
    assert_int_equal(tw_init(&w, img, 64, 0, TRACE_MODE_OVERWRITE, TRACE_CLOCK_TSC, 7, 0), 0);
}
static void img_decode(void) { decode_dump(img, sizeof img); }

static const int32_t C = ENDPOINT(0, 9), S = ENDPOINT(0, 5);

static struct tw_IPC_SEND ipc(int32_t src, int32_t dst, uint32_t id)
{
    return (struct tw_IPC_SEND){ .src = src, .dst = dst, .m_type = 0x101, .status = 0,
                                 .call_id = id, .p0 = 0xaa, .p1 = 0xbb };
}

/* IPC records of any event id (they all have the IPC_SEND fields) */
static void emit_ipc(uint16_t ev, uint64_t ts, struct tw_IPC_SEND m, uint8_t flags, int32_t from,
                     int32_t to)
{
    uint32_t a[TRACE_REC_WORDS] = { (uint32_t)m.src, (uint32_t)m.dst, (uint32_t)m.m_type,
                                    (uint32_t)m.status, m.call_id, m.p0, m.p1 };
    a[TRACE_SWITCH_FROM_WORD] = (uint32_t)from;
    a[TRACE_SWITCH_TO_WORD] = (uint32_t)to;
    tw_emit_folded(&w, ev, ts, a, 7, flags);
}

/* ---- schema ------------------------------------------------------------ */
static uint8_t b2[65536], b1[65536];
static size_t n2, n1;
static struct tschema sch;

static void build_blocks(void)
{
    n2 = tw_schema_build(b2, sizeof b2);
    n1 = tw_schema_build_v(b1, sizeof b1, 1);
    assert_true(n1 > 0 && n2 > n1 + 4);
    assert_memory_equal(b1, b2, n1);          /* v2 = the v1 block + the flag table */
}

static void schema_v2_flag_table(void **st)
{
    (void)st;
    char err[256], names[64];
    build_blocks();
    assert_int_equal(tschema_parse(&sch, b2, n2, 2, err, sizeof err), 0);
    assert_int_equal(sch.nflags, 6);
    int i = 0;
#define CHECK_FLAG(f, b_, n_, t_) \
    assert_int_equal(sch.flags[i].bit, b_); assert_string_equal(sch.flags[i].name, n_); \
    assert_string_equal(sch.flags[i].text, t_); i++;
    TRACE_REC_FLAGS(CHECK_FLAG)
#undef CHECK_FLAG
    assert_int_equal(tschema_flag_bit(&sch, "switch"), TRF_SWITCH);
    assert_int_equal(tschema_flag_bit(&sch, "src_woke"), TRF_SRC_WOKE);
    assert_int_equal(tschema_flag_bit(&sch, "nonesuch"), 0);
    assert_int_equal(tschema_event_id(&sch, "SCHED_SWITCH"), TEV_SCHED_SWITCH);
    assert_string_equal(tschema_flag_names(&sch, TRF_DELIVERED | TRF_SWITCH | 0x40, names,
                                           sizeof names), "delivered ?0x40 switch");
    /* version 1: no flag table */
    assert_int_equal(tschema_parse(&sch, b1, n1, 1, err, sizeof err), 0);
    assert_int_equal(sch.nflags, 0);
    assert_non_null(tschema_event(&sch, TEV_IPC_SENDREC));
}

static void schema_flag_table_errors(void **st)
{
    (void)st;
    static uint8_t c[65536];
    char err[256], want[256];
    build_blocks();
    /* a v1 block read as v2: the table is missing */
    assert_int_equal(tschema_parse(&sch, b1, n1, 2, err, sizeof err), -1);
    snprintf(want, sizeof want, "schema block offset %zu: flag table: missing or truncated "
             "n_flags (format version 2 has a flag table after the events)", n1);
    assert_string_equal(err, want);
    /* every truncation inside the table is rejected, naming offset and table */
    for (size_t cut = n1; cut < n2; cut++) {
        assert_int_equal(tschema_parse(&sch, b2, cut, 2, err, sizeof err), -1);
        assert_non_null(strstr(err, "schema block offset "));
        assert_non_null(strstr(err, "flag table"));
    }
    assert_int_equal(tschema_parse(&sch, b2, n1 + 5, 2, err, sizeof err), -1);
    snprintf(want, sizeof want, "schema block offset %zu: flag table entry 1 of 6: "
             "unterminated string", n1 + 5);
    assert_string_equal(err, want);
    /* corrupt tables */
    size_t second = n1 + 4 + 1 + strlen("delivered") + 1 +
                    strlen("message delivered in the same operation") + 1;
    memcpy(c, b2, n2);
    c[second] = TRF_DELIVERED;
    assert_int_equal(tschema_parse(&sch, c, n2, 2, err, sizeof err), -1);
    snprintf(want, sizeof want, "schema block offset %zu: flag table entry 2 of 6: "
             "duplicate flag bit", second);
    assert_string_equal(err, want);
    c[second] = 0x03;
    assert_int_equal(tschema_parse(&sch, c, n2, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "entry 2 of 6: bit is not a single bit"));
    memcpy(c, b2, n2);
    c[n1] = 9;
    assert_int_equal(tschema_parse(&sch, c, n2, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "flag table: too many flags"));
    memcpy(c, b2, n2);
    memcpy(c + second + 1, "delivered", 10);  /* "src_blocked" -> "delivered\0ed" */
    assert_int_equal(tschema_parse(&sch, c, n2, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "duplicate flag name"));

    /* through the decoder: a control page whose schema block ends inside
     * the flag table is refused with the input offset of the problem */
    img_init();
    w.ctl->schema_len -= 3;
    tw_seal(&w);
    tw_IPC_SEND(&w, 10, ipc(C, S, 1));
    img_decode();
    assert_int_equal(nrun, 0);
    assert_int_equal(ngot, 0);
    assert_true(ndiag >= 1);
    assert_non_null(strstr(diag[0], "flag table entry 6 of 6: unterminated string"));
    assert_non_null(strstr(diag[0], "(format version 3)"));
    assert_int_equal(diag_off[0], w.ctl->schema_off);
}

/* Version 1 traces are still read: no flag table, records without flags. */
static void version1_still_read(void **st)
{
    (void)st;
    char msg[200];
    img_init_v2();
    assert_int_equal(w.ctl->version, 2);
    assert_int_equal(tw_set_version(&w, 1), 0);
    assert_int_equal(w.ctl->version, 1);
    tw_IPC_SENDREC(&w, 10, (struct tw_IPC_SENDREC){ .src = C, .dst = S, .call_id = 1 });
    tw_IPC_RECEIVE(&w, 11, (struct tw_IPC_RECEIVE){ .src = C, .dst = S, .call_id = 1 });
    tw_SCHED_SWITCH(&w, 12, (struct tw_SCHED_SWITCH){ .from = C, .to = S });
    img_decode();
    assert_int_equal(nrun, 1);
    assert_int_equal(ndiag, 0);
    assert_int_equal(ngot, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(got[i].index, i);
        assert_int_equal(got[i].x.flags, 0);
    }
    /* a flags byte in a v1 record means nothing: kept, reported, not expanded */
    emit_ipc(TEV_IPC_SEND, 13, ipc(C, S, 2), TRF_DELIVERED, 0, 0);
    img_decode();
    assert_int_equal(ngot, 4);
    assert_int_equal(ndiag, 1);
    assert_non_null(strstr(diag[0], "bit not in the trace's flag table"));
    /* versions beyond this tracer's are refused with a clear message */
    img_init();
    w.ctl->version = TRACE_FORMAT_VERSION + 1;
    tw_seal(&w);
    assert_int_equal(tdec_check_ctl(img, sizeof img, msg, sizeof msg), -1);
    assert_string_equal(msg, "format version 4, this tracer reads versions 1 to 3");
    w.ctl->version = 0;
    tw_seal(&w);
    assert_int_equal(tdec_check_ctl(img, sizeof img, msg, sizeof msg), -1);
}

/* ---- expansion ----------------------------------------------------------- */
static void check_ipc_fields(const struct trace_rec *r, int32_t src, int32_t dst, uint32_t id)
{
    assert_int_equal(r->a[0], (uint32_t)src);
    assert_int_equal(r->a[1], (uint32_t)dst);
    assert_int_equal(r->a[2], 0x101);
    assert_int_equal(r->a[3], 0);
    assert_int_equal(r->a[4], id);
    assert_int_equal(r->a[5], 0xaa);
    assert_int_equal(r->a[6], 0xbb);
}

/* got[i] is implied by record `rec` (its ts) and is event `type` */
static const struct trace_rec *implied(int i, uint64_t rec, unsigned type, uint32_t unknown)
{
    assert_true(i < ngot);
    assert_int_equal(got[i].index, i);
    assert_int_equal(got[i].x.record, rec);
    assert_int_equal(got[i].x.flags, TDEC_IMPLIED);
    assert_int_equal(got[i].x.unknown, unknown);
    assert_int_equal(got[i].r.type, type);
    assert_int_equal(got[i].r.flags, 0);
    assert_int_equal(got[i].r.ts, 100 + rec);
    for (int w2 = 0; w2 < TRACE_REC_WORDS; w2++)
        if (unknown >> w2 & 1) assert_int_equal(got[i].r.a[w2], 0);
    return &got[i].r;
}

static void kernel_rec(int i, uint64_t rec, unsigned type, unsigned flags)
{
    assert_true(i < ngot);
    assert_int_equal(got[i].index, i);
    assert_int_equal(got[i].x.record, rec);
    assert_int_equal(got[i].x.flags, flags);
    assert_int_equal(got[i].x.unknown, 0);
    assert_int_equal(got[i].r.type, type);
}

#define STATE_WORD 1u                      /* SCHED_BLOCK/UNBLOCK `state` */
#define SWITCH_UNKNOWN (1u << 2 | 1u << 3) /* SCHED_SWITCH from_state, to_prio */

static void expand_each_flag(void **st)
{
    (void)st;
    static const struct { uint16_t ev; uint32_t op; } ops[] = {
        { TEV_IPC_SEND, IPC_SEND }, { TEV_IPC_SENDREC, IPC_SENDREC },
        { TEV_IPC_SENDNB, IPC_SENDNB }, { TEV_IPC_NOTIFY, IPC_NOTIFY },
        { TEV_IPC_SENDA, IPC_SENDA }, { TEV_IPC_REPLY, IPC_SEND },
    };
    const struct trace_rec *r;
    uint64_t rec = 0;
    int i = 0;
    img_init();
    /* rec 0: delivered -> IPC_RECEIVE with the record's 7 fields */
    emit_ipc(TEV_IPC_SEND, 100, ipc(C, S, 7), TRF_DELIVERED, 0, 0);
    /* rec 1: dst_woke -> SCHED_UNBLOCK(ep=dst, by=src) */
    emit_ipc(TEV_IPC_SEND, 101, ipc(C, S, 8), TRF_DST_WOKE, 0, 0);
    /* rec 2: src_woke (a RECEIVE that took a queued SEND) -> SCHED_UNBLOCK(ep=src, by=dst) */
    emit_ipc(TEV_IPC_RECEIVE, 102, ipc(C, S, 9), TRF_SRC_WOKE, 0, 0);
    /* rec 3..8: src_blocked -> SCHED_BLOCK(ep=src, waits_for=dst, op of the record) */
    for (size_t k = 0; k < 6; k++)
        emit_ipc(ops[k].ev, 103 + k, ipc(C, S, 10 + (uint32_t)k), TRF_SRC_BLOCKED, 0, 0);
    /* rec 9: switch on a non-IPC record -> SCHED_SWITCH(from=a[10], to=a[11]) */
    tw_KCALL_fold(&w, 109, (struct tw_KCALL){ .caller = S, .call = 0x601, .call_id = 3 },
                  (struct tw_fold){ TRF_SWITCH, S, C });
    /* rec 10: all five, in the documented order */
    emit_ipc(TEV_IPC_SENDREC, 110, ipc(C, S, 20),
             TRF_DELIVERED | TRF_SRC_BLOCKED | TRF_DST_WOKE | TRF_SRC_WOKE | TRF_SWITCH, C, S);
    img_decode();
    assert_int_equal(ndiag, 0);

    kernel_rec(i++, rec, TEV_IPC_SEND, TRF_DELIVERED);
    r = implied(i++, rec, TEV_IPC_RECEIVE, 0);
    check_ipc_fields(r, C, S, 7);
    rec++;
    kernel_rec(i++, rec, TEV_IPC_SEND, TRF_DST_WOKE);
    r = implied(i++, rec, TEV_SCHED_UNBLOCK, 1u << STATE_WORD);
    assert_int_equal(r->a[0], (uint32_t)S);
    assert_int_equal(r->a[2], (uint32_t)C);
    rec++;
    kernel_rec(i++, rec, TEV_IPC_RECEIVE, TRF_SRC_WOKE);
    r = implied(i++, rec, TEV_SCHED_UNBLOCK, 1u << STATE_WORD);
    assert_int_equal(r->a[0], (uint32_t)C);
    assert_int_equal(r->a[2], (uint32_t)S);
    rec++;
    for (size_t k = 0; k < 6; k++, rec++) {
        kernel_rec(i++, rec, ops[k].ev, TRF_SRC_BLOCKED);
        r = implied(i++, rec, TEV_SCHED_BLOCK, 1u << STATE_WORD);
        assert_int_equal(r->a[0], (uint32_t)C);      /* ep */
        assert_int_equal(r->a[2], (uint32_t)S);      /* waits_for */
        assert_int_equal(r->a[3], ops[k].op);        /* op */
    }
    kernel_rec(i++, rec, TEV_KCALL, TRF_SWITCH);
    r = implied(i++, rec, TEV_SCHED_SWITCH, SWITCH_UNKNOWN);
    assert_int_equal(r->a[0], (uint32_t)S);
    assert_int_equal(r->a[1], (uint32_t)C);
    rec++;
    kernel_rec(i++, rec, TEV_IPC_SENDREC, 0x8f);
    check_ipc_fields(&got[i - 1].r, C, S, 20);
    check_ipc_fields(implied(i++, rec, TEV_IPC_RECEIVE, 0), C, S, 20);
    r = implied(i++, rec, TEV_SCHED_UNBLOCK, 1u << STATE_WORD);      /* dst_woke */
    assert_int_equal(r->a[0], (uint32_t)S);
    r = implied(i++, rec, TEV_SCHED_UNBLOCK, 1u << STATE_WORD);      /* src_woke */
    assert_int_equal(r->a[0], (uint32_t)C);
    r = implied(i++, rec, TEV_SCHED_BLOCK, 1u << STATE_WORD);        /* src_blocked */
    assert_int_equal(r->a[3], IPC_SENDREC);
    r = implied(i++, rec, TEV_SCHED_SWITCH, SWITCH_UNKNOWN);         /* switch, last */
    assert_int_equal(r->a[0], (uint32_t)C);
    assert_int_equal(r->a[1], (uint32_t)S);
    assert_int_equal(ngot, i);
    assert_int_equal(i, 11 + 10 + 5);
}

/* Flags that cannot be expanded: the record is kept, the first case per
 * event type and flag is reported with its offset, nothing is implied. */
static void expand_bad_flags(void **st)
{
    (void)st;
    img_init();
    struct tw_GRANT_CREATE g = { .caller = C, .granter = C, .grantee = S, .grant_id = 1 };
    tw_GRANT_CREATE_fold(&w, 100, g, (struct tw_fold){ TRF_SWITCH, C, S });  /* 12 words */
    tw_GRANT_CREATE_fold(&w, 101, g, (struct tw_fold){ TRF_SWITCH, C, S });  /* not again */
    tw_SCHED_BLOCK_fold(&w, 102, (struct tw_SCHED_BLOCK){ .ep = C },
                        (struct tw_fold){ TRF_DELIVERED, 0, 0 });           /* not IPC */
    emit_ipc(TEV_IPC_SEND, 103, ipc(C, S, 1), 0x40, 0, 0);                   /* unnamed bit */
    emit_ipc(TEV_IPC_SEND, 104, ipc(C, S, 2), TRF_DELIVERED, 0, 0);          /* fine */
    img_decode();
    assert_int_equal(ngot, 6);
    for (int i = 0; i < 5; i++) assert_int_equal(got[i].x.flags & TDEC_IMPLIED, 0);
    assert_int_equal(got[5].r.type, TEV_IPC_RECEIVE);
    assert_int_equal(got[5].index, 5);
    assert_int_equal(ndiag, 3);
    assert_string_equal(diag[0], "record 0 (GRANT_CREATE): flags 0x80 (switch) not expanded: "
                                 "flag not valid on this event (or implied event not in the schema)");
    /* the record's own offset: after the 256-byte header of the ring page */
    assert_int_equal(diag_off[0], TRACE_CTL_SIZE + trace_slot_offset(TW_PAGE_RECS, 0));
    assert_int_equal(diag_off[0], TRACE_CTL_SIZE + 256);
    assert_non_null(strstr(diag[1], "record 2 (SCHED_BLOCK): flags 0x01 (delivered)"));
    assert_int_equal(diag_off[1], TRACE_CTL_SIZE + 256 + 2 * TRACE_REC_SIZE);
    assert_non_null(strstr(diag[2], "record 3 (IPC_SEND): flags 0x40 (?0x40) not expanded: "
                                    "bit not in the trace's flag table"));
}

/* ---- store: folded == unfolded ------------------------------------------- */
enum { ROUNDS = 3 };

/* The same boot twice: the round trips folded (3 records each, as the v2
 * kernel writes them) or as the 10 separate records a v1 kernel wrote,
 * with the same timestamps. */
/* folded: 0 unfolded, 1 folded (3 records per round trip), 2 folded with
 * REPLY_RECV (2 records), 3 unfolded with the server's block at the reply's
 * time, as REPLY_RECV does it. */
static void round_trips(FILE *f, int folded, int tear)
{
    static uint8_t mem[TW_REGION_SIZE(17 * TW_PAGE_RECS, TW_PAGE_RECS)];
    struct tw t;
    uint64_t ts = 1000;
    assert_int_equal(tw_init(&t, mem, 17 * TW_PAGE_RECS, TW_PAGE_RECS, TRACE_MODE_OVERWRITE,
                             TRACE_CLOCK_TSC, 0x77, 0), 0);
    tw_stream_ctl(&t, f);
    tw_PROC_LABEL(&t, ts++, (struct tw_PROC_LABEL){ .ep = S, .label = "server" });
    tw_PROC_LABEL(&t, ts++, (struct tw_PROC_LABEL){ .ep = C, .label = "client" });
    tw_SCHED_BLOCK(&t, ts++, (struct tw_SCHED_BLOCK){ .ep = S, .state = 2, .waits_for = ANY,
                                                     .op = IPC_RECEIVE });
    for (uint32_t id = 1; id <= ROUNDS; id++) {
        struct tw_IPC_SENDREC rq = { .src = C, .dst = S, .m_type = 0x200, .call_id = id, .p0 = id };
        struct tw_IPC_REPLY rp = { .src = S, .dst = C, .m_type = 0, .call_id = id, .p0 = 2 * id };
        uint64_t t1 = ts += 10, t2 = ts += 10, t3 = ts += 100, t4 = ts += 10;
        if (folded == 1 || folded == 2) {
            tw_IPC_SENDREC_fold(&t, t1, rq, (struct tw_fold){ TRF_DELIVERED | TRF_DST_WOKE |
                                                              TRF_SRC_BLOCKED | TRF_SWITCH, C, S });
            tw_KCALL(&t, t2, (struct tw_KCALL){ .caller = S, .call = 0x605, .call_id = id });
        }
        if (folded == 1) {
            tw_IPC_REPLY_fold(&t, t3, rp, (struct tw_fold){ TRF_DELIVERED | TRF_DST_WOKE, 0, 0 });
            tw_SCHED_BLOCK_fold(&t, t4, (struct tw_SCHED_BLOCK){ .ep = S, .state = 2,
                                .waits_for = ANY, .op = IPC_RECEIVE },
                                (struct tw_fold){ TRF_SWITCH, S, C });
        } else if (folded == 2) {     /* REPLY_RECV: the server's block folded too */
            uint32_t a[TRACE_REC_WORDS] = { (uint32_t)S, (uint32_t)C, 0, 0, id, 2 * id, 0,
                                            (uint32_t)ANY };
            a[TRACE_SWITCH_FROM_WORD] = (uint32_t)S;
            a[TRACE_SWITCH_TO_WORD] = (uint32_t)C;
            tw_emit_folded(&t, TEV_IPC_REPLY, t3, a, 7, TRF_DELIVERED | TRF_DST_WOKE |
                           TRF_SRC_RECEIVES | TRF_SWITCH);
        } else {
            tw_IPC_SENDREC(&t, t1, rq);
            tw_IPC_RECEIVE(&t, t1, (struct tw_IPC_RECEIVE){ .src = C, .dst = S, .m_type = 0x200,
                                                            .call_id = id, .p0 = id });
            tw_SCHED_UNBLOCK(&t, t1, (struct tw_SCHED_UNBLOCK){ .ep = S, .state = 2, .by = C });
            tw_SCHED_BLOCK(&t, t1, (struct tw_SCHED_BLOCK){ .ep = C, .state = 3, .waits_for = S,
                                                           .op = IPC_SENDREC });
            tw_SCHED_SWITCH(&t, t1, (struct tw_SCHED_SWITCH){ .from = C, .to = S, .from_state = 3 });
            tw_KCALL(&t, t2, (struct tw_KCALL){ .caller = S, .call = 0x605, .call_id = id });
            tw_IPC_REPLY(&t, t3, rp);
            tw_IPC_RECEIVE(&t, t3, (struct tw_IPC_RECEIVE){ .src = S, .dst = C, .m_type = 0,
                                                            .call_id = id, .p0 = 2 * id });
            tw_SCHED_UNBLOCK(&t, t3, (struct tw_SCHED_UNBLOCK){ .ep = C, .state = 3, .by = S });
            uint64_t tb = folded == 3 ? t3 : t4;     /* 3: unfolded, as REPLY_RECV runs */
            tw_SCHED_BLOCK(&t, tb, (struct tw_SCHED_BLOCK){ .ep = S, .state = 2,
                                                           .waits_for = ANY, .op = IPC_RECEIVE });
            tw_SCHED_SWITCH(&t, tb, (struct tw_SCHED_SWITCH){ .from = S, .to = C, .from_state = 2 });
        }
    }
    if (tear) tw_slot(&t, (uint64_t)tear)->seq += 7;
    tw_stream_drain(&t, f, 64);
    tw_stream_ctl(&t, f);
}

static sqlite3 *ingest_rt(const char *bin, const char *db, int folded, int tear)
{
    FILE *f = fopen(bin, "wb");
    assert_non_null(f);
    round_trips(f, folded, tear);
    fclose(f);
    return tt_ingest(bin, db);
}

/* A query's whole result as one string (columns ',', rows ';'). */
static char *qs(sqlite3 *db, const char *sql)
{
    static char out[1 << 16];
    size_t n = 0;
    sqlite3_stmt *st;
    out[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(st) && n < sizeof out; c++) {
            const unsigned char *v = sqlite3_column_text(st, c);
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", c ? "," : n ? ";" : "",
                                  v ? (const char *)v : "NULL");
        }
    sqlite3_finalize(st);
    assert_true(n < sizeof out);
    return strdup(out);
}

static const char *const same[] = {
        "SELECT id, ts, type, ep, peer, call_id, status, m_type, from_call, from_grant "
        "FROM event ORDER BY id",
        "SELECT * FROM ipc_call ORDER BY call_id",
        "SELECT id, ep, waits_for, op, t_block, t_unblock, ev_block, ev_unblock, by "
        "FROM block_span ORDER BY id",
        "SELECT id, ev_from, ev_to, kind, call_id FROM flow ORDER BY id",
        "SELECT ep, label, first_id, last_id, n_events, n_sent, n_recv, blocked "
        "FROM endpoint ORDER BY ep",
};

static void assert_same(sqlite3 *f, sqlite3 *u)
{
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *a = qs(f, same[i]), *b = qs(u, same[i]);
        assert_true(strlen(a) > 10);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

static void folded_same_as_unfolded(void **st)
{
    (void)st;
    sqlite3 *f = ingest_rt("f1.bin", "f1.db", 1, 0), *u = ingest_rt("f1u.bin", "f1u.db", 0, 0);
    assert_same(f, u);
    /* 3 + 4 records per round; 10 events + the KCALL per round */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE flags < 256"), 3 + 4 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event"), 3 + 11 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE flags = 256"), 7 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE type = 3 AND flags = 0x87"), ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE type = 4 AND flags = 0x05"), ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE type = 49 AND flags = 0x80"), ROUNDS);
    /* the calls: request, delivery, reply, reply delivered */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM ipc_call WHERE op = 3 AND ev_done IS NOT NULL "
                           "AND latency = 110 AND service = 110 AND n_kcalls = 1"), ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM flow WHERE kind = 'reply>done'"), ROUNDS);
    /* the client's blocked spans: SENDREC to the server, ended by the reply */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM block_span b JOIN endpoint c ON c.ep = b.ep "
                           "JOIN endpoint s ON s.ep = b.waits_for AND s.ep = b.by "
                           "WHERE c.label = 'client' AND s.label = 'server' AND b.op = 3 "
                           "AND t_unblock - t_block = 110"), ROUNDS);
    /* the server: waiting in RECEIVE from ANY, the last span still open */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM block_span WHERE waits_for = 0x7ace AND op = 2"),
                     ROUNDS + 1);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM block_span WHERE t_unblock IS NULL"), 1);
    /* unknown fields are NULL (the unfolded trace has values there) */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM sched_event WHERE state IS NULL AND "
                           "event IN ('SCHED_BLOCK', 'SCHED_UNBLOCK')"), 3 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM sched_event WHERE event = 'SCHED_SWITCH' AND "
                           "from_state IS NULL AND to_prio IS NULL"), 2 * ROUNDS);
    assert_int_equal(tt_q1(u, "SELECT count(*) FROM sched_event WHERE state IS NULL AND "
                           "event IN ('SCHED_BLOCK', 'SCHED_UNBLOCK')"), 0);
    /* the flag names are in the DB, with the host-only implied bit */
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM rec_flag"), 7);
    assert_int_equal(tt_q1(f, "SELECT bit FROM rec_flag WHERE name = 'implied'"), TDEC_IMPLIED);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM diag"), 0);
    sqlite3_close(f);
    sqlite3_close(u);
}

/* REPLY_RECV's record (format 2 with src_receives): the server's reply and
 * its next block in one record, 2 records per round trip, and the same
 * database as unfolded (where the block comes at the reply's time). */
static void folded_reply_recv(void **st)
{
    (void)st;
    sqlite3 *f = ingest_rt("f3.bin", "f3.db", 2, 0), *u = ingest_rt("f3u.bin", "f3u.db", 3, 0);
    assert_same(f, u);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE flags < 256"), 3 + 3 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event"), 3 + 11 * ROUNDS);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM block_span WHERE waits_for = 0x7ace AND op = 2"),
                     ROUNDS + 1);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM diag"), 0);
    sqlite3_close(f);
    sqlite3_close(u);
}

/* A torn folded record loses the record and the events it implied: one id
 * (gaps in ids are exactly the lost records), one torn loss. */
static void folded_torn_record(void **st)
{
    (void)st;
    sqlite3 *f = ingest_rt("f2.bin", "f2.db", 1, 3);        /* record 3: the first SENDREC */
    assert_int_equal(tt_q1(f, "SELECT max(id) + 1 - count(*) FROM event"), 1);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event"), 3 + 11 * ROUNDS - 5);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM event WHERE id = 3"), 0);
    char *loss = qs(f, "SELECT count, at_id FROM trace_loss WHERE kind = 'torn'");
    assert_string_equal(loss, "1,3");
    free(loss);
    assert_int_equal(tt_q1(f, "SELECT type FROM event WHERE id = 4"), TEV_KCALL);
    assert_int_equal(tt_q1(f, "SELECT count(*) FROM ipc_call WHERE ev_send IS NOT NULL"), ROUNDS - 1);
    sqlite3_close(f);
}

/* The generated scenario is folded, deterministic and decodes cleanly. */
static void scenario_folded(void **st)
{
    (void)st;
    struct gen_opts o;
    size_t la, lb;
    gen_defaults(&o);
    o.events = 20000;
    o.stream = "f3a.bin";
    assert_int_equal(gen_run(&o), 0);
    o.stream = "f3b.bin";
    assert_int_equal(gen_run(&o), 0);
    FILE *a = fopen("f3a.bin", "rb"), *b = fopen("f3b.bin", "rb");
    static uint8_t ba[1 << 22], bb[1 << 22];
    la = fread(ba, 1, sizeof ba, a);
    lb = fread(bb, 1, sizeof bb, b);
    fclose(a);
    fclose(b);
    assert_true(la > 100000);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    struct ingest_opts io = { .input = "f3a.bin", .db = "f3.db", .quiet = 1 };
    assert_int_equal(ingest_run(&io, NULL), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open("f3.db", &db), SQLITE_OK);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM diag"), 0);
    assert_int_equal(tt_q1(db, "SELECT version FROM run"), TRACE_FORMAT_VERSION);
    assert_true(tt_q1(db, "SELECT count(*) FROM event WHERE flags = 0x87 AND type = 3") > 1000);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM ipc_call WHERE op = 3 AND ev_reply IS NOT NULL "
                            "AND ev_done IS NULL"), 0);
    assert_int_equal(tt_q1(db, "SELECT count(*) FROM call_view WHERE op = 'IPC_SENDREC' AND "
                            "ev_recv IS NULL AND caller NOT IN ('dl_a', 'dl_b')"), 0);
    assert_int_equal(tt_q1(db, "SELECT max(id) + 1 - count(*) FROM event"), 0);
    sqlite3_close(db);
}

int tracer_fold_tests(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(schema_v2_flag_table), cmocka_unit_test(schema_flag_table_errors),
        cmocka_unit_test(version1_still_read), cmocka_unit_test(expand_each_flag),
        cmocka_unit_test(expand_bad_flags), cmocka_unit_test(folded_same_as_unfolded),
        cmocka_unit_test(folded_torn_record), cmocka_unit_test(scenario_folded),
        cmocka_unit_test(folded_reply_recv),
    };
    return cmocka_run_group_tests_name("tracer_fold", t, NULL, NULL);
}
