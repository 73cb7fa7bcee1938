/* decoder.c: decoder core (see decoder.h).
 * Invariants: records reach the sink in strictly increasing index order,
 * each at most once; every index skipped is reported as loss exactly once. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "decoder.h"
#include "../common/crc32.h"

const char *const tloss_names[TL_COUNT] = {
    "overwrite", "discard", "torn", "gap"
};

void tdec_init(struct tdec *d, const struct tdec_sink *sink)
{
    memset(d, 0, sizeof *d);
    d->sink = *sink;
}

void tdec_diag(struct tdec *d, uint64_t offset, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    d->n_diag++;
    if (d->sink.on_diag)
        d->sink.on_diag(d->sink.ctx, offset, msg);
}

int tdec_check_ctl(const uint8_t *page, size_t len, char *msg, size_t cap)
{
    struct trace_ctl c;
    if (len < sizeof c) {
        snprintf(msg, cap, "control page truncated (%zu of %zu bytes)", len, sizeof c);
        return -1;
    }
    memcpy(&c, page, sizeof c);
    if (memcmp(c.magic, TRACE_MAGIC, sizeof c.magic)) {
        snprintf(msg, cap, "bad magic");
        return -1;
    }
    size_t crc_len = offsetof(struct trace_ctl, mode);
    c.ctl_crc = 0;
    uint32_t crc = crc32_update(0, &c, crc_len);
    uint32_t want;
    memcpy(&want, page + offsetof(struct trace_ctl, ctl_crc), 4);
    if (crc != want) {
        snprintf(msg, cap, "control page CRC mismatch (stored %08x, computed %08x)", want, crc);
        return -1;
    }
    if (c.version < 1 || c.version > TRACE_FORMAT_VERSION) {
        snprintf(msg, cap, "format version %u, this tracer reads versions 1 to %u",
                 c.version, TRACE_FORMAT_VERSION);
        return -1;
    }
    if (c.ctl_size != TRACE_CTL_SIZE || c.rec_size != TRACE_REC_SIZE) {
        snprintf(msg, cap, "unexpected sizes ctl_size=%u rec_size=%u", c.ctl_size, c.rec_size);
        return -1;
    }
    if (c.version >= 3) {
        /* ring pages: page_recs is outside ctl_crc, so it is range-checked
         * here before anything divides by it or addresses a slot with it */
        if (c.page_recs < 1 || c.page_recs > TRACE_PAGE_SIZE / TRACE_REC_SIZE) {
            snprintf(msg, cap, "page_recs %u out of range (format version 3: 1 to %u records "
                     "per ring page)", c.page_recs, TRACE_PAGE_SIZE / TRACE_REC_SIZE);
            return -1;
        }
        if (c.nrec == 0 || c.nrec > (1u << 26)) {
            snprintf(msg, cap, "nrec %u out of range (1 to %u)", c.nrec, 1u << 26);
            return -1;
        }
        if (c.nrec % c.page_recs) {
            snprintf(msg, cap, "nrec %u is not a multiple of page_recs %u (the ring is whole "
                     "ring pages)", c.nrec, c.page_recs);
            return -1;
        }
    } else if (c.nrec == 0 || (c.nrec & (c.nrec - 1)) || c.nrec > (1u << 26)) {
        snprintf(msg, cap, "nrec %u is not a power of two in range", c.nrec);
        return -1;
    }
    if (c.schema_off < sizeof c || c.schema_len > (1u << 20) || c.schema_off > (1u << 20)) {
        snprintf(msg, cap, "schema_off/len out of range (%u/%u)", c.schema_off, c.schema_len);
        return -1;
    }
    return 0;
}

static int same_run(const struct trace_ctl *a, const struct trace_ctl *b)
{
    return !memcmp(a, b, offsetof(struct trace_ctl, mode));
}

int tdec_ctl(struct tdec *d, const uint8_t *blob, size_t len, uint64_t offset)
{
    char msg[200];
    struct trace_ctl c;
    if (tdec_check_ctl(blob, len, msg, sizeof msg)) {
        tdec_diag(d, offset, "%s", msg);
        return -1;
    }
    memcpy(&c, blob, sizeof c);
    if (d->have_run && same_run(&d->ctl, &c)) {
        d->ctl = c;                       /* dynamic counters only */
        d->page_recs = tdec_page_recs(&c); /* (not under ctl_crc: as validated just now) */
        if (d->sink.on_ctl) d->sink.on_ctl(d->sink.ctx, &d->ctl);
        return 0;
    }
    if ((uint64_t)c.schema_off + c.schema_len > len) {
        tdec_diag(d, offset, "schema block (off %u len %u) beyond the %zu bytes available",
                  c.schema_off, c.schema_len, len);
        return -1;
    }
    if (tschema_parse(&d->schema, blob + c.schema_off, c.schema_len, c.version, msg,
                      sizeof msg)) {
        tdec_diag(d, offset + c.schema_off, "%s (format version %u)", msg, c.version);
        d->have_run = 0;
        return -1;
    }
    tdec_flush(d);
    texp_prepare(&d->exp, &d->schema);
    d->ctl = c;
    d->page_recs = tdec_page_recs(&c);
    d->have_run = 1;
    d->next = 0;
    d->last_ts = 0;
    d->run_implied = 0;
    if (d->sink.on_run && d->sink.on_run(d->sink.ctx, &c, &d->schema))
        d->stop = 1;
    return 0;
}

