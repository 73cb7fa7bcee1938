"""grants.py: lantern-grants EP, a process's grant table.

Grants (docs/grants.md, once the kernel has them): a process lists, in an
array of cp_grant_t in its own memory, which of its buffers another
process may copy from or to, and registers the array with SYS_SETGRANT.
The kernel keeps only the array's address and length in the process's
slot, and reads the entries from the granter's memory at every use.

This helper does the same: it finds, in the kernel's DWARF, the members of
struct proc (or of its priv) that hold the table's address and its number
of entries (the members whose names contain "grant": the one that also says
"entries", "size" or "count" is the length, the other the address), and the
entry type (cp_grant_t).  It reads the table through the process's own page
directory (kmem.read_proc) and prints the entries in use (CPF_USED, from
lantern/safecopies.h; any non-zero flags word if the header has no such
bit), every field as the DWARF describes it, with flags, endpoints and the
grant id decoded where the names say what they are.

When the kernel has no such members or type, it says so plainly: "this
kernel has no grant tables yet".
"""
import gdb

from .abi import ABI
from . import kmem

NO_GRANTS = ('this kernel has no grant tables yet: no grant-table member in struct proc, '
             'struct priv or struct priv_info, or no cp_grant_t in its symbols. '
             'lantern-grants will list a process\'s grants once the kernel has them.')


def entry_type():
    try:
        return gdb.lookup_type('cp_grant_t')
    except gdb.error:
        return None


def struct_fields(value):
    try:
        return [(f.name, value[f.name]) for f in value.type.strip_typedefs().fields()]
    except (gdb.error, TypeError):
        return []


def table_of(p):
    """(address, entries) of p's registered grant table, or None if the
    kernel has no such members; (0, 0) if p registered none."""
    holders = [p]
    if int(p['p_priv']):
        holders += [p['p_priv'].dereference(), p['p_priv']['pi']]
    addr = count = None
    for h in holders:
        for name, v in struct_fields(h):
            low = name.lower()
            if 'grant' not in low:
                continue
            if any(k in low for k in ('entries', 'size', 'count')):
                count = int(v)
            elif addr is None:
                addr = int(v)
    if addr is None or count is None:
        return None
    return addr, count


def flags_of(entry):
    for name, v in struct_fields(entry):
        if 'flag' in name.lower():
            return int(v)
    return None


def in_use(entry):
    f = flags_of(entry)
    used = ABI.c.get('CPF_USED')
    return f is None or (f & used if used else f != 0)


def show_field(name, v, slot):
    low = name.lower()
    if 'flag' in low:
        return '%s=0x%x(%s)' % (name, int(v), '|'.join(
            n.replace('CPF_', '') for n in ABI.bits(int(v), ABI.cpf)))
    if low.endswith(('_to', '_from')):
        return '%s=%s' % (name, kmem.ep_name(v))
    if low.endswith('_gen') and 'GRANT_SLOT_BITS' in ABI.c:
        return '%s=%d (id %d)' % (name, int(v), int(v) << ABI.c['GRANT_SLOT_BITS'] | slot)
    if low.endswith('_addr'):
        return '%s=0x%x' % (name, int(v))
    return '%s=%s' % (name, v)


def grant_lines(p):
    name = kmem.cstr(p['p_name'])
    t, etype = table_of(p), entry_type()
    if t is None or etype is None:
        return [NO_GRANTS]
    addr, count = t
    if not addr or not count:
        return ['%s has registered no grant table' % name]
    lines = ['grant table of %s: %d entries at 0x%x' % (name, count, addr)]
    size = etype.sizeof
    raw = kmem.read_proc(p, addr, count * size)        # one pass, page by page
    for i in range(count):
        e = gdb.Value(raw[i * size:(i + 1) * size], etype)
        if in_use(e):
            lines.append('  [%3d] %s' % (i, ' '.join(show_field(n, v, i)
                                                       for n, v in struct_fields(e))))
    if len(lines) == 1:
        lines.append('  (no entry in use)')
    return lines


class LanternGrants(gdb.Command):
    """lantern-grants EP: the grant table of the process with endpoint EP (or
name or RS label EP), read from its own memory; says so when the kernel has
no grant tables."""

    def __init__(self):
        super().__init__('lantern-grants', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError('usage: lantern-grants EP  (an endpoint, a name or a label)')
        gdb.write('\n'.join(grant_lines(kmem.find(arg))) + '\n')
