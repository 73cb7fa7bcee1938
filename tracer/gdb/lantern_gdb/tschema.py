"""tschema.py: the trace schema block, as the kernel wrote it into guest memory.

Layout (lantern/trace_ring.h, docs/trace-format.md, "Schema block"), all
little-endian, strings NUL-terminated:
  u32 magic 'SCHM', u32 n_types, u32 n_categories, u32 n_events
  n_types      x { u8 id, u8 slots, name }
  n_categories x { u8 bit, name }
  n_events     x { u16 id, u8 category, u8 nfields, name, text,
                   nfields x { u8 type, name } }
  u32 n_flags (format version 2 and later; not aligned)
  n_flags      x { u8 bit, name, text }
Every event name, field name, field type and word position used by
lantern-trace-tail comes from here, as in the host tracer
(tracer/decode/schema.c); nothing is copied from trace_events.h.  Field
types are known by their *name* ("endpoint", "errno", "text16", ...).
A block that is truncated or inconsistent raises SchemaError naming the
byte offset, like the tracer's parser.
"""
import struct

SCHEMA_MAGIC = 0x4d484353
REC_WORDS = 12


class SchemaError(Exception):
    pass


class Field:
    def __init__(self, name, tname, word, slots):
        self.name, self.tname, self.word, self.slots = name, tname, word, slots


class Event:
    def __init__(self, eid, cat, name, text, fields):
        self.id, self.cat, self.name, self.text, self.fields = eid, cat, name, text, fields

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def words_used(self):
        return self.fields[-1].word + self.fields[-1].slots if self.fields else 0


class _Reader:
    def __init__(self, buf):
        self.buf, self.off = buf, 0

    def fail(self, what):
        raise SchemaError('schema block offset %d: %s' % (self.off, what))

    def unpack(self, fmt):
        n = struct.calcsize(fmt)
        if self.off + n > len(self.buf):
            self.fail('truncated')
        v = struct.unpack_from(fmt, self.buf, self.off)
        self.off += n
        return v[0] if len(v) == 1 else v

    def string(self):
        end = self.buf.find(b'\0', self.off)
        if end < 0:
            self.fail('unterminated string')
        s = self.buf[self.off:end].decode('ascii', 'replace')
        self.off = end + 1
        return s


class Schema:
    """types {id: (slots, name)}, cats {bit: name}, events {id: Event},
    flags [(bit, name, text)]."""

    def __init__(self, buf, version):
        r = _Reader(buf)
        if r.unpack('<I') != SCHEMA_MAGIC:
            r.off = 0
            r.fail('bad magic (want SCHM)')
        ntypes, ncats, nevents = r.unpack('<III')
        self.types, self.cats, self.events, self.flags = {}, {}, {}, []
        for _ in range(ntypes):
            tid, slots = r.unpack('<BB')
            self.types[tid] = (slots, r.string())
        for _ in range(ncats):
            bit = r.unpack('<B')
            self.cats[bit] = r.string()
        for _ in range(nevents):
            self._event(r)
        if version >= 2:
            for _ in range(r.unpack('<I')):
                bit = r.unpack('<B')
                self.flags.append((bit, r.string(), r.string()))

    def _event(self, r):
        eid, cat, nf = r.unpack('<HBB')
        name, text = r.string(), r.string()
        fields, word = [], 0
        for _ in range(nf):
            tid = r.unpack('<B')
            fname = r.string()
            if tid not in self.types:
                r.fail('field uses an undeclared type')
            slots, tname = self.types[tid]
            fields.append(Field(fname, tname, word, slots))
            word += slots
            if word > REC_WORDS:
                r.fail('fields exceed the record')
        if eid in self.events:
            r.fail('duplicate event id')
        self.events[eid] = Event(eid, cat, name, text, fields)

    def by_name(self, name):
        for e in self.events.values():
            if e.name == name:
                return e
        return None

    def flag_bit(self, name):
        for bit, n, _ in self.flags:
            if n == name:
                return bit
        return 0

    def flag_names(self, flags):
        named = {bit: n for bit, n, _ in self.flags}
        return [named.get(1 << b, '?0x%x' % (1 << b)) for b in range(8) if flags >> b & 1]
