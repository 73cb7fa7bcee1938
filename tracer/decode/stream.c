/* stream.c: frame parser for the port-0xE9 stream (format in trace_ring.h).
 *
 * Resynchronisation: any bad frame (CRC mismatch, impossible length) is
 * reported with its offset and parsing restarts at the next sync pair after
 * its first byte, so one corrupt byte costs at most the frames it touches.
 * Records frames are only decoded after a control frame has been accepted. */
#include <string.h>
#include "decoder.h"
#include "../common/crc32.h"

#define HDR_MIN    4
#define CTL_MAXLEN (1u << 21)

void tstream_init(struct tstream *s)
{
    memset(s, 0, sizeof *s);
}

static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void end_junk(struct tstream *s, struct tdec *d, uint64_t at)
{
    if (s->in_junk) {
        tdec_diag(d, s->junk_start, "skipped %llu bytes of non-frame data (resynchronised at %llu)",
                  (unsigned long long)(at - s->junk_start), (unsigned long long)at);
        s->in_junk = 0;
    }
}

/* Size of the frame at p (needs HDR_MIN+4 bytes), or 0 if impossible. */
static size_t frame_size(const uint8_t *p, size_t avail, int *need_more)
{
    *need_more = 0;
    if (avail < 8) { *need_more = 1; return 0; }
    uint16_t nrec = get16(p + 2);
    if (nrec == 0) {
        uint32_t len = get32(p + 4);
        if (len < sizeof(struct trace_ctl) || len > CTL_MAXLEN) return 0;
        return 8 + (size_t)len + 4;
    }
    return 12 + (size_t)nrec * TRACE_REC_SIZE + 4;
}

static void records_frame(struct tdec *d, const uint8_t *p, uint64_t off)
{
    static struct trace_rec buf[4096];
    uint16_t nrec = get16(p + 2);
    uint64_t first = get32(p + 4) | (uint64_t)get32(p + 8) << 32;
    memcpy(buf, p + 12, (size_t)nrec * TRACE_REC_SIZE);
    tdec_records(d, first, buf, nrec, off + 12);
}

static void good_frame(struct tstream *s, struct tdec *d, const uint8_t *p,
                       size_t fsz, uint64_t off)
{
    s->n_frames++;
    if (get16(p + 2) == 0)
        tdec_ctl(d, p + 8, fsz - 12, off + 8);
    else
        records_frame(d, p, off);
}

size_t tstream_feed(struct tstream *s, struct tdec *d, const uint8_t *buf,
                    size_t len, int final)
{
    size_t pos = 0;
    while (pos < len && !d->stop) {
        uint64_t off = s->base + pos;
        if (buf[pos] != TRACE_SYNC0 || (pos + 1 < len && buf[pos + 1] != TRACE_SYNC1)) {
            if (!s->in_junk) { s->in_junk = 1; s->junk_start = off; }
            pos++;
            continue;
        }
        int need_more;
        size_t fsz = frame_size(buf + pos, len - pos, &need_more);
        if (!fsz && !need_more) {
            s->n_bad++;
            if (!s->in_junk) {
                tdec_diag(d, off, "impossible frame header: resynchronising");
                s->in_junk = 1; s->junk_start = off;
            }
            pos++;
            continue;
        }
        if (need_more || fsz > len - pos) {
            if (!final) break;
            end_junk(s, d, off);
            tdec_diag(d, off, "truncated frame at end of input (%zu bytes present, frame needs %zu)",
                      len - pos, fsz ? fsz : (size_t)8);
            pos = len;
            break;
        }
        uint32_t crc = crc32_update(0, buf + pos + 2, fsz - 6);
        if (crc != get32(buf + pos + fsz - 4)) {
            s->n_bad++;
            if (!s->in_junk) {
                tdec_diag(d, off, "frame CRC mismatch (%u records): resynchronising",
                          get16(buf + pos + 2));
                s->in_junk = 1; s->junk_start = off;
            }
            pos++;
            continue;
        }
        end_junk(s, d, off);
        good_frame(s, d, buf + pos, fsz, off);
        pos += fsz;
    }
    if (final) end_junk(s, d, s->base + pos);
    s->base += pos;
    return pos;
}