void tdec_loss(struct tdec *d, int kind, uint64_t count, uint64_t at_index)
{
    if (!count) return;
    d->n_lost[kind] += count;
    if (d->sink.on_loss)
        d->sink.on_loss(d->sink.ctx, kind, count, at_index + d->run_implied, d->last_ts,
                        d->last_ts);
}

void tdec_flush(struct tdec *d)
{
    if (d->torn_n) {
        uint64_t n = d->torn_n;
        d->torn_n = 0;
        tdec_loss(d, TL_TORN, n, d->torn_at);
    }
}

/* Deliver the events record idx implies (its flags), right after it. */
static void implied(struct tdec *d, uint64_t idx, const struct trace_rec *r, uint64_t offset)
{
    struct trace_rec ev[TEXP_N];
    uint32_t unknown[TEXP_N];
    unsigned bad;
    const char *why;
    int n = texp_expand(&d->exp, r, ev, unknown, &bad, &why);
    uint8_t *warned = &d->exp.warned[r->type <= TS_MAX_ID ? r->type : 0];
    if (bad & ~*warned) {                   /* once per event type and flag per run */
        char names[96];
        const struct ts_event *e = tschema_event(&d->schema, r->type);
        tdec_diag(d, offset, "record %llu (%s): flags 0x%02x (%s) not expanded: %s",
                  (unsigned long long)idx, e ? e->name : "unknown event", bad & ~*warned,
                  tschema_flag_names(&d->schema, bad & ~*warned, names, sizeof names), why);
        *warned |= (uint8_t)bad;
    }
    for (int i = 0; i < n && !d->stop; i++) {
        struct tdec_ev x = { idx, TDEC_IMPLIED, unknown[i] };
        d->n_implied++;
        d->run_implied++;
        if (d->sink.on_rec && d->sink.on_rec(d->sink.ctx, idx + d->run_implied, &ev[i], &x))
            d->stop = 1;
    }
}

static void one_record(struct tdec *d, uint64_t idx, const struct trace_rec *r,
                       uint64_t offset)
{
    if (r->seq != (uint32_t)idx) {
        if (d->torn_n && d->torn_at + d->torn_n != idx) tdec_flush(d);
        if (!d->torn_n) {
            d->torn_at = idx;
            tdec_diag(d, offset, "record %llu: seq %u does not match (torn or overwritten)",
                      (unsigned long long)idx, r->seq);
        }
        d->torn_n++;
        return;
    }
    tdec_flush(d);
    d->n_rec++;
    d->last_ts = r->ts;
    struct tdec_ev x = { idx, r->flags, 0 };
    if (d->sink.on_rec && d->sink.on_rec(d->sink.ctx, idx + d->run_implied, r, &x))
        d->stop = 1;
    if (r->flags && !d->stop)
        implied(d, idx, r, offset);
}

void tdec_records(struct tdec *d, uint64_t first, const struct trace_rec *recs,
                  size_t n, uint64_t offset)
{
    if (!d->have_run) {
        tdec_diag(d, offset, "%zu records before any control page: skipped", n);
        return;
    }
    for (size_t i = 0; i < n && !d->stop; i++) {
        uint64_t idx = first + i;
        if (idx < d->next) continue;            /* already delivered */
        if (idx > d->next) {
            tdec_flush(d);
            tdec_loss(d, TL_GAP, idx - d->next, d->next);
        }
        one_record(d, idx, &recs[i], offset + i * TRACE_REC_SIZE);
        d->next = idx + 1;
    }
}

/* A stream starts with a frame, or (Bochs prints a banner on the same
 * stdout) has a control frame header "A5 5A 00 00 len" + magic early on.
 * A RAM image holds control pages only at page boundaries, never framed. */
int tinput_sniff(const uint8_t *buf, size_t len)
{
    if (len >= 2 && buf[0] == TRACE_SYNC0 && buf[1] == TRACE_SYNC1)
        return TIN_STREAM;
    for (size_t i = 0; i + 8 + sizeof TRACE_MAGIC <= len; i++)
        if (buf[i] == TRACE_SYNC0 && buf[i + 1] == TRACE_SYNC1 && !buf[i + 2] && !buf[i + 3] &&
            !memcmp(buf + i + 8, TRACE_MAGIC, sizeof TRACE_MAGIC))
            return TIN_STREAM;
    return TIN_DUMP;
}

static int decode_dump(struct tdec *d, const uint8_t *buf, size_t len)
{
    size_t off = 0;
    for (;;) {
        off = tring_find(d, buf, len, off);
        if (off == (size_t)-1) {
            tdec_diag(d, len, "no valid trace control page found in %zu bytes", len);
            return -1;
        }
        struct tring t;
        if (tring_attach(&t, d, buf, len, off) == 0) {
            tring_poll(&t, d);
            tdec_flush(d);
            return 0;
        }
        off += TRACE_CTL_SIZE;
    }
}

int tdec_buffer(struct tdec *d, const uint8_t *buf, size_t len, enum tinput how)
{
    if (how == TIN_AUTO) how = tinput_sniff(buf, len);
    if (how == TIN_DUMP) return decode_dump(d, buf, len);
    struct tstream s;
    tstream_init(&s);
    tstream_feed(&s, d, buf, len, 1);
    tdec_flush(d);
    return d->have_run ? 0 : -1;
}
