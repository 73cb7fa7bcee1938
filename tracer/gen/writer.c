/* writer.c: encoder side of the trace format (see writer.h). */
#include <stdlib.h>
#include "writer.h"
#include "../common/crc32.h"

struct buf { uint8_t *p; size_t cap, len; int overflow; };

static void put(struct buf *b, const void *src, size_t n)
{
    if (b->len + n > b->cap) { b->overflow = 1; return; }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}
static void put8(struct buf *b, uint8_t v) { put(b, &v, 1); }
static void put16(struct buf *b, uint16_t v) { put(b, &v, 2); }
static void put32(struct buf *b, uint32_t v) { put(b, &v, 4); }
static void puts0(struct buf *b, const char *s) { put(b, s, strlen(s) + 1); }

/* type ids are the host enum positions (dense from 0) */
#define TW_TYPE_ENTRY(t, slots, name) put8(b, t); put8(b, slots); puts0(b, name);
#define TW_CAT_ENTRY(c, bit, name)   put8(b, bit); puts0(b, name);
#define TW_FIELD_ENTRY(name, type)   put8(b, type); puts0(b, #name);
#define TW_COUNT_F(name, type)       nf++;
#define TW_EVENT_ENTRY(NAME, id, cat, descr, FIELDS) \
    { uint8_t nf = 0; FIELDS(TW_COUNT_F) put16(b, id); put8(b, cat); put8(b, nf); \
      puts0(b, #NAME); puts0(b, descr); FIELDS(TW_FIELD_ENTRY) }
#define TW_FLAG_ENTRY(f, bit, name, text) put8(b, bit); puts0(b, name); puts0(b, text);
#define TW_ONE(...) +1

size_t tw_schema_build_v(uint8_t *out, size_t cap, unsigned version)
{
    struct buf bb = { out, cap, 0, 0 }, *b = &bb;
    put32(b, TRACE_SCHEMA_MAGIC);
    put32(b, 0 TRACE_FIELD_TYPES(TW_ONE));
    put32(b, 0 TRACE_CATEGORIES(TW_ONE));
    put32(b, 0 TRACE_EVENTS(TW_ONE));
    TRACE_FIELD_TYPES(TW_TYPE_ENTRY)
    TRACE_CATEGORIES(TW_CAT_ENTRY)
    TRACE_EVENTS(TW_EVENT_ENTRY)
    if (version >= 2) {                    /* u32 n_flags, unaligned, then the flags */
        put32(b, 0 TRACE_REC_FLAGS(TW_ONE));
        TRACE_REC_FLAGS(TW_FLAG_ENTRY)
    }
    return bb.overflow ? 0 : bb.len;
}

size_t tw_schema_build(uint8_t *out, size_t cap)
{
    return tw_schema_build_v(out, cap, TRACE_FORMAT_VERSION);
}

const char *tw_check_geometry(uint32_t nrec, uint32_t page_recs)
{
    if (page_recs > TRACE_PAGE_SIZE / TRACE_REC_SIZE)
        return "page_recs must be 0 (format v2) or 1 to 64";
    if (nrec == 0 || nrec > (1u << 26))
        return "nrec must be 1 to 2^26";
    if (!page_recs && (nrec & (nrec - 1)))
        return "nrec must be a power of two for a contiguous (format v2) ring";
    if (page_recs && nrec % page_recs)
        return "nrec must be a multiple of page_recs (whole ring pages)";
    return NULL;
}

size_t tw_region_size(uint32_t nrec, uint32_t page_recs)
{
    return TW_REGION_SIZE(nrec, page_recs);   /* the schema lives inside the control block */
}

struct trace_rec *tw_slot(const struct tw *w, uint64_t i)
{
    /* trace_slot_offset(0, .) is the contiguous layout: page_recs 0 = 64 */
    return (struct trace_rec *)(w->ring + trace_slot_offset(w->page_recs, (uint32_t)(i % w->nrec)));
}

void tw_seal(struct tw *w)
{
    w->ctl->ctl_crc = 0;
    w->ctl->ctl_crc = crc32_update(0, w->ctl, offsetof(struct trace_ctl, mode));
}

int tw_set_version(struct tw *w, unsigned version)
{
    struct trace_ctl *c = w->ctl;
    if (version < 1 || version > TRACE_FORMAT_VERSION || (version >= 3) != (w->page_recs != 0))
        return -1;
    c->version = version;
    memset(w->base + c->schema_off, 0, c->schema_len);
    c->schema_len = (uint32_t)tw_schema_build_v(w->base + c->schema_off,
                                                TRACE_CTL_SIZE - c->schema_off, version);
    tw_seal(w);
    return 0;
}

/* Page headers (format v3): nothing but decoys a wrong reader would take
 * for records (the header is a multiple of 64 bytes).  Decoy k of page p
 * carries seq p * page_recs + k, the index whose slot a reader that forgot
 * the header offset would look for at that address. */
static void fill_page_headers(struct tw *w)
{
    uint32_t hdr = TRACE_PAGE_SIZE - w->page_recs * TRACE_REC_SIZE;
    for (uint32_t p = 0; p < w->nrec / w->page_recs; p++)
        for (uint32_t k = 0; k < hdr / TRACE_REC_SIZE; k++) {
            struct trace_rec r = { .ts = 1, .seq = p * w->page_recs + k, .type = TEV_MARK };
            for (int j = 0; j < TRACE_REC_WORDS; j++) r.a[j] = TW_JUNK_WORD;
            memcpy(w->ring + (size_t)p * TRACE_PAGE_SIZE + (size_t)k * TRACE_REC_SIZE, &r,
                   sizeof r);
        }
}

int tw_init(struct tw *w, void *mem, uint32_t nrec, uint32_t page_recs, uint32_t mode,
            uint32_t clock, uint32_t boot_id, uint32_t ring_phys)
{
    if (tw_check_geometry(nrec, page_recs)) return -1;
    memset(w, 0, sizeof *w);
    w->base = mem;
    w->nrec = nrec;
    w->page_recs = page_recs;
    w->region = tw_region_size(nrec, page_recs);
    memset(mem, 0, w->region);
    w->ctl = mem;
    w->ring = w->base + TRACE_CTL_SIZE;
    if (page_recs) fill_page_headers(w);
    /* no slot may look written before it is (readers walk past head by seq) */
    for (uint32_t i = 0; i < nrec; i++)
        tw_slot(w, i)->seq = i - nrec;
    struct trace_ctl *c = w->ctl;
    unsigned version = page_recs ? TRACE_FORMAT_VERSION : 2;
    memcpy(c->magic, TRACE_MAGIC, sizeof c->magic);
    c->version = version;
    c->ctl_size = TRACE_CTL_SIZE;
    c->rec_size = TRACE_REC_SIZE;
    c->nrec = nrec;
    c->ncpu = 1;
    c->clock_domain = clock;
    c->tsc_khz = clock == TRACE_CLOCK_TSC ? 2596000 : 0;
    c->boot_id = boot_id;
    c->ring_phys = ring_phys;
    c->schema_off = sizeof(struct trace_ctl);
    c->schema_len = (uint32_t)tw_schema_build_v(w->base + sizeof(struct trace_ctl),
                                                TRACE_CTL_SIZE - sizeof(struct trace_ctl), version);
    c->mode = mode;
    c->enabled = TC_ALL;
    c->page_recs = page_recs;
    tw_seal(w);
    return 0;
}

void tw_publish(struct tw *w)
{
    __atomic_store_n(&w->ctl->head, w->next, __ATOMIC_RELEASE);
}

/* Only a[0..nwords) (and the switch and receive-from words, with their
 * flags) are written, as by the kernel. */
static void raw_emit(struct tw *w, uint16_t type, uint64_t ts, const uint32_t *a,
                     unsigned nwords, uint8_t flags)
{
    uint64_t i = w->next;
    uint32_t per = w->page_recs ? w->page_recs : TRACE_PAGE_SIZE / TRACE_REC_SIZE;
    struct trace_rec *r = tw_slot(w, i);
    r->ts = ts;
    r->type = type;
    r->cpu = 0;
    r->flags = flags;
    memcpy(r->a, a, (nwords < TRACE_REC_WORDS ? nwords : TRACE_REC_WORDS) * 4u);
    if (flags & TRF_SWITCH) {
        r->a[TRACE_SWITCH_FROM_WORD] = a[TRACE_SWITCH_FROM_WORD];
        r->a[TRACE_SWITCH_TO_WORD] = a[TRACE_SWITCH_TO_WORD];
    }
    if (flags & TRF_SRC_RECEIVES)
        r->a[TRACE_RECV_FROM_WORD] = a[TRACE_RECV_FROM_WORD];
    __atomic_signal_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&r->seq, (uint32_t)i, __ATOMIC_RELEASE);
    w->next = i + 1;
    uint32_t s = (uint32_t)(i % w->nrec);
    if (w->page_recs && w->page_recs < TRACE_PAGE_SIZE / TRACE_REC_SIZE) {
        /* a hot variable in the header of the page being written (there
         * is a header: page_recs < 64); readers must never look at it */
        memcpy(w->ring + (size_t)(s / per) * TRACE_PAGE_SIZE, &w->next, sizeof w->next);
    }
    if (!w->lazy_head || (s + 1) % per == 0 || s + 1 == w->nrec)   /* lazy: page full */
        tw_publish(w);
}

void tw_emit(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS])
{
    tw_emit_folded(w, type, ts, a, TRACE_REC_WORDS, 0);
}

