/* trace.h: kernel tracepoints, generated from <lantern/trace_events.h>.
 *
 * Call sites write TRACE(EVENT_NAME, field, field, ...), or
 * TRACE_FLAGS(EVENT_NAME, TRF_..., fields...) when the record also stands
 * for folded events.  A disabled tracepoint costs one load of trace_enabled
 * and one branch; the arguments are not even evaluated.  An enabled one
 * (TRACE_EMIT below) takes the next slot, stores the header and the fields,
 * nothing else (about 40 instructions for an IPC record).  Field order and
 * count are checked by the compiler against the schema.
 *
 * Commit is deferred: the record written last stays "pending" (seq not yet
 * stored) until the next record is begun or the kernel leaves (trace_leave(), from schedule() and the drain paths).  That
 * is what lets schedule() fold a context switch into the last record
 * (TRF_SWITCH) instead of writing a record of its own.
 */
#ifndef TRACE_H
#define TRACE_H

#include "kernel.h"
#include "cpu.h"
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

extern uint32_t trace_enabled;            /* TC_* mask; 0 when no ring */
extern struct trace_ctl *trace_ctl;       /* the control block, found by the host */

/* The writer.  It sits with the scheduler's hot data (one page that every
 * kernel entry touches anyway, see docs/benchmarks.md).  Invariant: pend != NULL iff the record at index next - 1 is
 * filled but not committed; every committed record has seq == its index. */
struct trace_writer {
    struct trace_rec *recs;
    uint32_t mask;                        /* nrec - 1 */
    int slow;                             /* discard mode, a LOST record owed, or filter_on */
    int filter_on;                        /* only selected endpoints are traced */
    struct trace_rec *pend;
    uint64_t next;                        /* index of the next record to fill */
    uint8_t slots[TEV_MAX_ID + 1];        /* words each event uses (schema) */
};
extern struct trace_writer trace_w;

/* Parameter type per field type: text fields take a string, others a word. */
#define TP_ARG_TF_U32(n)    , uint32_t n
#define TP_ARG_TF_I32(n)    , uint32_t n
#define TP_ARG_TF_HEX(n)    , uint32_t n
#define TP_ARG_TF_EP(n)     , uint32_t n
#define TP_ARG_TF_MTYPE(n)  , uint32_t n
#define TP_ARG_TF_ERRNO(n)  , uint32_t n
#define TP_ARG_TF_CALLID(n) , uint32_t n
#define TP_ARG_TF_KCALL(n)  , uint32_t n
#define TP_ARG_TF_IPCOP(n)  , uint32_t n
#define TP_ARG_TF_GRANT(n)  , uint32_t n
#define TP_ARG_TF_ACCESS(n) , uint32_t n
#define TP_ARG_TF_ADDR(n)   , uint32_t n
#define TP_ARG_TF_BYTES(n)  , uint32_t n
#define TP_ARG_TF_TICKS(n)  , uint32_t n
#define TP_ARG_TF_TEXT16(n) , const char *n
#define TP_ARG(name, type)  TP_ARG_##type(name)

/* How a field is stored: a word, or four words of NUL-padded text. */
#define TP_STORE_TF_TEXT16(n_) trace_put_text16(&r_->a[n_i], n_); n_i += 4;
#define TP_STORE_WORD(n_)      r_->a[n_i++] = (uint32_t)(n_);
#define TP_STORE_TF_U32    TP_STORE_WORD
#define TP_STORE_TF_I32    TP_STORE_WORD
#define TP_STORE_TF_HEX    TP_STORE_WORD
#define TP_STORE_TF_EP     TP_STORE_WORD
#define TP_STORE_TF_MTYPE  TP_STORE_WORD
#define TP_STORE_TF_ERRNO  TP_STORE_WORD
#define TP_STORE_TF_CALLID TP_STORE_WORD
#define TP_STORE_TF_KCALL  TP_STORE_WORD
#define TP_STORE_TF_IPCOP  TP_STORE_WORD
#define TP_STORE_TF_GRANT  TP_STORE_WORD
#define TP_STORE_TF_ACCESS TP_STORE_WORD
#define TP_STORE_TF_ADDR   TP_STORE_WORD
#define TP_STORE_TF_BYTES  TP_STORE_WORD
#define TP_STORE_TF_TICKS  TP_STORE_WORD
#define TP_STORE(name, type) TP_STORE_##type(name)

/* The endpoint filter: an event passes if any of its endpoint fields is
 * selected.  Only fields of type TF_EP count. */
#define TP_EPSEL_TF_EP(n_)     || trace_ep_selected(n_)
#define TP_EPSEL_TF_U32(n_)
#define TP_EPSEL_TF_I32(n_)
#define TP_EPSEL_TF_HEX(n_)
#define TP_EPSEL_TF_MTYPE(n_)
#define TP_EPSEL_TF_ERRNO(n_)
#define TP_EPSEL_TF_CALLID(n_)
#define TP_EPSEL_TF_KCALL(n_)
#define TP_EPSEL_TF_IPCOP(n_)
#define TP_EPSEL_TF_GRANT(n_)
#define TP_EPSEL_TF_ACCESS(n_)
#define TP_EPSEL_TF_ADDR(n_)
#define TP_EPSEL_TF_BYTES(n_)
#define TP_EPSEL_TF_TICKS(n_)
#define TP_EPSEL_TF_TEXT16(n_)
#define TP_EPSEL(name, type)   TP_EPSEL_##type(name)

