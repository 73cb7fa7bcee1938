/* test_pages.c: cmocka tests of trace format version 3 ("ring pages"):
 * page_recs records at the end of each 4 KiB ring page, the page header
 * bytes before them never records, nrec = pages * page_recs (not a power
 * of two), slot of index i at trace_slot_offset(page_recs, i % nrec).
 *
 * Every test record is a MARK whose words encode its own index (check_rec),
 * so any record read from the wrong place (a page header decoy, another
 * slot, another lap) is caught, not only miscounted.  The writer's page
 * headers hold decoys with TW_JUNK_WORD in every word and the writer's
 * "hot variable": no delivered record may carry TW_JUNK_WORD.
 * Run from test_tracer's main (tracer_pages_tests). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "test_util.h"
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/gen/scenario.h"
#include "../../../tracer/gen/writer.h"

int tracer_pages_tests(void);

/* ---- a sink that checks every record and counts the rest --------------- */
struct cap {
    uint64_t n, first, last;      /* kernel records delivered, first/last index */
    uint64_t bad, junk, order;    /* wrong contents, junk words, out of order */
    uint64_t lost[TL_COUNT];
    int      nloss, nrun;
    struct { int kind; uint64_t count, at; } loss[16];
    int      ndiag;
    char     diag[8][256];
    uint64_t diag_off[8];
    uint64_t nlost_rec, lost_rec_count;    /* LOST records and the counts they carry */
    uint64_t hash;                /* FNV-1a over (index, record, tdec_ev) of every event */
};
static struct cap cap;

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static int c_run(void *c, const struct trace_ctl *ctl, const struct tschema *s)
{ (void)c; (void)ctl; (void)s; cap.nrun++; return 0; }

static int c_rec(void *c, uint64_t i, const struct trace_rec *r, const struct tdec_ev *x)
{
    (void)c;
    cap.hash = fnv(fnv(fnv(cap.hash, &i, sizeof i), r, sizeof *r), x, sizeof *x);
    for (int k = 0; k < TRACE_REC_WORDS; k++)
        if (r->a[k] == TW_JUNK_WORD) { cap.junk++; break; }
    if (x->flags & TDEC_IMPLIED) return 0;
    if (cap.n && x->record <= cap.last) cap.order++;
    if (!cap.n) cap.first = x->record;
    cap.last = x->record;
    cap.n++;
    if (r->type == TEV_LOST) { cap.nlost_rec++; cap.lost_rec_count += r->a[0]; }
    return 0;
}

static void c_loss(void *c, int k, uint64_t n, uint64_t at, uint64_t a, uint64_t b)
{
    (void)c; (void)a; (void)b;
    cap.lost[k] += n;
    if (cap.nloss < 16) { cap.loss[cap.nloss].kind = k; cap.loss[cap.nloss].count = n;
                          cap.loss[cap.nloss].at = at; }
    cap.nloss++;
}

static void c_diag(void *c, uint64_t off, const char *msg)
{
    (void)c;
    if (cap.ndiag < 8) { cap.diag_off[cap.ndiag] = off;
                         snprintf(cap.diag[cap.ndiag], sizeof cap.diag[0], "%s", msg); }
    cap.ndiag++;
}

static struct tdec dec;

static void dec_init(void)
{
    struct tdec_sink k = { 0 };
    k.on_run = c_run; k.on_rec = c_rec; k.on_loss = c_loss; k.on_diag = c_diag;
    memset(&cap, 0, sizeof cap);
    cap.hash = 0xcbf29ce484222325ull;
    tdec_init(&dec, &k);
}

static void decode(const uint8_t *buf, size_t len, enum tinput how)
{
    dec_init();
    tdec_buffer(&dec, buf, len, how);
    tdec_flush(&dec);
}

/* ---- records that name their own index --------------------------------- */
#define TS0 1000000u

static void put(struct tw *w)
{
    uint64_t i = w->next;
    uint32_t a[TRACE_REC_WORDS];
    for (int k = 0; k < TRACE_REC_WORDS; k++) a[k] = (uint32_t)i * 2654435761u + (uint32_t)k;
    a[0] = (uint32_t)i;
    a[1] = (uint32_t)(i >> 32);
    tw_emit(w, TEV_MARK, TS0 + i, a);
}