void tw_emit_folded(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS],
                    unsigned nwords, uint8_t flags)
{
    struct trace_ctl *c = w->ctl;
    if (c->mode == TRACE_MODE_DISCARD) {
        uint64_t room = w->nrec - (w->next - c->tail);
        if (room < 2) {                    /* keep one slot for LOST */
            if (!w->lost_pending++) w->lost_first_ts = ts;
            c->lost_discard++;
            return;
        }
        if (w->lost_pending) {
            uint32_t l[TRACE_REC_WORDS] = { w->lost_pending, (uint32_t)w->lost_first_ts,
                                            (uint32_t)(w->lost_first_ts >> 32) };
            raw_emit(w, TEV_LOST, ts, l, 3, 0);
            w->lost_pending = 0;
        }
    }
    raw_emit(w, type, ts, a, nwords, flags);
}

static size_t frame_out(FILE *out, const void *hdr, size_t hlen, const void *body,
                        size_t blen)
{
    static const uint8_t sync[2] = { TRACE_SYNC0, TRACE_SYNC1 };
    uint32_t crc = crc32_update(crc32_update(0, hdr, hlen), body, blen);
    fwrite(sync, 1, 2, out);
    fwrite(hdr, 1, hlen, out);
    fwrite(body, 1, blen, out);
    fwrite(&crc, 4, 1, out);
    return 2 + hlen + blen + 4;
}

