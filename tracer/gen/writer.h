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
 * Invariant: ctl_crc covers the static part of the control page. */
#ifndef TRACER_WRITER_H
#define TRACER_WRITER_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

struct tw {
    uint8_t          *base;     /* control page */
    struct trace_ctl *ctl;
    struct trace_rec *ring;
    uint32_t          nrec;
    size_t            region;   /* bytes from control page to ring end */
    uint64_t          lost_first_ts;
    uint32_t          lost_pending;
};

/* Schema block from trace_events.h.  Returns its length (<= cap) or 0.
 * _v: as format `version` writes it (1: without the flag table). */
size_t tw_schema_build(uint8_t *out, size_t cap);
size_t tw_schema_build_v(uint8_t *out, size_t cap, unsigned version);
/* Bytes a region needs for nrec records (control page, schema, ring). */
size_t tw_region_size(uint32_t nrec);
void   tw_init(struct tw *w, void *mem, uint32_t nrec, uint32_t mode,
               uint32_t clock, uint32_t boot_id, uint32_t ring_phys);
void   tw_emit(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS]);
/* A record with TRF_* flags: writes a[0..nwords) and, with TRF_SWITCH,
 * a[TRACE_SWITCH_FROM_WORD], a[TRACE_SWITCH_TO_WORD]; other words stay. */
void   tw_emit_folded(struct tw *w, uint16_t type, uint64_t ts, const uint32_t a[TRACE_REC_WORDS],
                      unsigned nwords, uint8_t flags);
void   tw_seal(struct tw *w);   /* recompute ctl_crc after static changes */
/* Make the region a trace of an older format version (tests): version
 * field and schema block as that version writes them. */
void   tw_set_version(struct tw *w, unsigned version);

/* Stream: write a control frame, or drain [tail, head) as record frames
 * of at most per_frame records (tail advances). */
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