static void put_n(struct tw *w, uint64_t n)
{
    while (n--) put(w);
}

/* The record of index i as put() wrote it (for decoded-record checks). */
static int rec_ok(uint64_t i, const struct trace_rec *r)
{
    if (r->type != TEV_MARK || r->ts != TS0 + i || r->seq != (uint32_t)i || r->flags)
        return 0;
    if (r->a[0] != (uint32_t)i || r->a[1] != (uint32_t)(i >> 32)) return 0;
    for (int k = 2; k < TRACE_REC_WORDS; k++)
        if (r->a[k] != (uint32_t)i * 2654435761u + (uint32_t)k) return 0;
    return 1;
}

/* A sink for put() traces: also checks each record's contents. */
static int c_rec_checked(void *c, uint64_t i, const struct trace_rec *r, const struct tdec_ev *x)
{
    if (!(x->flags & TDEC_IMPLIED) && r->type != TEV_LOST && !rec_ok(x->record, r)) cap.bad++;
    return c_rec(c, i, r, x);
}

static void checked(void) { dec.sink.on_rec = c_rec_checked; }

static void no_loss_no_diag(void)
{
    for (int k = 0; k < TL_COUNT; k++) assert_int_equal(cap.lost[k], 0);
    assert_int_equal(cap.ndiag, 0);
}

static void clean_records(void)
{
    assert_int_equal(cap.bad, 0);
    assert_int_equal(cap.junk, 0);
    assert_int_equal(cap.order, 0);
}

/* ---- a region on the heap ------------------------------------------------ */
static uint8_t *region(struct tw *w, uint32_t nrec, uint32_t page_recs, uint32_t mode, int lazy)
{
    size_t len = tw_region_size(nrec, page_recs);
    uint8_t *m = malloc(len);
    assert_non_null(m);
    assert_int_equal(tw_init(w, m, nrec, page_recs, mode, TRACE_CLOCK_TSC, 0x3000 + nrec, 0), 0);
    assert_int_equal(w->region, len);
    w->lazy_head = lazy;
    return m;
}

static void dump_decode(struct tw *w)
{
    dec_init();
    checked();
    tdec_buffer(&dec, w->base, w->region, TIN_DUMP);
    tdec_flush(&dec);
}

/* ---- layout ----------------------------------------------------------------- */

/* The writer puts record i where trace_slot_offset says, the page header
 * holds decoys and the hot variable, and the v2 layout is the old one. */
static void writer_layout(void **st)
{
    (void)st;
    struct tw w;
    uint8_t *m = region(&w, 4 * 60, 60, TRACE_MODE_OVERWRITE, 0);
    assert_int_equal(w.region, TRACE_CTL_SIZE + 4 * 4096);
    assert_int_equal(w.ctl->version, 3);
    assert_int_equal(w.ctl->page_recs, 60);
    assert_int_equal(w.ctl->nrec, 240);
    put_n(&w, 130);
    for (uint64_t i = 0; i < 130; i++) {
        const struct trace_rec *r = (const struct trace_rec *)
            (m + TRACE_CTL_SIZE + (i / 60) * 4096 + 256 + (i % 60) * 64);
        assert_ptr_equal(r, tw_slot(&w, i));
        assert_true(rec_ok(i, r));
    }
    /* unwritten slots: "written one lap ago" */
    assert_int_equal(tw_slot(&w, 130)->seq, (uint32_t)(130 - 240));
    /* headers: decoys with the index a header-blind reader would expect ... */
    for (uint32_t p = 0; p < 4; p++)
        for (uint32_t k = 0; k < 4; k++) {
            const struct trace_rec *r = (const struct trace_rec *)
                (m + TRACE_CTL_SIZE + p * 4096 + k * 64);
            assert_int_equal(r->seq, p * 60 + k);
            assert_int_equal(r->type, TEV_MARK);
            assert_int_equal(r->a[5], TW_JUNK_WORD);
        }
    /* ... and the hot variable of the page being written (page 2) */
    uint64_t hot;
    memcpy(&hot, m + TRACE_CTL_SIZE + 2 * 4096, 8);
    assert_int_equal(hot, 130);
    memcpy(&hot, m + TRACE_CTL_SIZE + 1 * 4096, 8);
    assert_int_equal(hot, 120);                      /* stale: the page filled */
    free(m);
    /* page_recs 0: version 2, contiguous */
    m = region(&w, 256, 0, TRACE_MODE_OVERWRITE, 0);
    assert_int_equal(w.region, TRACE_CTL_SIZE + 256 * 64);
    assert_int_equal(w.ctl->version, 2);
    assert_int_equal(w.ctl->page_recs, 0);
    put_n(&w, 70);
    assert_ptr_equal(tw_slot(&w, 69), m + TRACE_CTL_SIZE + 69 * 64);
    assert_int_equal(tw_set_version(&w, 3), -1);     /* layout does not fit */
    assert_int_equal(tw_set_version(&w, 1), 0);
    free(m);
    m = region(&w, 120, 60, TRACE_MODE_OVERWRITE, 0);
    assert_int_equal(tw_set_version(&w, 2), -1);
    free(m);
    /* geometries the writer refuses */
    assert_null(tw_check_geometry(61440, 60));
    assert_null(tw_check_geometry(1, 1));
    assert_null(tw_check_geometry(64, 64));
    assert_null(tw_check_geometry(16, 0));
    assert_non_null(tw_check_geometry(65536, 60));
    assert_non_null(tw_check_geometry(120, 65));
    assert_non_null(tw_check_geometry(0, 60));
    assert_non_null(tw_check_geometry(61440, 0));
    struct gen_opts o;
    gen_defaults(&o);
    assert_int_equal(o.page_recs, TW_PAGE_RECS);
    assert_int_equal(o.nrec, 1024 * 60);
    o.stream = "p0.bin";
    o.nrec = 1 << 16;                                /* the old default: refused in v3 */
    assert_int_equal(gen_run(&o), -1);
}

