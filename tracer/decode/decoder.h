/* decoder.h: the ONE trace decoder, fed by three readers.
 *
 *   ring reader   (ring.c)   a RAM image: live shared-memory file or dump
 *   stream reader (stream.c) framed records from the port-0xE9 stream
 *   core          (decoder.c) control page + schema validation, per-record
 *                             seq check, loss accounting, delivery to a sink
 *   expansion     (expand.c) folded events (format version 2): a record's
 *                             TRF_* flags become implied events after it
 *
 * Every reader hands the core a control blob (control page followed by the
 * schema block at schema_off) and runs of records with their global index.
 * A run of records is contiguous in the input (the ring reader splits at
 * ring page ends and at the wrap), so `offset + i * 64` is record i's input
 * byte offset in diagnostics.
 * The core checks rec.seq == (u32)index, reports index gaps as loss, and
 * never delivers a record twice or out of order.  Problems are reported via
 * sink->on_diag with the input byte offset; decoding then continues.
 *
 * Events and indexes: the sink gets every record, each followed by the
 * events its flags imply (docs/trace-format.md, "Folded events"), all with
 * the record's ts.  The index passed to the sink is the EVENT index in the
 * run: record index + implied events delivered before it in this run.  A
 * lost record takes one index, so index gaps are exactly the lost records
 * (loss at_index values are event indexes too).
 */
#ifndef TRACER_DECODER_H
#define TRACER_DECODER_H
#include <stddef.h>
#include <stdint.h>
#include "schema.h"

enum tloss_kind {
    TL_OVERWRITE,   /* ring wrapped before the reader got there */
    TL_DISCARD,     /* kernel refused records (discard mode) */
    TL_TORN,        /* slot's seq did not match its index */
    TL_GAP,         /* index gap in the stream (frames lost or corrupt) */
    TL_COUNT
};
extern const char *const tloss_names[TL_COUNT];

/* Host-only bit of the `flags` value given with an event (never in a
 * record): the event is implied by the kernel record before it. */
#define TDEC_IMPLIED 0x100

/* What the decoder adds to each event it delivers. */
struct tdec_ev {
    uint64_t record;     /* index of the kernel record (for an implied event: its record) */
    uint32_t flags;      /* the record's TRF_* bits, or TDEC_IMPLIED for an implied event */
    uint32_t unknown;    /* implied events: bit w set = word a[w] is not known (0 in a[]) */
};

/* Expansion plans, from the run's schema (expand.c). */
#define TEXP_N 6         /* implied events per record at most, one per known flag */
struct texp_plan {
    int16_t  type;       /* implied event id; -1: this flag is not valid on this event */
    uint8_t  nmove, op_word;   /* op_word: target word of the constant op, 0xff none */
    uint32_t op, unknown;
    struct { uint8_t to, from, n; } move[TRACE_REC_WORDS];
};
struct texp {
    unsigned bit[TEXP_N];      /* the trace's bit for each known flag (0: absent) */
    unsigned named, known;     /* bits the schema names; bits of known flags */
    struct texp_plan plan[TS_MAX_ID + 1][TEXP_N];
    uint8_t  warned[TS_MAX_ID + 1];   /* bits already reported, per event id */
};
void texp_prepare(struct texp *x, const struct tschema *s);
/* The events implied by r, in order, into out[] with their unknown-word
 * masks; returns how many.  *bad gets the flag bits that were not expanded
 * and *why a reason for them (NULL if none). */
int  texp_expand(const struct texp *x, const struct trace_rec *r,
                 struct trace_rec out[TEXP_N], uint32_t unknown[TEXP_N],
                 unsigned *bad, const char **why);

struct tdec_sink {
    void *ctx;
    /* a new control page (first, or a new boot_id): schema now valid */
    int  (*on_run)(void *ctx, const struct trace_ctl *ctl, const struct tschema *s);
    /* one event: index = event index in the run (see above) */
    int  (*on_rec)(void *ctx, uint64_t index, const struct trace_rec *r,
                   const struct tdec_ev *x);
    void (*on_loss)(void *ctx, int kind, uint64_t count, uint64_t at_index,
                    uint64_t ts_first, uint64_t ts_last);
    void (*on_diag)(void *ctx, uint64_t offset, const char *msg);
    /* optional: a control page of the current run again (same boot_id) with
     * its dynamic counters (lost_discard, panicked, head); always before
     * on_run of a following boot, so each run's final counters are seen */
    void (*on_ctl)(void *ctx, const struct trace_ctl *ctl);
};

