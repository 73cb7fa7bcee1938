/* writer.h: host model of the kernel's trace writer (the encoder side).
 *
 * Used by the test-trace generator and the benchmarks.  It follows the
 * writer protocol of lantern/trace_ring.h exactly (fill, barrier, seq last,
 * then head) and builds the schema block from trace_events.h, so traces it
 * writes are what the kernel will write.  Typed emitters tw_<EVENT>() are
 * generated from TRACE_EVENTS: one struct per event with its field names;
 * tw_<EVENT>_fold() also sets the record's TRF_* flags (folded events) and,
 * with TRF_SWITCH, the switch words.  Like the kernel, typed emitters write
 * only the event's own words (and the switch words): the rest of the slot
 * keeps what an earlier record left there (undefined, not zeroed).
 *
 * Ring layout (tw_init's page_recs):
 *   1..64  format version 3, ring pages: nrec / page_recs pages of 4 KiB,
 *          page_recs records at the end of each (TW_PAGE_RECS = 60, as the
 *          kernel).  The bytes before them stand for the kernel's hot
 *          variables: junk that looks like records (type MARK, every a[]
 *          word TW_JUNK_WORD, seq the index a reader that forgot the page
 *          header would expect there) plus the writer's next index in the
 *          first 8 bytes of the page being written, rewritten per record.
 *          A reader that decodes any of it fails the tests.
 *   0      format version 2 (tw_set_version: 1), contiguous records, nrec a
 *          power of two: the layout before ring pages, still tested.
 * Slots start as "written one lap ago" (seq = i - nrec), as in the kernel.
 * Slot addresses come only from tw_slot() (trace_slot_offset).
 *
 * Invariant: ctl_crc covers the static part of the control page (not
 * page_recs, which sits in the dynamic part). */
#ifndef TRACER_WRITER_H
#define TRACER_WRITER_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

#define TW_PAGE_RECS  60              /* the kernel's records per ring page */
#define TW_JUNK_WORD  0x6a756e6bu     /* "junk": every a[] word of a page-header decoy */

/* Bytes a region needs (control block + ring) for nrec records with
 * page_recs per ring page (0: contiguous, format v2).  A constant
 * expression, for static buffers; tw_region_size() is the same. */
#define TW_REGION_SIZE(nrec, page_recs) ((size_t)TRACE_CTL_SIZE + ((page_recs) \
        ? (size_t)(nrec) / ((page_recs) ? (page_recs) : 1) * TRACE_PAGE_SIZE \
        : (size_t)(nrec) * TRACE_REC_SIZE))

struct tw {
    uint8_t          *base;     /* control page */
    struct trace_ctl *ctl;
    uint8_t          *ring;     /* the first ring page (v2: record 0) */
    uint32_t          nrec;
    uint32_t          page_recs; /* as in the control page: 0 = contiguous (v1/v2) */
    size_t            region;   /* bytes from control page to ring end */
    uint64_t          next;     /* records written: the next record's index */
    int               lazy_head; /* publish ctl->head only when a ring page fills,
                                    at stream drains and tw_publish(), as the
                                    kernel does; 0: after every record */
    uint64_t          lost_first_ts;
    uint32_t          lost_pending;
};

/* Schema block from trace_events.h.  Returns its length (<= cap) or 0.
 * _v: as format `version` writes it (1: without the flag table). */
size_t tw_schema_build(uint8_t *out, size_t cap);
size_t tw_schema_build_v(uint8_t *out, size_t cap, unsigned version);
/* NULL if a ring of nrec records with page_recs per page can be written
 * (and is accepted by the decoder), else why not. */
const char *tw_check_geometry(uint32_t nrec, uint32_t page_recs);
size_t tw_region_size(uint32_t nrec, uint32_t page_recs);
/* Lay out a region at mem (tw_region_size bytes): control page, schema,
 * ring.  Returns 0, or -1 (mem untouched) if tw_check_geometry refuses. */
int    tw_init(struct tw *w, void *mem, uint32_t nrec, uint32_t page_recs, uint32_t mode,
               uint32_t clock, uint32_t boot_id, uint32_t ring_phys);
