/* trace.h: kernel tracepoints, generated from <lantern/trace_events.h>.
 *
 * Call sites write TRACE(EVENT_NAME, field, field, ...).  A disabled
 * tracepoint costs one load of trace_enabled and one branch; the arguments
 * are not even evaluated.  An enabled one calls the out-of-line
 * trace_emit_<EVENT>() generated in trace.c, which fills one 64-byte record.
 * Field order and count are checked by the compiler against the schema.
 */
#ifndef TRACE_H
#define TRACE_H

#include "kernel.h"
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

extern uint32_t trace_enabled;            /* TC_* mask; 0 when no ring */
extern struct trace_ctl *trace_ctl;       /* the control block, found by the host */

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

#define TP_CAT(NAME, id, cat, text, FIELDS) trace_cat_##NAME = cat,
enum { TRACE_EVENTS(TP_CAT) };
#undef TP_CAT

#define TP_DECL(NAME, id, cat, text, FIELDS) \
    void trace_emit_##NAME(int unused_ FIELDS(TP_ARG));
TRACE_EVENTS(TP_DECL)
#undef TP_DECL

#define TRACE(NAME, ...) do { \
        if (unlikely(trace_enabled & trace_cat_##NAME)) \
            trace_emit_##NAME(0, __VA_ARGS__); \
    } while (0)

/* trace.c */
struct proc;
void trace_init(void);                 /* allocate the ring per boot options */
void trace_set_label(int32_t ep, const char *label);
void trace_drain_stream(int all);      /* send records on the debug port */
void trace_panic(const char *msg);     /* PANIC record + full drain */
int trace_ctl_call(struct proc *caller, message *m);
uint32_t trace_new_call_id(void);

#endif
