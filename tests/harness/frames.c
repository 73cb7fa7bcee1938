/* frames.c: decoding the kernel's framed results (COM2) into an outcome.
 *
 * parse_bytes() finds frames in the byte stream (magic, nonce, CRC; see
 * os/include/lantern/testproto.h) and resynchronises on garbage; only frames
 * with the run's nonce and a correct CRC reach handle_frame(), which updates
 * the outcome and prints result lines as they arrive. */
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
struct suite_count *suite_of(struct outcome *o, const char *name, size_t n)
{
    if (n >= sizeof o->suites[0].name)
        n = sizeof o->suites[0].name - 1;
    for (int i = 0; i < o->nsuites; i++)
        if (strlen(o->suites[i].name) == n && !memcmp(o->suites[i].name, name, n))
            return &o->suites[i];
    if (o->nsuites == (int)(sizeof o->suites / sizeof o->suites[0]))
        return &o->suites[o->nsuites - 1];
    struct suite_count *s = &o->suites[o->nsuites++];
    memcpy(s->name, name, n);
    s->name[n] = 0;
    s->planned = -1;
    return s;
}

/* Make a payload string printable on one line. */
void clean_text(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s == 127)
            *s = ' ';
}
static void handle_frame(struct runctx *c, uint8_t kind, uint8_t status,
                         const char *pl, size_t len)
{
    struct outcome *o = c->o;
    const struct run *r = c->r;
    int results = !strcmp(r->expect, "results") && !opt_bench;
    int bench = opt_bench != NULL;
    /* the payload with a terminating NUL; p2 = text after the first NUL */
    char text[TR_MAX_PAYLOAD + 2];
    memcpy(text, pl, len);
    text[len] = 0;
    text[len + 1] = 0;
    size_t l1 = strlen(text);
    char *p2 = l1 < len ? text + l1 + 1 : text + len;   /* "" if none */

    o->frames++;
    if (opt_verbose && c->print)
        printf("#   frame kind=%u status=%u \"%s\"%s%s\n", kind, status, text,
               *p2 ? " / " : "", p2);

    switch (kind) {
    case TR_BOOTED:
        if (!o->booted) {
            o->booted = 1;
            o->booted_at = now_s() - c->t0;
        }
        if (!strcmp(r->expect, "booted"))
            o->want_stop = 1;
        break;
    case TR_PANIC:
        if (!o->panicked) {
            o->panicked = 1;
            snprintf(o->panic_text, sizeof o->panic_text, "%.*s", (int)len, pl);
            clean_text(o->panic_text);
        }
        o->want_stop = 1;   /* nothing useful comes after a panic */
        break;
    case TR_PLAN: {
        struct suite_count *s = suite_of(o, text, l1);
        int n = *p2 ? atoi(p2) : status;
        s->planned = (s->planned < 0 ? 0 : s->planned) + n;
        break;
    }
    case TR_DONE:
        suite_of(o, text, l1)->done = 1;
        break;
    case TR_RESULT: {
        if (!results)
            break;
        char *sl = strchr(text, '/');
        struct suite_count *s = suite_of(o, text, sl ? (size_t)(sl - text) : l1);
        s->results++;
        char *name = text;
        clean_text(name);
        if (status == TR_OK) {
            result_line(c, 1, name, NULL);
        } else if (status == TR_SKIP) {
            o->skipped++;
            if (c->print) {
                clean_text(p2);
                printf("ok - %s # SKIP %s\n", name, *p2 ? p2 : "(no reason)");
                fflush(stdout);
            }
        } else {
            result_line(c, 0, name, "%s", *p2 ? p2 : "failed (no reason given)");
        }
        break;
    }
    case TR_BENCH: {
        if (!bench || o->nbench == (int)(sizeof o->bench / sizeof o->bench[0]))
            break;
        char *p3 = p2 + strlen(p2) + 1;
        if (p3 > text + len)
            p3 = "";
        struct bench_metric *m = &o->bench[o->nbench++];
        snprintf(m->metric, sizeof m->metric, "%s", text);
        snprintf(m->value, sizeof m->value, "%s", p2);
        snprintf(m->unit, sizeof m->unit, "%s", p3);
        clean_text(m->metric);
        clean_text(m->value);
        clean_text(m->unit);
        break;
    }
    case TR_FAULT:
        if (c->print) {
            clean_text(text);
            printf("#   %s: guest fault: %s\n", r->name, text);
        }
        break;
    default:
        break;
    }
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