/* The slot of record index i (i % nrec). */
struct trace_rec *tw_slot(const struct tw *w, uint64_t i);
void   tw_publish(struct tw *w);   /* ctl->head = next (the kernel's head hint) */
void   tw_emit(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS]);
/* A record with TRF_* flags: writes a[0..nwords) and, with TRF_SWITCH,
 * a[TRACE_SWITCH_FROM_WORD], a[TRACE_SWITCH_TO_WORD]; other words stay. */
void   tw_emit_folded(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS],
                      unsigned nwords, uint8_t flags);
void   tw_seal(struct tw *w);   /* recompute ctl_crc after static changes */
/* Make the region a trace of another format version (tests): version
 * field and schema block as that version writes them.  Versions 1 and 2
 * need a contiguous region (page_recs 0), version 3 a paged one: else -1
 * and nothing changes. */
int    tw_set_version(struct tw *w, unsigned version);

/* Stream: write a control frame, or publish head and drain [tail, head) as
 * record frames of at most per_frame records (tail advances).  A frame
 * never wraps and, in format v3, never crosses a ring page (the kernel
 * sends at most one page's worth). */
size_t tw_stream_ctl(struct tw *w, FILE *out);
size_t tw_stream_drain(struct tw *w, FILE *out, unsigned per_frame);

/* ---- typed emitters ---------------------------------------------------- */
#define TW_CT_TF_U32    uint32_t
#define TW_CT_TF_I32    int32_t
#define TW_CT_TF_HEX    uint32_t
#define TW_CT_TF_EP     int32_t
#define TW_CT_TF_MTYPE  int32_t
#define TW_CT_TF_ERRNO  int32_t
#define TW_CT_TF_CALLID uint32_t
#define TW_CT_TF_KCALL  uint32_t
#define TW_CT_TF_IPCOP  uint32_t
#define TW_CT_TF_GRANT  uint32_t
#define TW_CT_TF_ACCESS uint32_t
#define TW_CT_TF_ADDR   uint32_t
#define TW_CT_TF_BYTES  uint32_t
#define TW_CT_TF_TICKS  uint32_t
#define TW_CT_TF_TEXT16 const char *

static inline int tw_put_num(uint32_t *a, int n, uint32_t v) { a[n] = v; return n + 1; }
static inline int tw_put_text(uint32_t *a, int n, const char *s)
{
    char buf[16] = {0};
    for (size_t i = 0; s && i < sizeof buf && s[i]; i++) buf[i] = s[i];
    memcpy(a + n, buf, sizeof buf);
    return n + 4;
}
#define TW_PUT(a, n, v) _Generic((v), const char *: tw_put_text, \
                                 default: tw_put_num)(a, n, v)

/* Folding of one record: TRF_* bits; from/to: the switch (TRF_SWITCH). */
struct tw_fold { uint8_t flags; int32_t from, to; };

#define TW_MEMBER(name, type) TW_CT_##type name;
#define TW_PACK(name, type) n = TW_PUT(a, n, ev.name);
#define TW_DEFINE(NAME, id, cat, descr, FIELDS) \
    struct tw_##NAME { FIELDS(TW_MEMBER) }; \
    static inline void tw_##NAME##_fold(struct tw *w, uint64_t ts, struct tw_##NAME ev, \
                                        struct tw_fold f) \
    { uint32_t a[TRACE_REC_WORDS] = {0}; int n = 0; FIELDS(TW_PACK) \
      if (f.flags & TRF_SWITCH) { a[TRACE_SWITCH_FROM_WORD] = (uint32_t)f.from; \
                                  a[TRACE_SWITCH_TO_WORD] = (uint32_t)f.to; } \
      tw_emit_folded(w, id, ts, a, (unsigned)n, f.flags); } \
    static inline void tw_##NAME(struct tw *w, uint64_t ts, struct tw_##NAME ev) \
    { tw_##NAME##_fold(w, ts, ev, (struct tw_fold){ 0, 0, 0 }); }
TRACE_EVENTS(TW_DEFINE)
#undef TW_DEFINE

#endif