/* ---- post-mortem, overwrite mode, many laps ------------------------------- */

/* Each geometry: 5 laps and a bit, eager and lazy head.  Exactly the last
 * nrec records, all correct, one overwrite loss of the rest at index 0. */
static void dump_wrap_geometries(void **st)
{
    (void)st;
    static const struct { uint32_t page_recs, nrec; } g[] = {
        { 60, 8 * 60 }, { 1, 5 }, { 7, 9 * 7 }, { 63, 3 * 63 }, { 64, 4 * 64 },
        { 60, 60 }, { 1, 1 }, { 0, 256 }, { 0, 16 },
    };
    for (size_t k = 0; k < sizeof g / sizeof g[0]; k++)
        for (int lazy = 0; lazy < 2; lazy++) {
            struct tw w;
            uint8_t *m = region(&w, g[k].nrec, g[k].page_recs, TRACE_MODE_OVERWRITE, lazy);
            uint64_t n = 5ull * g[k].nrec + 37;
            put_n(&w, n);
            assert_true(w.ctl->head <= n);
            dump_decode(&w);
            assert_int_equal(cap.nrun, 1);
            assert_int_equal(cap.n, g[k].nrec);
            assert_int_equal(cap.first, n - g[k].nrec);
            assert_int_equal(cap.last, n - 1);
            clean_records();
            assert_int_equal(cap.nloss, 1);
            assert_int_equal(cap.loss[0].kind, TL_OVERWRITE);
            assert_int_equal(cap.loss[0].count, n - g[k].nrec);
            assert_int_equal(cap.loss[0].at, 0);
            assert_int_equal(cap.ndiag, 0);
            assert_int_equal(dec.page_recs, g[k].page_recs ? g[k].page_recs : 64);
            free(m);
        }
}

/* ---- live: the reader polls between bursts of the writer ------------------- */

/* Bursts of every size around a page and the ring (8 pages of 60, lazy
 * head as the kernel publishes it): the reader keeps one slot of slack
 * (the writer may be filling it), so after a burst it may lose exactly
 * max(0, head - (nrec - 1) - next) records; nothing else is lost. */
