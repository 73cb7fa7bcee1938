"""grants.py: lantern-grants EP, a process's grant table.

Grants (MINIX-style memory grants: a process lists, in a table in its own
memory, which of its buffers another process may copy to or from, and
registers the table with the kernel through SETGRANT) are being added to the
kernel.  This helper does not assume their final names: it looks, in the
kernel's DWARF, for the fields through which the kernel finds a process's
table (a member of struct proc, struct priv or struct priv_info whose name
contains "grant": the table's address, and one containing "entries" or
"size" for its length) and for the entry type (cp_grant_t, struct cp_grant
or struct grant).  When it finds them it reads the table from the process's
own address space (kmem.read_proc) and prints every entry whose flags say
it is in use, field by field, as the DWARF describes it.

When the kernel has none of these, it says so plainly: "this kernel has no
grant tables yet".
"""
import gdb

from . import kmem

NO_GRANTS = ('this kernel has no grant tables yet: no grant-table field in struct proc, '
             'struct priv or struct priv_info, and no grant entry type in its symbols. '
             'lantern-grants will list a process\'s grants once the kernel has them.')

ENTRY_TYPES = ('cp_grant_t', 'struct cp_grant', 'struct grant')


def entry_type():
    for name in ENTRY_TYPES:
        try:
            return gdb.lookup_type(name.replace('struct ', ''))
        except gdb.error:
            pass
        try:
            return gdb.lookup_type(name)
        except gdb.error:
            pass
    return None


def struct_fields(value):
    try:
        return [(f.name, value[f.name]) for f in value.type.strip_typedefs().fields()]
    except (gdb.error, TypeError):
        return []


def table_of(p):
    """(address, entries) of p's registered grant table, or None if the
    kernel has no such fields; (0, 0) if it has them and p registered none."""
    holders = [p]
    if int(p['p_priv']):
        holders += [p['p_priv'].dereference(), p['p_priv']['pi']]
    addr = count = None
    for h in holders:
        for name, v in struct_fields(h):
            low = name.lower()
            if 'grant' not in low:
                continue
            if any(k in low for k in ('entries', 'size', 'count', 'nr_')):
                count = int(v)
            elif addr is None:
                addr = int(v)
    if addr is None:
        return None
    return addr, count or 0


def in_use(entry):
    for name, v in struct_fields(entry):
        if 'flag' in name.lower():
            return int(v) != 0
    return True


def grant_lines(p):
    name = kmem.cstr(p['p_name'])
    t, etype = table_of(p), entry_type()
    if t is None or etype is None:
        return [NO_GRANTS]
    addr, count = t
    if not addr or not count:
        return ['%s has registered no grant table' % name]
    lines = ['grant table of %s: %d entries at 0x%x' % (name, count, addr)]
    for i in range(count):
        e = kmem.proc_value(p, addr + i * etype.sizeof, etype)
        if in_use(e):
            lines.append('  [%3d] %s' % (i, ' '.join('%s=%s' % (n, v)
                                                       for n, v in struct_fields(e))))
    return lines


class LanternGrants(gdb.Command):
    """lantern-grants EP: the grant table of the process with endpoint EP (or
name EP), read from its own memory; says so when the kernel has no grants."""

    def __init__(self):
        super().__init__('lantern-grants', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError('usage: lantern-grants EP  (an endpoint or a name)')
        gdb.write('\n'.join(grant_lines(kmem.find(arg))) + '\n')
