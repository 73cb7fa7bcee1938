/* schema.h: the event schema as read from a trace's own schema block.
 *
 * The tracer never hard-codes event layouts: every event name, field name,
 * field type and word position comes from the schema block the kernel wrote
 * next to its control page (format in lantern/trace_ring.h).  Field types
 * are matched to the host's TRACE_FIELD_TYPES by *name*, so a schema with
 * unknown types still decodes (as plain numbers).
 *
 * Format version 2 appends the record-flag table (TRF_*: folded events,
 * docs/trace-format.md); a version 1 block has none (nflags = 0).
 *
 * Invariant after a successful tschema_parse(): every present event's
 * fields fit in TRACE_REC_WORDS words, every string is NUL-terminated, and
 * the flags are distinct single bits of the record's u8 `flags`.
 */
#ifndef TRACER_SCHEMA_H
#define TRACER_SCHEMA_H
#include <stddef.h>
#include <stdint.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

#define TS_MAX_ID     255      /* event ids above this are rejected */
#define TS_MAX_TYPES  64
#define TS_MAX_CATS   16
#define TS_NAME       32
#define TS_TEXT       96
#define TS_MAX_FLAGS  8        /* one per bit of trace_rec.flags */

struct ts_field {
    char    name[TS_NAME];
    uint8_t schema_type;       /* type id as written in the schema */
    int     kind;              /* host enum trace_field_type, or -1 unknown */
    uint8_t word;              /* first record word a[word] */
    uint8_t slots;             /* words used */
};

struct ts_event {
    int      present;
    uint16_t id;
    uint8_t  category;         /* TC_* bit */
    uint8_t  nfields;
    char     name[TS_NAME];
    char     text[TS_TEXT];
    struct ts_field f[TRACE_REC_WORDS];
    /* semantic roles (field index or -1), resolved from field kinds */
    int      ep, peer, call_id, status, m_type;
};

struct ts_type { int present; uint8_t slots; int kind; char name[TS_NAME]; };
struct ts_cat  { uint8_t bit; char name[TS_NAME]; };
struct ts_flag { uint8_t bit; char name[TS_NAME]; char text[TS_TEXT]; };

struct tschema {
    uint32_t ntypes, ncats, nevents, nflags;
    struct ts_type types[TS_MAX_TYPES];
    struct ts_cat  cats[TS_MAX_CATS];
    struct ts_flag flags[TS_MAX_FLAGS];
    struct ts_event ev[TS_MAX_ID + 1];
};

/* Parse a schema block of format `version` (1 or 2: the control page's).
 * Returns 0, or -1 with a message in err naming the byte offset (relative
 * to the block), the part of the block and the problem. */
int tschema_parse(struct tschema *s, const uint8_t *buf, size_t len, unsigned version,
                  char *err, size_t errlen);

/* Host-side lookups. */
const struct ts_event *tschema_event(const struct tschema *s, unsigned id);
const char *tschema_cat_name(const struct tschema *s, unsigned bit);
/* Event id by name, or -1. */
int tschema_event_id(const struct tschema *s, const char *name);
/* The flag named `name` (its bit), or 0 if the trace has none. */
unsigned tschema_flag_bit(const struct tschema *s, const char *name);
/* Names of the bits set in flags, space separated ("?0x40" for a bit the
 * schema does not name); returns out. */
char *tschema_flag_names(const struct tschema *s, unsigned flags, char *out, size_t cap);
int tf_kind_by_name(const char *name);     /* host TF_* or -1 */
const char *tf_kind_name(int kind);

/* Read a text field (slots*4 chars) into out (at least slots*4+1 bytes). */
void ts_field_text(const struct ts_field *f, const uint32_t *a, char *out);

#endif
