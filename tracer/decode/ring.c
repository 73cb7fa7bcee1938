/* ring.c: ring reader for RAM images (live shared-memory file or dump).
 *
 * Layout rule (docs/trace-format.md): the control block (struct trace_ctl
 * and the schema block) is ctl_size bytes; records start right after it:
 *   ring_off = ctl_off + ctl_size.
 * Reader protocol: find head (load_head), copy [next, head), find it again and drop
 * every copied slot the writer may have reused meanwhile (idx + nrec <= head2);
 * those count as overwrite loss, never as data. */
#include <string.h>
#include "decoder.h"

#define CHUNK 1024

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

int tring_attach(struct tring *t, struct tdec *d, const uint8_t *img, size_t len,
                 size_t ctl_off)
{
    const struct trace_ctl *c = (const struct trace_ctl *)(img + ctl_off);
    memset(t, 0, sizeof *t);
    if (tdec_ctl(d, img + ctl_off, len - ctl_off, ctl_off)) return -1;
    uint64_t sch_end = (uint64_t)c->schema_off + c->schema_len;
    uint64_t ring = ctl_off + c->ctl_size;
    if (sch_end > c->ctl_size) {
        tdec_diag(d, ctl_off, "schema block (ends at %llu) overruns the %u-byte control block",
                  (unsigned long long)sch_end, c->ctl_size);
        return -1;
    }
    uint64_t bytes = (uint64_t)c->nrec * TRACE_REC_SIZE;
    if (ring + bytes > len) {
        tdec_diag(d, ring, "ring of %u records runs past the end of the image "
                  "(needs %llu bytes, image has %zu)", c->nrec,
                  (unsigned long long)(ring + bytes), len);
        return -1;
    }
    t->img = img;
    t->len = len;
    t->ctl_off = ctl_off;
    t->ring_off = (size_t)ring;
    t->nrec = c->nrec;
    t->ctl = (volatile struct trace_ctl *)(img + ctl_off);
    return 0;
}

/* ctl->head is a hint: the kernel publishes it at least every 64 records
 * and exactly when idle, draining, on SYS_TRACECTL and at panic (format
 * version 2).  The records after it are found by their seq: record i is
 * there iff slot i % nrec holds seq == (u32)i. */
static uint64_t load_head(struct tring *t)
{
    const struct trace_rec *ring = (const struct trace_rec *)(t->img + t->ring_off);
    uint64_t head = __atomic_load_n(&t->ctl->head, __ATOMIC_ACQUIRE);
    for (uint32_t n = 0; n < t->nrec; n++, head++) {
        uint32_t seq = __atomic_load_n(&ring[head & (t->nrec - 1)].seq, __ATOMIC_ACQUIRE);
        if (seq != (uint32_t)head)
            break;
    }
    return head;
}

static void copy_chunk(struct tring *t, uint64_t from, size_t n, struct trace_rec *out)
{
    const struct trace_rec *ring = (const struct trace_rec *)(t->img + t->ring_off);
    for (size_t i = 0; i < n; i++)
        memcpy(&out[i], &ring[(from + i) & (t->nrec - 1)], sizeof out[i]);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
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
        size_t slot = (size_t)((from + skip) & (t->nrec - 1));
        tdec_records(d, from + skip, buf + skip, n - skip,
                     t->ring_off + (uint64_t)slot * TRACE_REC_SIZE);
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
