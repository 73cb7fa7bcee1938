"""texpand.py: folded events (format version 2), by the host tracer's rules.

A record's `flags` byte names events the kernel folded into it
(docs/trace-format.md, "Folded events").  They are expanded exactly as
tracer/decode/expand.c does: right after the record, with its ts, one
implied event per flag in the order of RECIPES below.  Flags are found by
NAME in the trace's own flag table, implied events and fields by name in
its event table; word numbers (TRACE_*_WORD) come from trace_events.h.
What this file knows is only the meaning of the flag names, the same
recipes as the tracer's.  A recipe whose flag, event or word the trace or
the headers lack is inert.  A flag that cannot be expanded leaves the
record as it is and is reported (`why`).

An implied event's fields that no recipe fills are unknown (None).
"""
from .abi import ABI

# (flag, implied event, copy same-named fields, needs src/dst, needs the
#  switch words free, [(field, kind, source)]); kind: field / word / op / const
RECIPES = (
    ('delivered', 'IPC_RECEIVE', True, True, False, ()),
    ('dst_woke', 'SCHED_UNBLOCK', False, True, False,
     (('ep', 'field', 'dst'), ('by', 'field', 'src'))),
    ('src_woke', 'SCHED_UNBLOCK', False, True, False,
     (('ep', 'field', 'src'), ('by', 'field', 'dst'))),
    ('src_blocked', 'SCHED_BLOCK', False, True, False,
     (('ep', 'field', 'src'), ('waits_for', 'field', 'dst'), ('op', 'op', None))),
    ('src_receives', 'SCHED_BLOCK', False, True, False,
     (('ep', 'field', 'src'), ('waits_for', 'word', 'TRACE_RECV_FROM_WORD'),
      ('op', 'const', 'IPC_RECEIVE'))),
    ('switch', 'SCHED_SWITCH', False, False, True,
     (('from', 'word', 'TRACE_SWITCH_FROM_WORD'), ('to', 'word', 'TRACE_SWITCH_TO_WORD'))),
)

# the IPC operation of an IPC record, by event name (a reply is a SEND)
IPC_OP_OF = {'IPC_SEND': 'IPC_SEND', 'IPC_SENDREC': 'IPC_SENDREC', 'IPC_SENDNB': 'IPC_SENDNB',
             'IPC_NOTIFY': 'IPC_NOTIFY', 'IPC_SENDA': 'IPC_SENDA', 'IPC_REPLY': 'IPC_SEND',
             'IPC_RECEIVE': 'IPC_RECEIVE'}


def is_ep(f):
    return f is not None and f.tname == 'endpoint' and f.slots == 1


def value(f, a):
    """A field's value from record words a (text: the raw words)."""
    if f.slots == 1:
        return a[f.word]
    return a[f.word:f.word + f.slots]


def implied(schema, src, rec):
    """(name of the flag, Event, {field: value or None}) per expanded flag,
    and (bits not expanded, why) for the rest."""
    out, bad, why = [], 0, None
    known = 0
    for flag, target, copy, ipc, sw, ins in RECIPES:
        bit = schema.flag_bit(flag)
        known |= bit
        if not bit or not rec.flags & bit:
            continue
        dst = schema.by_name(target)
        ok = dst is not None and src is not None
        if ok and ipc:
            ok = is_ep(src.field('src')) and is_ep(src.field('dst'))
        if ok and sw:
            ok = src.words_used() <= ABI.c['TRACE_SWITCH_FROM_WORD']
        words = [ABI.c.get(s) for _, k, s in ins if k == 'word']
        if not ok or None in words:
            bad |= bit
            why = why or 'flag not valid on this event (or implied event not in the schema)'
            continue
        out.append((flag, dst, fill(dst, src, rec, copy, ins)))
    unnamed = rec.flags & ~sum(b for b, _, _ in schema.flags)
    unknown = rec.flags & ~known & ~unnamed
    if unnamed or unknown:
        bad |= unnamed | unknown
        why = why or ('bit not in the trace\'s flag table' if unnamed
                      else 'flag unknown to this decoder')
    return out, bad, why


def fill(dst, src, rec, copy, ins):
    vals = {f.name: None for f in dst.fields}
    if copy:
        for f in dst.fields:
            g = src.field(f.name)
            if g is not None and g.slots == f.slots:
                vals[f.name] = value(g, rec.a)
    for name, kind, source in ins:
        f = dst.field(name)
        if f is None or f.slots != 1:
            continue
        if kind == 'field':
            vals[name] = rec.a[src.field(source).word]
        elif kind == 'word':
            vals[name] = rec.a[ABI.c[source]]
        elif kind == 'const':
            vals[name] = ABI.c[source]
        elif src.name in IPC_OP_OF:
            vals[name] = ABI.c[IPC_OP_OF[src.name]]
    return vals