static void live_wrap(void **st)
{
    (void)st;
    static const uint32_t burst[] = { 1, 59, 60, 61, 100, 479, 480, 481, 700, 0, 3, 1500, 17,
                                      240, 960, 59, 1 };
    for (int lazy = 0; lazy < 2; lazy++) {
        struct tw w;
        struct tring t;
        const uint32_t nrec = 480;
        uint8_t *m = region(&w, nrec, 60, TRACE_MODE_OVERWRITE, lazy);
        dec_init();
        checked();
        assert_int_equal(tring_attach(&t, &dec, m, w.region, 0), 0);
        assert_int_equal(t.nrec, nrec);
        assert_int_equal(t.page_recs, 60);
        t.live = 1;
        uint64_t next = 0, want_lost = 0, want_n = 0;
        for (size_t b = 0; b < sizeof burst / sizeof burst[0]; b++) {
            put_n(&w, burst[b]);
            uint64_t head = w.next, lo = head > nrec - 1 ? head - (nrec - 1) : 0;
            if (next < lo) { want_lost += lo - next; next = lo; }
            uint64_t got = tring_poll(&t, &dec);
            assert_int_equal(got, head - next);
            want_n += head - next;
            next = head;
            assert_int_equal(dec.next, head);
            assert_int_equal(cap.n, want_n);
            assert_int_equal(cap.lost[TL_OVERWRITE], want_lost);
        }
        /* 1 + 59 + 60 + 61 + 100 + 479: no loss yet; 480 loses 1, 481 2, 700 221 ... */
        assert_int_equal(cap.loss[0].count, 1);
        assert_int_equal(cap.loss[0].at, 760);
        assert_int_equal(cap.loss[1].count, 2);
        assert_int_equal(cap.loss[2].count, 221);
        assert_int_equal(want_lost, 1 + 2 + 221 + 1021 + 481);
        assert_int_equal(cap.n + cap.lost[TL_OVERWRITE], w.next);
        clean_records();
        assert_int_equal(cap.lost[TL_TORN] + cap.lost[TL_GAP], 0);
        assert_int_equal(cap.ndiag, 0);
        free(m);
    }
}

/* ---- discard mode ------------------------------------------------------------ */

/* 2 ring pages of 60, nothing consumed: 119 records stored (one slot kept
 * for LOST), 381 refused.  The ring reader consumes (tail), the writer
 * then writes LOST(381) and 100 more, across the wrap and a page end. */
static void discard_mode(void **st)
{
    (void)st;
    struct tw w;
    struct tring t;
    uint8_t *m = region(&w, 120, 60, TRACE_MODE_DISCARD, 1);
    put_n(&w, 500);
    assert_int_equal(w.next, 119);
    assert_int_equal(w.ctl->lost_discard, 381);
    dec_init();
    assert_int_equal(tring_attach(&t, &dec, m, w.region, 0), 0);
    t.live = 1;
    t.writable = 1;
    assert_int_equal(tring_poll(&t, &dec), 119);
    assert_int_equal(w.ctl->tail, 119);
    for (int i = 0; i < 100; i++) {
        uint32_t a[TRACE_REC_WORDS] = { 0x7000u + (uint32_t)i };
        tw_emit(&w, TEV_MARK, 5000 + (uint64_t)i, a);
    }
    assert_int_equal(w.next, 119 + 1 + 100);
    assert_int_equal(w.ctl->lost_discard, 381);      /* room for all of them */
    assert_int_equal(tring_poll(&t, &dec), 101);
    assert_int_equal(tring_poll(&t, &dec), 0);
    assert_int_equal(cap.n, 220);
    assert_int_equal(cap.nlost_rec, 1);
    assert_int_equal(cap.lost_rec_count, 381);
    assert_int_equal(dec.ctl.lost_discard, 381);
    assert_int_equal(cap.last, 219);
    no_loss_no_diag();
    assert_int_equal(cap.junk + cap.order, 0);
    assert_int_equal(w.ctl->tail, 220);
    /* the same ring as a stream: the drain consumes, frames stay in a page */
    free(m);
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *f = open_memstream(&sbuf, &slen);
    m = region(&w, 120, 60, TRACE_MODE_DISCARD, 1);
    tw_stream_ctl(&w, f);
    put_n(&w, 500);
    tw_stream_drain(&w, f, 256);
    for (int i = 0; i < 100; i++) {
        uint32_t a[TRACE_REC_WORDS] = { 0x7000u + (uint32_t)i };
        tw_emit(&w, TEV_MARK, 5000 + (uint64_t)i, a);
    }
    tw_stream_drain(&w, f, 256);
    tw_stream_ctl(&w, f);
    fclose(f);
    decode((uint8_t *)sbuf, slen, TIN_STREAM);
    assert_int_equal(cap.n, 220);
    assert_int_equal(cap.lost_rec_count, 381);
    assert_int_equal(dec.ctl.lost_discard, 381);
    no_loss_no_diag();
    assert_int_equal(cap.junk, 0);
    free(sbuf);
    free(m);
}

