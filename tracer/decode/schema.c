/* schema.c: parser for the schema block (see schema.h).
 * Every read is bounds-checked against the block length: the input may be
 * a corrupt dump or fuzzer output. */
#include <stdio.h>
#include <string.h>
#include "schema.h"

/* part: what is being read, for the message ("flag table entry 2 of 5: ") */
struct rd { const uint8_t *p; size_t len, off; char *err; size_t errlen; char part[48]; };

static int fail(struct rd *r, const char *what)
{
    snprintf(r->err, r->errlen, "schema block offset %zu: %s%s", r->off, r->part, what);
    return -1;
}

static void part(struct rd *r, const char *table, uint32_t i, uint32_t n)
{
    snprintf(r->part, sizeof r->part, "%s %u of %u: ", table, i + 1, n);
}

static int rd_u8(struct rd *r, uint8_t *v)
{
    if (r->off + 1 > r->len) return fail(r, "truncated (u8)");
    *v = r->p[r->off++];
    return 0;
}

static int rd_u16(struct rd *r, uint16_t *v)
{
    if (r->off + 2 > r->len) return fail(r, "truncated (u16)");
    *v = (uint16_t)(r->p[r->off] | r->p[r->off + 1] << 8);
    r->off += 2;
    return 0;
}

static int rd_u32(struct rd *r, uint32_t *v)
{
    if (r->off + 4 > r->len) return fail(r, "truncated (u32)");
    memcpy(v, r->p + r->off, 4);
    r->off += 4;
    return 0;
}

static int rd_str(struct rd *r, char *out, size_t cap)
{
    const uint8_t *nul = memchr(r->p + r->off, 0, r->len - r->off);
    if (!nul) return fail(r, "unterminated string");
    size_t n = (size_t)(nul - (r->p + r->off));
    if (n >= cap) return fail(r, "string too long");
    memcpy(out, r->p + r->off, n + 1);
    r->off += n + 1;
    return 0;
}