/* trace.c */
struct proc;
void trace_init(void);                 /* allocate the ring per boot options */
void trace_set_label(int32_t ep, const char *label);
void trace_drain_stream(int all);      /* commit, then send records on the debug port */
void trace_panic(const char *msg);     /* PANIC record + full drain */
int trace_ctl_call(struct proc *caller, message *m);
void trace_switch_record(uint32_t from, uint32_t to, uint32_t from_state, uint32_t to_prio);
struct trace_rec *trace_begin_slow(uint32_t header);
int trace_ep_selected(uint32_t ep);
void trace_put_text16(uint32_t *dst, const char *s);

/* Commit the pending record: its seq, written last, makes it valid.  The
 * control page's head is only a hint for readers, published when a record
 * ends a group of TRACE_HEAD_EVERY (and exactly by trace_publish_head() when
 * idle, draining, on SYS_TRACECTL and at panic).  Storing it on every
 * record would touch the control page after every CR3 load, and under QEMU
 * each such page costs a TLB refill: 3 % of an IPC round trip. */
#define TRACE_HEAD_EVERY 64
static inline void trace_commit(void)
{
    struct trace_rec *r = trace_w.pend;
    uint32_t seq = (uint32_t)trace_w.next - 1;
    barrier();
    r->seq = seq;
    barrier();
    trace_w.pend = NULL;
    if (unlikely(seq % TRACE_HEAD_EVERY == TRACE_HEAD_EVERY - 1))
        trace_ctl->head = trace_w.next;
}

/* Leaving the kernel (or draining): nothing may stay pending. */
static inline void trace_leave(void)
{
    if (trace_w.pend)
        trace_commit();
}

/* Commit and publish the exact head. */
static inline void trace_publish_head(void)
{
    trace_leave();
    trace_ctl->head = trace_w.next;
}

/* Reserve and stamp the next record (overwrite mode, no filter, nothing
 * owed: !trace_w.slow).  header = type | cpu << 16 | flags << 24, the
 * record's second word. */
static inline struct trace_rec *trace_begin(uint32_t header)
{
    struct trace_rec *r;
    if (trace_w.pend)
        trace_commit();
    r = &trace_w.recs[(uint32_t)trace_w.next & trace_w.mask];
    r->ts = rdtsc();
    __builtin_memcpy(&r->type, &header, sizeof(header));   /* one store */
    trace_w.pend = r;
    trace_w.next++;
    return r;
}

/* A context switch (the caller checked TC_SCHED).  Usually folded into the
 * pending record, this entry's last (TRF_SWITCH, from/to in the switch
 * words); a record without room for them, or none, means a SCHED_SWITCH
 * record.  The caller then leaves the kernel and commits (trace_leave). */
static inline void trace_switch(uint32_t from, uint32_t to, uint32_t from_state,
                                uint32_t to_prio)
{
    struct trace_rec *r = trace_w.pend;
    if (likely(r && !trace_w.filter_on &&
               trace_w.slots[r->type] <= TRACE_SWITCH_FROM_WORD)) {
        r->a[TRACE_SWITCH_FROM_WORD] = from;
        r->a[TRACE_SWITCH_TO_WORD] = to;
        r->flags |= TRF_SWITCH;
    } else {
        trace_switch_record(from, to, from_state, to_prio);
    }
}

#define TP_CAT(NAME, id, cat, text, FIELDS) trace_cat_##NAME = cat,
enum { TRACE_EVENTS(TP_CAT) };
#undef TP_CAT

/* Per event, generated:
 *   trace_fill_<EVENT>(r, fields...)       store the fields into record r;
 *   trace_emit_slow_<EVENT>(header, fields...)  (trace.c) the endpoint
 *       filter, discard mode and owed LOST records, out of line.
 * TRACE_FLAGS takes the slot first and evaluates the fields after it, so
 * few registers stay live across rdtsc.  header is the record's second word
 * without seq: TEV_<EVENT> | TRF_* flags << 24.  Events with the same field
 * list may share the fill and slow functions (TRACE_EMIT). */
#define TP_DEFINE(NAME, id, cat, text, FIELDS) \
    void trace_emit_slow_##NAME(uint32_t header_ FIELDS(TP_ARG)); \
    static inline void trace_fill_##NAME(struct trace_rec *r_ FIELDS(TP_ARG)) \
    { \
        unsigned n_i = 0; \
        FIELDS(TP_STORE) \
        (void)n_i; \
    }
TRACE_EVENTS(TP_DEFINE)
#undef TP_DEFINE

/* Write a record of event id `header & 0xffff` with the fields of NAME. */
#define TRACE_EMIT(NAME, header, ...) do { \
        uint32_t header_ = (header); \
        if (unlikely(trace_w.slow)) { \
            trace_emit_slow_##NAME(header_, __VA_ARGS__); \
        } else { \
            struct trace_rec *r_ = trace_begin(header_); \
            trace_fill_##NAME(r_, __VA_ARGS__); \
        } \
    } while (0)

#define TRACE_FLAGS(NAME, flags, ...) do { \
        if (unlikely(trace_enabled & trace_cat_##NAME)) \
            TRACE_EMIT(NAME, TEV_##NAME | (uint32_t)(flags) << 24, __VA_ARGS__); \
    } while (0)
#define TRACE(NAME, ...) TRACE_FLAGS(NAME, 0, __VA_ARGS__)

/* Call ids link a request to its delivery and reply; they cost one
 * increment whether tracing is on or not. */
extern uint32_t trace_call_ids;
static inline uint32_t trace_new_call_id(void)
{
    return ++trace_call_ids;
}

#endif