/* ---- stream frames -------------------------------------------------------------- */

/* Frames written from a v3 ring carry at most one ring page each and never
 * cross a page end; their records are the slots' bytes. */
static void stream_frames_in_pages(void **st)
{
    (void)st;
    struct tw w;
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *f = open_memstream(&sbuf, &slen);
    uint8_t *m = region(&w, 8 * 60, 60, TRACE_MODE_OVERWRITE, 1);
    tw_stream_ctl(&w, f);
    static const uint32_t burst[] = { 7, 60, 53, 200, 1, 119, 479, 1000, 60 };
    for (size_t b = 0; b < sizeof burst / sizeof burst[0]; b++) {
        put_n(&w, burst[b]);
        tw_stream_drain(&w, f, 256);
    }
    fclose(f);
    const uint8_t *p = (const uint8_t *)sbuf, *end = p + slen;
    uint64_t nframes = 0, nrecs = 0, expect = 0;
    while (p < end) {
        uint16_t n;
        uint32_t len, lo, hi;
        assert_true(p[0] == TRACE_SYNC0 && p[1] == TRACE_SYNC1);
        memcpy(&n, p + 2, 2);
        if (!n) { memcpy(&len, p + 4, 4); p += 8 + len + 4; continue; }
        memcpy(&lo, p + 4, 4);
        memcpy(&hi, p + 8, 4);
        uint64_t first = lo | (uint64_t)hi << 32;
        if (first > expect) expect = first;          /* overwritten before a drain */
        assert_int_equal(first, expect);
        assert_true(n >= 1 && n <= 60);
        assert_int_equal((first % 480) / 60, ((first + n - 1) % 480) / 60);
        for (uint16_t i = 0; i < n; i++)
            assert_true(rec_ok(first + i, (const struct trace_rec *)(p + 12 + i * 64)));
        expect = first + n;
        nframes++;
        nrecs += n;
        p += 12 + (size_t)n * 64 + 4;
    }
    assert_true(p == end);
    assert_int_equal(expect, w.next);
    assert_true(nframes >= nrecs / 60);
    free(sbuf);
    free(m);
}

/* ---- torn records ------------------------------------------------------------------ */

/* What torn_in_pages() must decode, from the image and from the stream:
 * 297 of 300 records, one torn run at 130 and one of two at 179. */
static void check_torn_losses(void)
{
    assert_int_equal(cap.n, 297);
    assert_int_equal(cap.lost[TL_TORN], 3);
    assert_int_equal(cap.nloss, 2);
    assert_int_equal(cap.loss[0].count, 1);
    assert_int_equal(cap.loss[0].at, 130);
    assert_int_equal(cap.loss[1].count, 2);
    assert_int_equal(cap.loss[1].at, 179);
}

/* Records 130 (inside page 2) and 179, 180 (the last of page 2, the first
 * of page 3: one torn run across a page boundary) are torn.  Image and
 * stream agree; the diagnostics name the slots' real byte offsets. */
static void torn_in_pages(void **st)
{
    (void)st;
    struct tw w;
    uint8_t *m = region(&w, 8 * 60, 60, TRACE_MODE_OVERWRITE, 0);
    put_n(&w, 300);
    tw_slot(&w, 130)->seq += 7;
    tw_slot(&w, 179)->seq ^= 0x100;
    tw_slot(&w, 180)->seq = 0;
    dump_decode(&w);
    check_torn_losses();
    assert_int_equal(cap.ndiag, 2);
    assert_string_equal(cap.diag[0], "record 130: seq 137 does not match (torn or overwritten)");
    assert_int_equal(cap.diag_off[0], TRACE_CTL_SIZE + 2 * 4096 + 256 + 10 * 64);
    assert_int_equal(cap.diag_off[0], TRACE_CTL_SIZE + trace_slot_offset(60, 130));
    assert_int_equal(cap.diag_off[1], TRACE_CTL_SIZE + 2 * 4096 + 256 + 59 * 64);
    clean_records();
    /* the same records through the stream */
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *f = open_memstream(&sbuf, &slen);
    tw_stream_ctl(&w, f);
    tw_stream_drain(&w, f, 64);
    fclose(f);
    decode((uint8_t *)sbuf, slen, TIN_STREAM);
    check_torn_losses();
    assert_int_equal(cap.junk, 0);
    free(sbuf);
    free(m);
}

