/* ring.c: ring reader for RAM images (live shared-memory file or dump).
 *
 * Layout rule (docs/trace-format.md): the control block (struct trace_ctl
 * and the schema block) is ctl_size bytes; the ring starts right after it:
 *   ring_off = ctl_off + ctl_size.
 * Format version 3 ("ring pages"): the ring is nrec / page_recs pages of
 * 4 KiB, each with page_recs records at its end; the bytes before them are
 * the kernel's (hot variables), never records: every slot address comes
 * from slot() below (trace_slot_offset), never from index arithmetic on a
 * record array.  nrec is not a power of two: index i is in slot i % nrec.
 * Versions 1 and 2: page_recs 64, the same formula gives contiguous records.
 * Reader protocol: find head (load_head), copy [next, head), find it again and drop
 * every copied slot the writer may have reused meanwhile (idx + nrec <= head2);
 * those count as overwrite loss, never as data. */
#include <string.h>
#include "decoder.h"

#define CHUNK 1024

/* The slot of record index idx (any lap). */
static const struct trace_rec *slot(const struct tring *t, uint64_t idx)
{
    uint32_t i = (uint32_t)(idx % t->nrec);
    return (const struct trace_rec *)(t->img + t->ring_off + trace_slot_offset(t->page_recs, i));
}

size_t tring_find(struct tdec *d, const uint8_t *img, size_t len, size_t from)
{
    char msg[200];
    for (size_t off = (from + 4095) & ~(size_t)4095; off + sizeof(struct trace_ctl) <= len;
         off += 4096) {
        if (memcmp(img + off, TRACE_MAGIC, 8)) continue;
        if (tdec_check_ctl(img + off, len - off, msg, sizeof msg) == 0)
            return off;
        tdec_diag(d, off, "control page candidate: %s", msg);
    }
    return (size_t)-1;
}

/* The geometry is taken from d->ctl, the copy tdec_ctl validated, not from
 * the image again: page_recs is outside ctl_crc and a live writer (or a
 * fuzzer) could change it between the check and the use. */
int tring_attach(struct tring *t, struct tdec *d, const uint8_t *img, size_t len,
                 size_t ctl_off)
{
    memset(t, 0, sizeof *t);
    if (tdec_ctl(d, img + ctl_off, len - ctl_off, ctl_off)) return -1;
    const struct trace_ctl *c = &d->ctl;
    uint64_t sch_end = (uint64_t)c->schema_off + c->schema_len;
    uint64_t ring = ctl_off + c->ctl_size;
    if (sch_end > c->ctl_size) {
        tdec_diag(d, ctl_off, "schema block (ends at %llu) overruns the %u-byte control block",
                  (unsigned long long)sch_end, c->ctl_size);
        return -1;
    }
    uint64_t bytes = tdec_ring_bytes(c);
    if (ring + bytes > len) {
        tdec_diag(d, ring, "ring of %u records (%u per ring page) runs past the end of the "
                  "image (needs %llu bytes, image has %zu)", c->nrec, tdec_page_recs(c),
                  (unsigned long long)(ring + bytes), len);
        return -1;
    }
    t->img = img;
    t->len = len;
    t->ctl_off = ctl_off;
    t->ring_off = (size_t)ring;
    t->nrec = c->nrec;
    t->page_recs = tdec_page_recs(c);
    t->ctl = (volatile struct trace_ctl *)(img + ctl_off);
    return 0;
}

/* ctl->head is a hint: the kernel publishes it at least once per ring page
 * and exactly when idle, draining, on SYS_TRACECTL and at panic (format
 * version 2 and later).  The records after it are found by their seq:
 * record i is there iff slot i % nrec holds seq == (u32)i.  The walk goes
 * from slot to slot (across ring page headers) through slot(). */
static uint64_t load_head(struct tring *t)
{
    uint64_t head = __atomic_load_n(&t->ctl->head, __ATOMIC_ACQUIRE);
    for (uint32_t n = 0; n < t->nrec; n++, head++) {
        uint32_t seq = __atomic_load_n(&slot(t, head)->seq, __ATOMIC_ACQUIRE);
        if (seq != (uint32_t)head)
            break;
    }
    return head;
}

/* Records from..from+n-1, slot by slot, into the contiguous out[]. */
static void copy_chunk(struct tring *t, uint64_t from, size_t n, struct trace_rec *out)
{
    for (size_t i = 0; i < n; i++)
        memcpy(&out[i], slot(t, from + i), sizeof out[i]);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* Hand buf[0..n) (records first..) to the decoder in runs that are
 * contiguous in the image (one ring page at most, never across the wrap),
 * so that every record's diagnostic offset is its real byte offset. */
static void deliver(struct tring *t, struct tdec *d, uint64_t first, const struct trace_rec *buf,
                    size_t n)
{
    while (n && !d->stop) {
        uint32_t i = (uint32_t)(first % t->nrec);
        size_t run = t->page_recs - i % t->page_recs;       /* rest of its page */
        if (run > t->nrec - i) run = t->nrec - i;           /* v1/v2 rings below 64 */
        if (run > n) run = n;
        tdec_records(d, first, buf, run, t->ring_off + trace_slot_offset(t->page_recs, i));
        first += run;
        buf += run;
        n -= run;
    }
}

uint64_t tring_poll(struct tring *t, struct tdec *d)
{
    static struct trace_rec buf[CHUNK];
    uint64_t head = load_head(t), done = 0;
    while (d->next < head && !d->stop) {
        uint64_t keep = t->live ? t->nrec - 1 : t->nrec;
        uint64_t lo = head > keep ? head - keep : 0;
        if (d->next < lo) {
            tdec_flush(d);
            tdec_loss(d, TL_OVERWRITE, lo - d->next, d->next);
            d->next = lo;
        }
        size_t n = head - d->next < CHUNK ? (size_t)(head - d->next) : CHUNK;
        uint64_t from = d->next;
        copy_chunk(t, from, n, buf);
        uint64_t head2 = load_head(t);
        size_t skip = 0;
        while (skip < n && from + skip + keep < head2) skip++;
        if (skip) {
            tdec_flush(d);
            tdec_loss(d, TL_OVERWRITE, skip, from);
            d->next = from + skip;
        }
        deliver(t, d, from + skip, buf + skip, n - skip);
        done += n - skip;
    }
    d->ctl.lost_discard = t->ctl->lost_discard;
    d->ctl.head = head;
    d->ctl.panicked = t->ctl->panicked;
    if (d->sink.on_ctl) d->sink.on_ctl(d->sink.ctx, &d->ctl);
    if (t->writable && t->ctl->mode == TRACE_MODE_DISCARD)
        t->ctl->tail = d->next;
    return done;
}
