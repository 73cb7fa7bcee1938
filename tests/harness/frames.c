/* frames.c: finding the kernel's frames in the COM2 byte stream.
 *
 * parse_bytes() finds frames (magic, nonce, CRC; see
 * os/include/lantern/testproto.h) and resynchronises on garbage; only frames
 * with the run's nonce and a correct CRC reach handle_frame() (record.c),
 * which says what each kind means for the run. */
#define _GNU_SOURCE
#include "harness.h"

static uint32_t crc_table[256];

void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--)
        c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Feed bytes into the frame parser.  Frames: "LTR1" nonce kind status len
 * payload crc; see testproto.h.  On garbage, resynchronise at the next magic. */
void parse_bytes(struct runctx *c, uint32_t nonce, const uint8_t *data, size_t n)
{
    struct outcome *o = c->o;
    while (n > 0) {
        size_t room = sizeof o->buf - o->len;
        size_t take = n < room ? n : room;
        memcpy(o->buf + o->len, data, take);
        o->len += take;
        data += take;
        n -= take;

        size_t pos = 0;
        for (;;) {
            /* find the magic */
            size_t m = pos;
            while (m + 4 <= o->len && memcmp(o->buf + m, TR_MAGIC, 4))
                m++;
            if (m + 4 > o->len) {
                /* keep up to 3 bytes that may start a magic */
                size_t keep = o->len - pos < 3 ? o->len - pos : 3;
                o->garbage += (int)(o->len - pos - keep);
                pos = o->len - keep;
                break;
            }
            o->garbage += (int)(m - pos);
            pos = m;
            if (o->len - pos < 12)
                break;
            const uint8_t *h = o->buf + pos;
            uint16_t plen = h[10] | h[11] << 8;
            if (plen > TR_MAX_PAYLOAD) {
                o->bad_crc++;
                pos += 1;
                continue;
            }
            if (o->len - pos < 12u + plen + 4u)
                break;
            uint32_t crc = crc32_ieee(h + 4, 8u + plen);
            if (crc != get_le32(h + 12 + plen)) {
                o->bad_crc++;
                pos += 1;            /* resync: search the next magic */
                continue;
            }
            if (get_le32(h + 4) != nonce) {
                o->bad_nonce++;
                pos += 16u + plen;
                continue;
            }
            handle_frame(c, h[8], h[9], (const char *)h + 12, plen);
            pos += 16u + plen;
        }
        memmove(o->buf, o->buf + pos, o->len - pos);
        o->len -= pos;
    }
}