/* ---- the head hint lagging ------------------------------------------------------------ */

/* The reader walks from ctl->head slot by slot while the next slot holds
 * the next seq: across page ends (skipping their headers) and across the
 * ring's wrap, and stops at the first slot not yet written this lap. */
static void head_lag_walk(void **st)
{
    (void)st;
    struct tw w;
    uint8_t *m = region(&w, 8 * 60, 60, TRACE_MODE_OVERWRITE, 1);
    put_n(&w, 200);                                  /* lazy: published at 180 */
    assert_int_equal(w.ctl->head, 180);
    dump_decode(&w);
    assert_int_equal(cap.n, 200);
    no_loss_no_diag();
    clean_records();
    w.ctl->head = 50;                                /* 3 page ends behind */
    dump_decode(&w);
    assert_int_equal(cap.n, 200);
    assert_int_equal(dec.ctl.head, 200);
    no_loss_no_diag();
    w.ctl->head = 0;                                 /* never published */
    dump_decode(&w);
    assert_int_equal(cap.n, 200);
    assert_int_equal(cap.last, 199);
    /* many laps later, the hint 150 records behind, across the wrap (960) */
    put_n(&w, 800);
    w.ctl->head = 850;
    dump_decode(&w);
    assert_int_equal(cap.n, 480);
    assert_int_equal(cap.first, 520);
    assert_int_equal(cap.last, 999);
    assert_int_equal(cap.lost[TL_OVERWRITE], 520);
    assert_int_equal(cap.ndiag, 0);
    clean_records();
    /* live: the reader meets the same lag between polls */
    struct tring t;
    dec_init();
    checked();
    assert_int_equal(tring_attach(&t, &dec, m, w.region, 0), 0);
    t.live = 1;
    tring_poll(&t, &dec);
    assert_int_equal(dec.next, 1000);
    put_n(&w, 130);                                  /* 1000..1129: to page 2 (1080..) */
    assert_int_equal(w.ctl->head, 1080);
    w.ctl->head = 1001;
    assert_int_equal(tring_poll(&t, &dec), 130);
    assert_int_equal(cap.lost[TL_OVERWRITE], 521);   /* at attach: 520 + the live slot */
    assert_int_equal(cap.n, 479 + 130);
    clean_records();
    free(m);
}

/* ---- page headers ------------------------------------------------------------------ */

/* Headers rewritten with the most deceptive records possible: copies of a
 * real record with the seqs a walking reader would look for next.  Nothing
 * there is decoded, the head is not extended by them. */
static void junk_headers_ignored(void **st)
{
    (void)st;
    static const uint32_t prs[] = { 60, 1, 33, 63 };
    for (size_t k = 0; k < sizeof prs / sizeof prs[0]; k++) {
        struct tw w;
        uint32_t pages = 6, nrec = pages * prs[k];
        uint8_t *m = region(&w, nrec, prs[k], TRACE_MODE_OVERWRITE, 0);
        put_n(&w, 3 * (uint64_t)nrec + 11);
        uint32_t hdr = 4096 - prs[k] * 64;
        for (uint32_t p = 0; p < pages; p++)
            for (uint32_t j = 0; j < hdr / 64; j++) {
                struct trace_rec r = *tw_slot(&w, w.next - 1);
                r.seq = (uint32_t)(w.next + j);          /* the walk's next wishes */
                for (int x = 0; x < TRACE_REC_WORDS; x++) r.a[x] = TW_JUNK_WORD;
                memcpy(m + TRACE_CTL_SIZE + p * 4096 + j * 64, &r, 64);
            }
        dump_decode(&w);
        assert_int_equal(cap.n, nrec);
        assert_int_equal(cap.last, w.next - 1);
        assert_int_equal(cap.lost[TL_OVERWRITE], w.next - nrec);
        assert_int_equal(cap.ndiag, 0);
        clean_records();
        free(m);
    }
}

