"""kmem.py: reading the kernel's structures and any process's memory.

Everything is read through GDB: kernel variables by symbol (their virtual
address), so the hot variables (`current`, the run queues, the trace
writer) come from the trace window where the kernel really keeps them
(docs/architecture.md, "Memory"), never from a stale copy.

Symbols are looked up in the kernel's objfile first: every guest program's
symbols are loaded too, and a program may have a global of the same name.
Structure layouts come from the kernel's DWARF (gdb.Value fields by name),
so a field added to struct proc needs no change here.

Another process's memory is read through its own page directory
(p_cr3): the kernel identity-maps physical memory below 256 MiB in every
address space, so a physical address can be read at the same virtual one
whatever CR3 holds.  GDB's stub reads supervisor pages too.  That is how
rs_labels() reads RS's public table (`pub`, in RS's own memory, its address
from rs.elf's symbols): the labels lantern-ps shows and lantern-priv /
lantern-break-proc accept.
"""
import struct
import gdb

from .abi import ABI

PAGE = 4096


def objfile_of(suffix):
    for o in gdb.objfiles():
        if o.filename and o.filename.endswith(suffix):
            return o
    return None


def ksym(name, suffix='/lantern.elf'):
    """The kernel's (or the objfile `suffix`'s) variable `name`, or None."""
    o = objfile_of(suffix)
    if o is not None:
        for look in (o.lookup_global_symbol, o.lookup_static_symbol):
            s = look(name)
            if s is not None:
                return s.value()
        return None
    try:
        return gdb.parse_and_eval(name)
    except gdb.error:
        return None


def read(addr, n):
    return bytes(gdb.selected_inferior().read_memory(addr, n))


def u32(addr):
    return struct.unpack('<I', read(addr, 4))[0]


def cstr(value):
    """A char array gdb.Value as a Python str (up to the first NUL)."""
    raw = bytes(int(value[i]) & 0xff for i in range(value.type.sizeof))
    return raw.split(b'\0', 1)[0].decode('ascii', 'replace')


def signed(v):
    v = int(v) & 0xffffffff
    return v - (1 << 32) if v & 0x80000000 else v


# ---- processes ------------------------------------------------------------

def proc_table():
    t = ksym('proc_table')
    if t is None:
        raise gdb.GdbError('no kernel symbols (proc_table): is build/kernel/lantern.elf loaded?')
    return t


def procs(live_only=True):
    """(slot index, struct proc value) for every slot in use."""
    t = proc_table()
    lo, hi = t.type.range()
    for i in range(lo, hi + 1):
        p = t[i]
        if live_only and int(p['p_rts_flags']) & ABI.c['RTS_SLOT_FREE']:
            continue
        yield i, p


def current():
    cur = ksym('current')
    return cur if cur is not None and int(cur) != 0 else None


def by_endpoint(ep):
    for _, p in procs():
        if signed(p['p_endpoint']) == ep:
            return p
    return None


def find(spec):
    """A process by endpoint number, name or RS label; raises gdb.GdbError."""
    spec = spec.strip()
    try:
        ep = int(spec, 0)
    except ValueError:
        ep = None
    for _, p in procs():
        if (ep is not None and signed(p['p_endpoint']) == ep) or cstr(p['p_name']) == spec:
            return p
    for e, label in rs_labels().items():
        if label == spec and by_endpoint(e) is not None:
            return by_endpoint(e)
    raise gdb.GdbError('no live process %r (lantern-ps lists them)' % spec)


def special_ep(ep):
    names = {ABI.c['ANY']: 'ANY', ABI.c['NONE']: 'NONE', ABI.c['SELF']: 'SELF'}
    return names.get(ep)


def ep_name(ep):
    """'name(ep)' for an endpoint; ANY/NONE/SELF by name; '?' if no process has it."""
    ep = signed(ep)
    if special_ep(ep):
        return special_ep(ep)
    p = by_endpoint(ep)
    return '%s(%d)' % (cstr(p['p_name']) if p is not None else '?', ep)


# ---- another address space ------------------------------------------------

def translate(cr3, va):
    """Physical address of va in the address space whose page directory is
    at physical cr3, or None if it is not mapped."""
    pde = u32((cr3 & ~0xfff) + (va >> 22) * 4)
    if not pde & 1:
        return None
    if pde & ABI.c['PTE_PS']:
        return (pde & 0xffc00000) | (va & 0x3fffff)
    pte = u32((pde & ~0xfff) + ((va >> 12) & 0x3ff) * 4)
    if not pte & 1:
        return None
    return (pte & ~0xfff) | (va & 0xfff)


def read_proc(p, va, n):
    """n bytes at va in process p's address space (page by page)."""
    out = b''
    cr3 = int(p['p_cr3'])
    while n > 0:
        chunk = min(n, PAGE - (va & (PAGE - 1)))
        pa = translate(cr3, va)
        if pa is None:
            raise gdb.GdbError('0x%x is not mapped in %s' % (va, cstr(p['p_name'])))
        out += read(pa, chunk)
        va += chunk
        n -= chunk
    return out


def proc_value(p, va, typ):
    """A gdb.Value of type typ read from process p's memory at va."""
    return gdb.Value(read_proc(p, va, typ.sizeof), typ)


def rs_labels():
    """{endpoint: label} from RS's public table `pub`, or {} if RS or its
    symbols are not there.  RS keeps it in its own address space."""
    rs = by_endpoint(ABI.c['RS_PROC_NR'])
    pub = ksym('pub', '/rs.elf')
    if rs is None or pub is None:
        return {}
    try:
        table = proc_value(rs, int(pub.address), pub.type)
    except gdb.GdbError:
        return {}
    out = {}
    lo, hi = table.type.range()
    for i in range(lo, hi + 1):
        e = table[i]
        if int(e['in_use']):
            out[signed(e['endpoint'])] = cstr(e['label'])
    return out
