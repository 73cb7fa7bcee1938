"""ttail.py: lantern-trace-tail [-r] [N], the last N trace records.

Decodes straight from guest memory (tring.Ring), with the schema the kernel
wrote next to its control page (tschema) and the tracer's rules for folded
events (texpand): each record is followed by the events its flags imply.
A slot whose seq does not match its index is shown as lost.

Values are shown by field type name: endpoints with the name of the live
process that has that endpoint now, errno and kernel-call numbers by name
(from errno.h / kcall.h), IPC operations by name, hex and addresses in hex.

-r prints one line per event for programs (the tools test compares it with
the host tracer's database): "ts NAME implied field=value ... text=..."
with numbers as the tracer stores them (signed for i32, endpoint, errno
and mtype fields), "?" for a field an implied event does not know, and
the text fields concatenated.
"""
import gdb

from .abi import ABI
from . import kmem
from .tring import Ring, RingError
from .tschema import SchemaError
from .texpand import implied

SIGNED = ('i32', 'endpoint', 'errno', 'mtype')


def text_of(words):
    raw = b''.join(w.to_bytes(4, 'little') for w in words).split(b'\0', 1)[0]
    return ''.join(chr(c) if 0x20 <= c <= 0x7e else '?' for c in raw)


def show(tname, v):
    if v is None:
        return '?'
    if tname == 'text16':
        return '"%s"' % text_of(v)
    if tname == 'endpoint':
        return kmem.ep_name(v)
    if tname == 'errno':
        return ABI.errname(v)
    if tname == 'kcall':
        return ABI.kcall.get(v, str(v)).replace('SYS_', '')
    if tname == 'ipcop':
        return ABI.ipc_ops.get(v, str(v)).replace('IPC_', '')
    if tname == 'mtype':
        return ABI.kcall.get(v, '0x%x' % v)
    if tname in ('hex', 'addr', 'access'):
        return '0x%x' % v
    if tname == 'i32':
        return str(kmem.signed(v))
    return str(v)


def raw(tname, v):
    if v is None:
        return '?'
    return str(kmem.signed(v)) if tname in SIGNED else str(v)


def event_line(ev, vals, ts, implied_by, raw_mode, idx, flags_text):
    texts = ''.join(text_of(vals[f.name]) for f in ev.fields
                    if f.tname == 'text16' and vals[f.name] is not None)
    if raw_mode:
        parts = ['%s=%s' % (f.name, raw(f.tname, vals[f.name])) for f in ev.fields
                 if f.tname != 'text16']
        if texts:
            parts.append('text=' + texts)
        return '%d %s %d %s' % (ts, ev.name, 1 if implied_by else 0, ' '.join(parts))
    parts = ['%s=%s' % (f.name, show(f.tname, vals[f.name])) for f in ev.fields]
    tail = '  (implied by %s)' % implied_by if implied_by else flags_text
    return '%8s  %-14s %s%s' % ('%d%s' % (idx, '+' if implied_by else ''), ev.name,
                                ' '.join(parts), tail)


def record_lines(ring, idx, rec, raw_mode):
    s = ring.schema
    ev = s.events.get(rec.type)
    if ev is None:
        words = ' '.join('0x%x' % w for w in rec.a)
        return ['%8d  unknown event %d: %s' % (idx, rec.type, words)]
    vals = {f.name: (rec.a[f.word] if f.slots == 1 else rec.a[f.word:f.word + f.slots])
            for f in ev.fields}
    flags_text = '  [%s]' % ' '.join(s.flag_names(rec.flags)) if rec.flags else ''
    lines = [event_line(ev, vals, rec.ts, None, raw_mode, idx, flags_text)]
    more, bad, why = implied(s, ev, rec)
    for flag, dst, dvals in more:
        lines.append(event_line(dst, dvals, rec.ts, flag, raw_mode, idx, ''))
    if bad and not raw_mode:
        lines.append('%8s  flags %s not expanded: %s' % (
            '', ' '.join(s.flag_names(bad)), why))
    return lines


def tail_lines(n, raw_mode):
    try:
        ring = Ring()
    except (RingError, SchemaError) as e:
        raise gdb.GdbError('lantern-trace-tail: %s' % e)
    head, recs = ring.tail(n)
    c = ring.ctl
    lines = ['%strace: format v%d, %d records in the ring, %d written, enabled mask 0x%x, '
             '%s mode; the last %d:' % ('# ' if raw_mode else '', c['version'], ring.nrec,
                                       head, c['enabled'],
                                       'discard' if c['mode'] else 'overwrite', len(recs))]
    for idx, rec in recs:
        if rec is None:
            if not raw_mode:
                lines.append('%8d  lost (seq does not match: torn or overwritten)' % idx)
            continue
        lines += record_lines(ring, idx, rec, raw_mode)
    return lines


class LanternTraceTail(gdb.Command):
    """lantern-trace-tail [-r] [N]: decode the last N (default 20) records of
the kernel's trace ring from guest memory, with the kernel's own schema, and
expand folded events as the tracer does.  -r: one raw line per event."""

    def __init__(self):
        super().__init__('lantern-trace-tail', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        words = arg.split()
        raw_mode = '-r' in words
        nums = [w for w in words if w != '-r']
        try:
            n = int(nums[0]) if nums else 20
        except ValueError:
            raise gdb.GdbError('usage: lantern-trace-tail [-r] [N]')
        gdb.write('\n'.join(tail_lines(n, raw_mode)) + '\n')