/* ---- v2 next to v3 --------------------------------------------------------------------- */

static uint8_t *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    uint8_t *b = malloc(*len + 1);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void decode_file(const char *p)
{
    size_t len;
    uint8_t *b = slurp(p, &len);
    decode(b, len, TIN_AUTO);
    free(b);
}

/* The scenario written as v2 (the old layout and defaults: 65536
 * contiguous slots, head after every record) and as v3 (the kernel's
 * 1024 pages of 60, lazy head), each as RAM image and stream: the same
 * events, bit for bit, from all four; loss and torn records too. */
static void v2_and_v3_same_events(void **st)
{
    (void)st;
    struct gen_opts o;
    uint64_t hash[4], n[4], torn[4];
    const char *const file[4] = { "p2.img", "p2.bin", "p3.img", "p3.bin" };
    for (int v = 0; v < 2; v++) {
        gen_defaults(&o);
        o.events = 30000;
        o.torn = 3;
        o.panic = 1;
        if (v == 0) { o.page_recs = 0; o.nrec = 1 << 16; o.lazy_head = 0; }
        o.ram = file[2 * v];
        o.stream = file[2 * v + 1];
        assert_int_equal(gen_run(&o), 0);
    }
    for (int i = 0; i < 4; i++) {
        decode_file(file[i]);
        assert_int_equal(cap.nrun, 1);
        assert_int_equal(dec.ctl.version, i < 2 ? 2 : 3);
        assert_int_equal(dec.page_recs, i < 2 ? 64 : 60);
        assert_int_equal(cap.junk + cap.order, 0);
        hash[i] = cap.hash;
        n[i] = cap.n;
        torn[i] = cap.lost[TL_TORN];
        assert_int_equal(cap.lost[TL_OVERWRITE] + cap.lost[TL_GAP], 0);
    }
    assert_true(n[0] > 30000);
    assert_true(torn[0] >= 3);
    for (int i = 1; i < 4; i++) {
        assert_int_equal(n[i], n[0]);
        assert_int_equal(torn[i], torn[0]);
        assert_true(hash[i] == hash[0]);
    }
    /* wrapped many times: still the same events from both layouts */
    for (int v = 0; v < 2; v++) {
        gen_defaults(&o);
        o.events = 50000;
        o.nrec = v ? 64 * 60 : 4096;
        o.page_recs = v ? 60 : 0;
        o.ram = file[2 * v];
        assert_int_equal(gen_run(&o), 0);
        decode_file(file[2 * v]);
        assert_int_equal(cap.n, o.nrec);
        assert_int_equal(cap.n + cap.lost[TL_OVERWRITE], (uint64_t)cap.last + 1);
        assert_int_equal(cap.junk + cap.order, 0);
        assert_int_equal(cap.ndiag, 1);              /* the decoy magic in the junk before */
        assert_non_null(strstr(cap.diag[0], "control page candidate: control page CRC mismatch"));
        n[v] = cap.last;
    }
    assert_int_equal(n[0], n[1]);
}

/* ---- bad geometry ------------------------------------------------------------------------ */

struct bad { uint32_t version, nrec, page_recs; const char *msg; };

/* Control pages whose geometry is impossible are refused by tdec_check_ctl
 * with a message naming the problem, and a dump holding one decodes
 * nothing (no crash, no run) with that message as a diagnostic. */