struct tdec {
    struct tdec_sink sink;
    struct tschema schema;
    struct trace_ctl ctl;        /* copy of the static part + last dynamic */
    int      have_run;
    uint64_t next;               /* next expected record index */
    uint64_t last_ts;
    uint64_t n_rec, n_lost[TL_COUNT], n_diag;
    uint32_t page_recs;          /* records per ring page of the run (tdec_page_recs) */
    uint64_t n_implied;          /* implied events delivered (all runs) */
    uint64_t run_implied;        /* ... in this run: event index - record index */
    struct texp exp;
    /* pending torn run (coalesced into one loss report) */
    uint64_t torn_at, torn_n;
    int      stop;               /* a sink callback asked to stop */
};

void tdec_init(struct tdec *d, const struct tdec_sink *sink);
void tdec_diag(struct tdec *d, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Ring geometry of a control page that tdec_check_ctl accepted.  Format
 * version 3 ("ring pages"): page_recs records at the end of each 4 KiB
 * ring page, nrec a multiple of it; versions 1 and 2 have page_recs 0 in
 * the image, which means 64: contiguous records, nrec a power of two (may
 * be below 64, so the ring is nrec records, not whole pages).  Readers
 * address slots with trace_slot_offset(tdec_page_recs(c), i). */
static inline uint32_t tdec_page_recs(const struct trace_ctl *c)
{
    return c->version >= 3 ? c->page_recs : TRACE_PAGE_SIZE / TRACE_REC_SIZE;
}
/* Bytes from the first ring page to the end of the ring. */
static inline uint64_t tdec_ring_bytes(const struct trace_ctl *c)
{
    if (c->version >= 3)
        return (uint64_t)(c->nrec / c->page_recs) * TRACE_PAGE_SIZE;
    return (uint64_t)c->nrec * TRACE_REC_SIZE;
}

/* Validate a control blob (page + schema).  Returns 0 if accepted, -1 with
 * a diagnostic otherwise.  A blob with the same boot_id as the current run
 * only refreshes the dynamic counters. */
int  tdec_ctl(struct tdec *d, const uint8_t *blob, size_t len, uint64_t offset);
/* Check a control page's header without the schema: 0 ok, else -1 and msg. */
int  tdec_check_ctl(const uint8_t *page, size_t len, char *msg, size_t cap);

void tdec_records(struct tdec *d, uint64_t first_index,
                  const struct trace_rec *recs, size_t n, uint64_t offset);
void tdec_loss(struct tdec *d, int kind, uint64_t count, uint64_t at_index);
void tdec_flush(struct tdec *d);   /* report a pending torn run */

/* ---- ring reader (RAM image) ------------------------------------------ */
struct tring {
    const uint8_t *img;
    size_t   len;
    size_t   ctl_off, ring_off;   /* ring_off: the first ring page */
    uint32_t nrec;               /* any count in v3 (pages * page_recs): index % nrec */
    uint32_t page_recs;          /* effective (tdec_page_recs): 64 for versions 1, 2 */
    volatile struct trace_ctl *ctl;
    int      writable;           /* may update ctl->tail (discard mode) */
    int      live;               /* writer may still run: one slot of slack */
};

/* Scan page boundaries from `from` for a control page; returns its offset
 * or (size_t)-1.  Bad candidates are reported as diagnostics. */
size_t tring_find(struct tdec *d, const uint8_t *img, size_t len, size_t from);
/* Validate + parse the control blob, locate the ring.  0 ok, -1 error. */
int    tring_attach(struct tring *t, struct tdec *d, const uint8_t *img,
                    size_t len, size_t ctl_off);
/* Deliver every record published since the last poll.  Returns count. */
uint64_t tring_poll(struct tring *t, struct tdec *d);

/* ---- stream reader (port 0xE9 frames) --------------------------------- */
struct tstream {
    uint64_t base;               /* input offset of buf[0] */
    int      in_junk;            /* currently skipping non-frame bytes */
    uint64_t junk_start;
    uint64_t n_frames, n_bad;
};

void   tstream_init(struct tstream *s);
/* Parse as many complete frames as buf holds; returns bytes consumed.  The
 * caller keeps buf[consumed..len) and offers it again with more data.  With
 * final != 0 a trailing partial frame is reported and consumed. */
size_t tstream_feed(struct tstream *s, struct tdec *d, const uint8_t *buf,
                    size_t len, int final);

/* ---- whole-file helpers ----------------------------------------------- */
enum tinput { TIN_AUTO, TIN_STREAM, TIN_DUMP };
/* Decode a complete buffer (fuzz entry point and `ingest`). */
int tdec_buffer(struct tdec *d, const uint8_t *buf, size_t len, enum tinput how);
int tinput_sniff(const uint8_t *buf, size_t len);   /* TIN_STREAM or TIN_DUMP */
#define TIN_SNIFF_BYTES 65536                          /* what callers offer it */

#endif