/* Names end up in SQL identifiers and views: only [A-Za-z_][A-Za-z0-9_]*. */
static int rd_ident(struct rd *r, char *out, size_t cap)
{
    size_t at = r->off;
    if (rd_str(r, out, cap)) return -1;
    int ok = out[0] != 0 && !(out[0] >= '0' && out[0] <= '9');
    for (const char *p = out; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_')) ok = 0;
    if (!ok) { r->off = at; return fail(r, "name is not an identifier"); }
    return 0;
}

static const char *kind_names[] = {
#define TN(t, slots, name) name,
    TRACE_FIELD_TYPES(TN)
#undef TN
};

int tf_kind_by_name(const char *name)
{
    for (int i = 0; i < TF_COUNT; i++)
        if (!strcmp(kind_names[i], name)) return i;
    return -1;
}

const char *tf_kind_name(int kind)
{
    return kind >= 0 && kind < TF_COUNT ? kind_names[kind] : "?";
}

static int parse_types(struct tschema *s, struct rd *r)
{
    for (uint32_t i = 0; i < s->ntypes; i++) {
        part(r, "field type", i, s->ntypes);
        uint8_t id, slots;
        char name[TS_NAME];
        if (rd_u8(r, &id) || rd_u8(r, &slots) || rd_ident(r, name, sizeof name))
            return -1;
        if (id >= TS_MAX_TYPES) return fail(r, "field type id out of range");
        if (slots < 1 || slots > TRACE_REC_WORDS) return fail(r, "bad slot count");
        struct ts_type *t = &s->types[id];
        t->present = 1;
        t->slots = slots;
        t->kind = tf_kind_by_name(name);
        memcpy(t->name, name, sizeof name);
    }
    return 0;
}

static int parse_cats(struct tschema *s, struct rd *r)
{
    for (uint32_t i = 0; i < s->ncats; i++) {
        struct ts_cat *c = &s->cats[i];
        part(r, "category", i, s->ncats);
        if (rd_u8(r, &c->bit) || rd_ident(r, c->name, sizeof c->name))
            return -1;
    }
    return 0;
}

static void resolve_roles(struct ts_event *e)
{
    e->ep = e->peer = e->call_id = e->status = e->m_type = -1;
    for (int i = 0; i < e->nfields; i++) {
        switch (e->f[i].kind) {
        case TF_EP:
            if (e->ep < 0) e->ep = i;
            else if (e->peer < 0) e->peer = i;
            break;
        case TF_CALLID: if (e->call_id < 0) e->call_id = i; break;
        case TF_ERRNO:  if (e->status < 0) e->status = i; break;
        case TF_MTYPE:
        case TF_KCALL:  if (e->m_type < 0) e->m_type = i; break;
        default: break;
        }
    }
}

static int parse_fields(struct tschema *s, struct rd *r, struct ts_event *e)
{
    unsigned word = 0;
    for (int i = 0; i < e->nfields; i++) {
        struct ts_field *f = &e->f[i];
        if (rd_u8(r, &f->schema_type) || rd_ident(r, f->name, sizeof f->name))
            return -1;
        if (f->schema_type >= TS_MAX_TYPES || !s->types[f->schema_type].present)
            return fail(r, "field uses an undeclared type");
        const struct ts_type *t = &s->types[f->schema_type];
        f->kind = t->kind;
        f->slots = t->slots;
        f->word = (uint8_t)word;
        word += t->slots;
        if (word > TRACE_REC_WORDS) return fail(r, "fields exceed the record");
    }
    return 0;
}

static int parse_events(struct tschema *s, struct rd *r)
{
    for (uint32_t i = 0; i < s->nevents; i++) {
        part(r, "event", i, s->nevents);
        uint16_t id;
        uint8_t cat, nf;
        if (rd_u16(r, &id) || rd_u8(r, &cat) || rd_u8(r, &nf)) return -1;
        if (id > TS_MAX_ID) return fail(r, "event id out of range");
        if (nf > TRACE_REC_WORDS) return fail(r, "too many fields");
        struct ts_event *e = &s->ev[id];
        if (e->present) return fail(r, "duplicate event id");
        e->id = id;
        e->category = cat;
        e->nfields = nf;
        if (rd_ident(r, e->name, sizeof e->name) ||
            rd_str(r, e->text, sizeof e->text) || parse_fields(s, r, e))
            return -1;
        e->present = 1;
        resolve_roles(e);
    }
    return 0;
}

/* Version 2: u32 n_flags (unaligned), n_flags x { u8 bit, name, text }. */
static int parse_flags(struct tschema *s, struct rd *r)
{
    snprintf(r->part, sizeof r->part, "flag table: ");
    if (r->off + 4 > r->len)
        return fail(r, "missing or truncated n_flags (format version 2 has a flag table "
                       "after the events)");
    rd_u32(r, &s->nflags);
    if (s->nflags > TS_MAX_FLAGS) return fail(r, "too many flags (more than 8 bits)");
    unsigned seen = 0;
    for (uint32_t i = 0; i < s->nflags; i++) {
        struct ts_flag *f = &s->flags[i];
        part(r, "flag table entry", i, s->nflags);
        if (rd_u8(r, &f->bit)) return -1;
        r->off--;                              /* point at the bit if it is bad */
        if (!f->bit || (f->bit & (f->bit - 1))) return fail(r, "bit is not a single bit");
        if (seen & f->bit) return fail(r, "duplicate flag bit");
        r->off++;
        seen |= f->bit;
        size_t at = r->off;
        if (rd_ident(r, f->name, sizeof f->name) || rd_str(r, f->text, sizeof f->text))
            return -1;
        for (uint32_t k = 0; k < i; k++)
            if (!strcmp(s->flags[k].name, f->name)) {
                r->off = at;
                return fail(r, "duplicate flag name");
            }
    }
    r->part[0] = 0;
    return 0;
}

int tschema_parse(struct tschema *s, const uint8_t *buf, size_t len, unsigned version,
                  char *err, size_t errlen)
{
    struct rd r = { buf, len, 0, err, errlen, "" };
    uint32_t magic;
    memset(s, 0, sizeof *s);
    if (rd_u32(&r, &magic)) return -1;
    if (magic != TRACE_SCHEMA_MAGIC) { r.off = 0; return fail(&r, "bad magic (want SCHM)"); }
    if (rd_u32(&r, &s->ntypes) || rd_u32(&r, &s->ncats) || rd_u32(&r, &s->nevents))
        return -1;
    if (s->ntypes > TS_MAX_TYPES) return fail(&r, "too many field types");
    if (s->ncats > TS_MAX_CATS) return fail(&r, "too many categories");
    if (s->nevents > TS_MAX_ID + 1) return fail(&r, "too many events");
    if (parse_types(s, &r) || parse_cats(s, &r) || parse_events(s, &r))
        return -1;
    if (version >= 2 && parse_flags(s, &r)) {
        s->nflags = 0;
        return -1;
    }
    return 0;
}

const struct ts_event *tschema_event(const struct tschema *s, unsigned id)
{
    if (id > TS_MAX_ID || !s->ev[id].present) return NULL;
    return &s->ev[id];
}

const char *tschema_cat_name(const struct tschema *s, unsigned bit)
{
    for (uint32_t i = 0; i < s->ncats; i++)
        if (s->cats[i].bit == bit) return s->cats[i].name;
    return "other";
}

int tschema_event_id(const struct tschema *s, const char *name)
{
    for (int id = 0; id <= TS_MAX_ID; id++)
        if (s->ev[id].present && !strcmp(s->ev[id].name, name)) return id;
    return -1;
}

unsigned tschema_flag_bit(const struct tschema *s, const char *name)
{
    for (uint32_t i = 0; i < s->nflags; i++)
        if (!strcmp(s->flags[i].name, name)) return s->flags[i].bit;
    return 0;
}

char *tschema_flag_names(const struct tschema *s, unsigned flags, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = 0;
    for (unsigned bit = 1; bit <= 0x80 && n < cap; bit <<= 1) {
        if (!(flags & bit)) continue;
        const char *name = NULL;
        for (uint32_t i = 0; i < s->nflags; i++)
            if (s->flags[i].bit == bit) name = s->flags[i].name;
        n += (size_t)(name ? snprintf(out + n, cap - n, "%s%s", n ? " " : "", name)
                           : snprintf(out + n, cap - n, "%s?%#x", n ? " " : "", bit));
    }
    return out;
}

void ts_field_text(const struct ts_field *f, const uint32_t *a, char *out)
{
    size_t n = (size_t)f->slots * 4;
    memcpy(out, a + f->word, n);
    out[n] = 0;
    for (size_t i = 0; i < n && out[i]; i++)
        if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e) out[i] = '?';
}