static void bad_geometry_rejected(void **st)
{
    (void)st;
    static const struct bad b[] = {
        { 3, 480, 0, "page_recs 0 out of range (format version 3: 1 to 64 records per ring page)" },
        { 3, 480, 65, "page_recs 65 out of range (format version 3: 1 to 64 records per ring page)" },
        { 3, 480, 0xffffffffu, "page_recs 4294967295 out of range (format version 3: 1 to 64 "
                               "records per ring page)" },
        { 3, 0, 60, "nrec 0 out of range (1 to 67108864)" },
        { 3, 481, 60, "nrec 481 is not a multiple of page_recs 60 (the ring is whole ring pages)" },
        { 3, 65536, 60, "nrec 65536 is not a multiple of page_recs 60 (the ring is whole ring pages)" },
        { 3, (1u << 26) + 60, 60, "nrec 67108924 out of range (1 to 67108864)" },
        { 2, 480, 60, "nrec 480 is not a power of two in range" },
        { 1, 61440, 60, "nrec 61440 is not a power of two in range" },
        { 2, 1u << 27, 0, "nrec 134217728 is not a power of two in range" },
        { 4, 480, 60, "format version 4, this tracer reads versions 1 to 3" },
    };
    static uint8_t img[TW_REGION_SIZE(8 * 60, 60)];
    struct tw w;
    char msg[200];
    for (size_t k = 0; k < sizeof b / sizeof b[0]; k++) {
        assert_int_equal(tw_init(&w, img, 8 * 60, 60, TRACE_MODE_OVERWRITE, TRACE_CLOCK_TSC, 9, 0), 0);
        put_n(&w, 100);
        w.ctl->version = b[k].version;
        w.ctl->nrec = b[k].nrec;
        tw_seal(&w);
        w.ctl->page_recs = b[k].page_recs;           /* not under ctl_crc: no reseal needed */
        assert_int_equal(tdec_check_ctl(img, sizeof img, msg, sizeof msg), -1);
        assert_string_equal(msg, b[k].msg);
        dec_init();
        assert_int_equal(tdec_buffer(&dec, img, sizeof img, TIN_DUMP), -1);
        assert_int_equal(cap.nrun, 0);
        assert_int_equal(cap.n, 0);
        assert_true(cap.ndiag >= 2);
        snprintf(msg, sizeof msg, "control page candidate: %s", b[k].msg);
        assert_string_equal(cap.diag[0], msg);
        assert_int_equal(cap.diag_off[0], 0);
    }
    /* v1/v2 ignore the field (it was reserved, 0) */
    assert_int_equal(tw_init(&w, img, 256, 0, TRACE_MODE_OVERWRITE, TRACE_CLOCK_TSC, 9, 0), 0);
    put_n(&w, 10);
    w.ctl->page_recs = 7;
    assert_int_equal(tdec_check_ctl(img, sizeof img, msg, sizeof msg), 0);
    dump_decode(&w);
    assert_int_equal(cap.n, 10);
    assert_int_equal(dec.page_recs, 64);
    /* a v3 ring must fit the image as whole pages: 480 records of 60 per
     * page need 8 pages (32 KiB), more than 480 contiguous records (30 KiB) */
    assert_int_equal(tw_init(&w, img, 8 * 60, 60, TRACE_MODE_OVERWRITE, TRACE_CLOCK_TSC, 9, 0), 0);
    put_n(&w, 100);
    dec_init();
    size_t cut = TRACE_CTL_SIZE + 480 * 64 + 1024;
    assert_int_equal(tdec_buffer(&dec, img, cut, TIN_DUMP), -1);
    assert_int_equal(cap.n, 0);
    snprintf(msg, sizeof msg, "ring of 480 records (60 per ring page) runs past the end of the "
             "image (needs %d bytes, image has %zu)", TRACE_CTL_SIZE + 8 * 4096, cut);
    assert_string_equal(cap.diag[0], msg);
    assert_int_equal(cap.diag_off[0], TRACE_CTL_SIZE);
    /* a stream control frame with a bad page_recs: refused, records skipped */
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *f = open_memstream(&sbuf, &slen);
    w.ctl->page_recs = 0;
    tw_stream_ctl(&w, f);
    tw_stream_drain(&w, f, 64);
    fclose(f);
    decode((uint8_t *)sbuf, slen, TIN_STREAM);
    assert_int_equal(cap.nrun, 0);
    assert_int_equal(cap.n, 0);
    assert_non_null(strstr(cap.diag[0], "page_recs 0 out of range"));
    free(sbuf);
}

int tracer_pages_tests(void)
{
    const struct CMUnitTest t[] = {
        cmocka_unit_test(writer_layout), cmocka_unit_test(dump_wrap_geometries),
        cmocka_unit_test(live_wrap), cmocka_unit_test(discard_mode),
        cmocka_unit_test(stream_frames_in_pages), cmocka_unit_test(torn_in_pages),
        cmocka_unit_test(head_lag_walk), cmocka_unit_test(junk_headers_ignored),
        cmocka_unit_test(v2_and_v3_same_events), cmocka_unit_test(bad_geometry_rejected),
    };
    return cmocka_run_group_tests_name("tracer_pages", t, NULL, NULL);
}
