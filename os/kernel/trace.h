/* trace.h: kernel tracepoints, generated from <lantern/trace_events.h>.
 *
 * Call sites write TRACE(EVENT_NAME, field, field, ...), or
 * TRACE_FLAGS(EVENT_NAME, TRF_..., fields...) when the record also stands
 * for folded events.  A disabled tracepoint costs one load of trace_enabled
 * and one branch; the arguments are not even evaluated.  An enabled one
 * (TRACE_EMIT below) takes the next slot, stores the header and the fields,
 * nothing else (about 50 instructions for an IPC record).  Field order and
 * count are checked by the compiler against the schema.
 *
 * Commit is deferred: the record written last stays "pending" (seq not yet
 * stored) until the next record is begun or the kernel leaves
 * (trace_leave(), from schedule() and the drain paths).  That is what lets
 * schedule() fold a context switch into the last record (TRF_SWITCH)
 * instead of writing a record of its own.
 */
#ifndef TRACE_H
#define TRACE_H

#include "kernel.h"
#include "cpu.h"
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

extern uint32_t trace_enabled;            /* TC_* mask; 0 when no ring */
extern struct trace_ctl *trace_ctl;       /* the control block, found by the host */

/* The hot window (docs/trace-format.md, "Ring pages").  Every kernel entry
 * touches the page of hot variables (HOT_DATA: this writer, current, the run
 * queues, the clock), and under QEMU every page touched after a CR3 load
 * costs a TLB refill.  So the records are written into that same page: the
 * hot variables live at a fixed virtual page, the window, whose frame is the
 * ring page being written.  The first TRACE_WINDOW_HOT bytes of every ring
 * page are for the variables, the rest for TRACE_PAGE_RECS records.  When
 * the page is full, trace_turn_page() copies the variables to the next ring
 * page and points the window at it.
 * Invariants: the window maps ring page trace_w.page (once trace_init()
 * ran); wp is in the window, at a record slot or at the window's end; pend
 * != NULL iff the record at seq next - 1 is filled but not committed, and
 * then it is in the window too; every committed record has seq == its index. */
#define TRACE_WINDOW_HOT  256
#define TRACE_PAGE_RECS   ((TRACE_PAGE_SIZE - TRACE_WINDOW_HOT) / TRACE_REC_SIZE)
struct trace_writer {
    struct trace_rec *wp;                 /* the next slot to fill, in the window */
    struct trace_rec *pend;
    int pend_folds;                       /* pend has the switch words free */
    int slow;                             /* discard mode, a LOST record owed, or filter_on */
    int filter_on;                        /* only selected endpoints are traced */
    uint32_t page;                        /* ring page behind the window */
    uint64_t next;                        /* seq of the next record */
};
extern struct trace_writer trace_w;

/* Words each event uses, from the schema: a switch folds only into a
 * record with the two switch words free. */
#define TS_TYPE_SLOTS(t, slots, name) TS_SLOTS_##t = slots,
enum { TRACE_FIELD_TYPES(TS_TYPE_SLOTS) };
#undef TS_TYPE_SLOTS
#define TS_SLOT(name, type) + TS_SLOTS_##type
#define TS_FOLDS(NAME, id, cat, text, FIELDS) \
    trace_folds_##NAME = (0 FIELDS(TS_SLOT)) <= TRACE_SWITCH_FROM_WORD,
enum { TRACE_EVENTS(TS_FOLDS) };
#undef TS_FOLDS

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
struct trace_rec *trace_turn_page(void);
int trace_ep_selected(uint32_t ep);
void trace_put_text16(uint32_t *dst, const char *s);

/* Commit the pending record: its seq, written last, makes it valid.  The
 * control page's head is only a hint for readers, published when the
 * window turns a page (and exactly by trace_publish_head() when idle,
 * draining, on SYS_TRACECTL and at panic). */
static inline void trace_commit(void)
{
    struct trace_rec *r = trace_w.pend;
    barrier();
    r->seq = (uint32_t)trace_w.next - 1;
    barrier();
    trace_w.pend = NULL;
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

/* Reserve and stamp the next record.  header = type | cpu << 16 | flags <<
 * 24, the record's second word; folds: the event leaves the switch words
 * free (0 from the slow path, which checks the endpoint filter itself). */
static inline struct trace_rec *trace_begin(uint32_t header, int folds)
{
    struct trace_rec *r;
    if (trace_w.pend)
        trace_commit();
    r = trace_w.wp;
    if (unlikely(((uintptr_t)r & (TRACE_PAGE_SIZE - 1)) == 0))
        r = trace_turn_page();            /* the window is full */
    trace_w.wp = r + 1;
    r->ts = rdtsc();
    __builtin_memcpy(&r->type, &header, sizeof(header));   /* one store */
    trace_w.pend = r;
    trace_w.pend_folds = folds;
    trace_w.next++;
    return r;
}

/* A context switch (the caller checked TC_SCHED).  Usually folded into the
 * pending record, this entry's last (TRF_SWITCH, from/to in the switch
 * words); a record without room for them, or none, or the endpoint filter,
 * means trace_switch_record().  The caller then leaves the kernel and commits (trace_leave). */
static inline void trace_switch(uint32_t from, uint32_t to, uint32_t from_state,
                                uint32_t to_prio)
{
    struct trace_rec *r = trace_w.pend;
    if (likely(r && trace_w.pend_folds)) {
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
            struct trace_rec *r_ = trace_begin(header_, trace_folds_##NAME); \
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