size_t tw_stream_ctl(struct tw *w, FILE *out)
{
    uint8_t hdr[6];
    uint32_t len = w->ctl->schema_off + w->ctl->schema_len;
    memset(hdr, 0, 2);
    memcpy(hdr + 2, &len, 4);
    return frame_out(out, hdr, 6, w->base, len);
}

size_t tw_stream_drain(struct tw *w, FILE *out, unsigned per_frame)
{
    struct trace_ctl *c = w->ctl;
    size_t bytes = 0;
    tw_publish(w);                        /* the kernel publishes head when draining */
    if (c->head > w->nrec && c->tail < c->head - w->nrec)
        c->tail = c->head - w->nrec;      /* overwritten: the gap shows loss */
    while (c->tail < c->head) {
        uint64_t n = c->head - c->tail;
        uint32_t slot = (uint32_t)(c->tail % w->nrec);
        if (n > per_frame) n = per_frame;
        if (n > w->nrec - slot) n = w->nrec - slot;   /* no wrap in a frame */
        if (w->page_recs && n > w->page_recs - slot % w->page_recs)
            n = w->page_recs - slot % w->page_recs;   /* v3: nor a ring page end */
        uint8_t hdr[10];
        uint16_t n16 = (uint16_t)n;
        uint32_t lo = (uint32_t)c->tail, hi = (uint32_t)(c->tail >> 32);
        memcpy(hdr, &n16, 2);
        memcpy(hdr + 2, &lo, 4);
        memcpy(hdr + 6, &hi, 4);
        /* n records contiguous in memory: one page (v3) or one unwrapped run (v2) */
        bytes += frame_out(out, hdr, 10, tw_slot(w, c->tail), (size_t)n * TRACE_REC_SIZE);
        c->tail += n;
    }
    return bytes;
}
