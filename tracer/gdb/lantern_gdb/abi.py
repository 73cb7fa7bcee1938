"""abi.py: Lantern's constants, read from the C headers that define them.

The helpers run inside GDB's Python and must not keep a second copy of any
table.  Every constant here is read, when GDB loads the helpers, from the
one header that defines it:

  ERRNO_TABLE, KCALL_TABLE (X-macros)       os/include/lantern/errno.h, kcall.h
  IPC_*, priv flags, endpoints, RS sizes     os/include/lantern/*.h (#define)
  RTS_*, MF_* (kernel-private)               os/kernel/proc.h (#define)
  TRACE_SWITCH_*_WORD and friends            os/include/lantern/trace_events.h

The trace *schema* (events, fields) is not here: trace-tail takes it from
the kernel's own schema block in guest memory (docs/trace-format.md).

A define is kept when its value is an integer expression of numbers and
other such defines (`#define USER_PRIV_ID (RS_PRIV_ID + 1)`), one-argument
function-like macros expanded; it is evaluated here.  Anything else
(strings, casts, multi-line macros) is left out.
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))

_OBJ = re.compile(r'^#define\s+(\w+)\s+(.+?)\s*(?:/\*.*)?$')
_FUNC = re.compile(r'^#define\s+(\w+)\((\w+)\)\s+(.+?)\s*(?:/\*.*)?$')
_SUFFIX = re.compile(r'\b(0x[0-9a-fA-F]+|\d+)[uUlL]+\b')
_SAFE = re.compile(r'^[0-9a-fA-Fx()\s+\-*<>|&~]+$')
_XROW = re.compile(r'X\(\s*(\w+)\s*,\s*(-?(?:0x[0-9a-fA-F]+|\d+))\s*(?:,\s*"([^"]*)")?\s*\)')


def _read(rel):
    """A header's text; '' for a header this tree does not have (yet)."""
    try:
        with open(os.path.join(ROOT, rel), encoding='utf-8') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def _raw_defines(rels):
    """Object-like {name: text} and one-argument function-like
    {name: (param, text)} single-line defines of the headers."""
    objs, funcs = {}, {}
    for rel in rels:
        for line in _read(rel).splitlines():
            line = line.strip()
            if line.endswith('\\'):
                continue
            m = _FUNC.match(line)
            if m:
                funcs[m.group(1)] = (m.group(2), m.group(3))
                continue
            m = _OBJ.match(line)
            if m:
                objs[m.group(1)] = _SUFFIX.sub(r'\1', m.group(2))
    return objs, funcs


def _expand(text, objs, funcs, depth=0):
    """text with every known macro replaced, evaluated; None if it is not a
    plain integer expression (strings, casts, unknown names)."""
    if depth > 8:
        return None
    for f, (param, body) in funcs.items():
        text = re.sub(r'\b%s\(([^()]*)\)' % f,
                      lambda m: '(' + re.sub(r'\b%s\b' % param, '(%s)' % m.group(1), body) + ')',
                      text)

    def name(m):
        v = _expand(objs[m.group(0)], objs, funcs, depth + 1) if m.group(0) in objs else None
        return '(%d)' % v if v is not None else m.group(0)
    text = re.sub(r'\b[A-Za-z_]\w*\b', name, text)
    if not _SAFE.match(text):
        return None
    try:
        return int(eval(text, {'__builtins__': {}}))      # digits and operators only
    except (SyntaxError, TypeError, ValueError, NameError, ZeroDivisionError):
        return None


def defines(rels):
    """Every #define of the headers whose value is an integer expression."""
    objs, funcs = _raw_defines(rels)
    out = {}
    for n in objs:
        v = _expand(objs[n], objs, funcs)
        if v is not None:
            out[n] = v
    return out


def xtable(rel, macro):
    """Rows X(NAME, value, "text") or X(NAME, value) of the X-macro `macro`:
    [(name, value, text or '')]; [] if the header has no such macro."""
    text = _read(rel)
    start = text.find('#define ' + macro + '(X)')
    if start < 0:
        return []
    body = []
    for line in text[start:].splitlines():
        body.append(line)
        if not line.rstrip().endswith('\\'):
            break
    return [(n, int(v, 0), t) for n, v, t in _XROW.findall('\n'.join(body))]


class _Abi:
    """All constants, read once, when GDB loads the helpers."""

    HEADERS = ('os/include/lantern/endpoint.h', 'os/include/lantern/ipc.h',
               'os/include/lantern/priv.h', 'os/include/lantern/kcall.h',
               'os/include/lantern/rs.h', 'os/include/lantern/trace_events.h',
               'os/include/lantern/trace_ring.h', 'os/kernel/proc.h', 'os/kernel/memory.h',
               'os/include/lantern/safecopies.h')      # grants: once the tree has them

    def __init__(self):
        self.c = defines(self.HEADERS)
        self.errno = {-v: n for n, v, _ in xtable('os/include/lantern/errno.h', 'ERRNO_TABLE')}
        self.errno[0] = 'OK'
        base = self.c['KCALL_BASE']
        self.kcall = {base + v: 'SYS_' + n
                      for n, v, _ in xtable('os/include/lantern/kcall.h', 'KCALL_TABLE')}
        # the operations only (ipc.h), not IPC_VECTOR nor proc.h's IPC_BLOCKED:
        # from the X-macro IPC_OP_TABLE(X) when ipc.h has one, else its defines
        ops = xtable('os/include/lantern/ipc.h', 'IPC_OP_TABLE')
        if ops:
            self.ipc_ops = {v: 'IPC_' + n for n, v, _ in ops}
            self.c.update({'IPC_' + n: v for n, v, _ in ops})
        else:
            self.ipc_ops = {v: n for n, v in defines(('os/include/lantern/ipc.h',)).items()
                            if n.startswith('IPC_') and 0 < v < 32}
        self.rts = self.prefixed('RTS_')
        self.mf = self.prefixed('MF_')
        flag_names = ('PREEMPTIBLE', 'BILLABLE', 'DYN_PRIV_ID', 'SYS_PROC', 'CHECK_IO_PORT',
                      'CHECK_IRQ', 'CHECK_MEM', 'ROOT_SYS_PROC', 'TEST_PROC', 'TRACE_CTL')
        self.priv_flags = {self.c[n]: n for n in flag_names if n in self.c}
        # grant flags (safecopies.h, once the tree has grants)
        self.cpf = {v: n for n, v in self.c.items() if n.startswith('CPF_') and v & (v - 1) == 0}

    def prefixed(self, prefix, exclude=()):
        """{value: name} of the literal defines starting with prefix."""
        return {v: n for n, v in self.c.items() if n.startswith(prefix) and n not in exclude}

    def bits(self, value, table):
        """Names of the bits of value that table ({bit: name}) names, plus
        any left over in hex."""
        names, rest = [], value
        for bit in sorted(table):
            if bit and bit & (bit - 1) == 0 and value & bit:
                names.append(table[bit])
                rest &= ~bit
        if rest:
            names.append('0x%x' % rest)
        return names

    def errname(self, v):
        v = v - (1 << 32) if v >= 1 << 31 else v
        return self.errno.get(v, str(v))


ABI = _Abi()
