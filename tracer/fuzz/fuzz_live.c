/* fuzz_live.c: libFuzzer harness for the live ring reader (ring.c): a ring
 * changed under the reader.  A writer (tracer/gen/writer.c) fills a format
 * v3 ring while the reader polls it, as `lantern-trace record` follows a
 * running guest; the input is a script of what happens between and DURING
 * polls (the sink's record callback runs inside tring_poll, between its
 * copy and its re-check of the head, and changes the ring there too):
 *
 *   op % 8: 0-1 the writer emits 1..64 records (wrapping the ring)
 *           2   publish the head hint       3   a random head hint
 *           4   a random byte in a ring page (a torn or forged record)
 *           5   a random seq in a random slot
 *           6   poll (the reader runs)      7   arm: the next record the
 *               reader delivers runs the next op from inside the poll
 *
 * The reader must not crash or read out of bounds (ASan, UBSan), it must
 * deliver events in increasing index order, each index once (the decoder's
 * promise that `record` relies on), and, while nothing forged a record,
 * each is the one the writer wrote for that index: a violation aborts. */
#include <stdlib.h>
#include <string.h>
#include "../decode/decoder.h"
#include "../gen/writer.h"

#define NREC      64
#define PAGE_RECS 16

static struct tw w;
static struct tring ring;
static const uint8_t *in, *in_end;
static int armed, have_last, scribbled;
static uint64_t last_index;
static uint8_t region[TW_REGION_SIZE(NREC, PAGE_RECS)] __attribute__((aligned(4096)));

static uint8_t next_byte(void) { return in < in_end ? *in++ : 0; }

static void emit(unsigned n)
{
    uint32_t a[TRACE_REC_WORDS] = { 0 };
    for (unsigned i = 0; i < n; i++) {
        a[0] = (uint32_t)w.next;
        tw_emit(&w, TEV_MARK, w.next * 10, a);
    }
}

static void run_op(uint8_t op);

static int on_rec(void *c, uint64_t index, const struct trace_rec *r, const struct tdec_ev *x)
{
    (void)c; (void)x;
    if (have_last && index <= last_index)
        abort();                         /* out of order, or twice */
    if (!scribbled && (r->seq != (uint32_t)index || r->a[0] != r->seq))
        abort();                         /* not the record the writer wrote there */
    have_last = 1;
    last_index = index;
    if (armed) {
        armed = 0;
        run_op(next_byte());             /* the ring changes under the reader */
    }
    return 0;
}

static void on_run(void) { have_last = 0; }
static int on_run_cb(void *c, const struct trace_ctl *ctl, const struct tschema *s)
{
    (void)c; (void)ctl; (void)s;
    on_run();
    return 0;
}

static struct tdec d;

static void run_op(uint8_t op)
{
    uint8_t v = next_byte();
    switch (op % 8) {
    case 0: case 1: emit(1 + v % 64); break;
    case 2: tw_publish(&w); break;
    case 3: w.ctl->head = w.next - NREC + v; break;
    case 4: scribbled = 1; w.ring[((size_t)v * 131 + next_byte()) % (NREC / PAGE_RECS * TRACE_PAGE_SIZE)] = next_byte(); break;
    case 5: scribbled = 1; tw_slot(&w, v)->seq = (uint32_t)(w.next - NREC + next_byte()); break;
    case 6: if (!armed) tring_poll(&ring, &d); break;
    case 7: armed = 1; break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tdec_sink sink = { 0 };
    sink.on_rec = on_rec;
    sink.on_run = on_run_cb;
    memset(region, 0, sizeof region);
    if (tw_init(&w, region, NREC, PAGE_RECS, TRACE_MODE_OVERWRITE, 0, 1, 0))
        abort();
    w.lazy_head = 1;
    tdec_init(&d, &sink);
    have_last = armed = scribbled = 0;
    if (tring_attach(&ring, &d, region, sizeof region, 0))
        abort();                         /* the writer's own ring must attach */
    ring.live = 1;
    in = data;
    in_end = data + size;
    while (in < in_end)
        run_op(next_byte());
    armed = 0;
    tring_poll(&ring, &d);
    return 0;
}
