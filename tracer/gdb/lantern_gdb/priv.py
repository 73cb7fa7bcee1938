"""priv.py: lantern-priv EP, a process's privileges.

Reads the priv structure the process runs under (p_priv -> struct priv,
member pi: struct priv_info, lantern/priv.h) and prints each field raw and
decoded.  The decoding follows the kernel's checks (proc.h):
  kcall_mask bit n    = kernel call KCALL_BASE + n allowed (priv_may_call)
  trap_mask  bit op   = IPC operation op allowed (priv_may_trap)
  ipc_to     bit id   = may send to the process(es) whose priv id is id
                        (priv_may_send; USER_PRIV_ID is every user process)
All user processes share the priv USER_PRIV_ID; its `owner` is then the
process asked about, as PRIV_QUERY reports it (priv_export in priv.c).
"""
import gdb

from .abi import ABI
from . import kmem


def words(arr):
    lo, hi = arr.type.range()
    return [int(arr[i]) for i in range(lo, hi + 1)]


def set_bits(ws):
    return [w * 32 + b for w, v in enumerate(ws) for b in range(32) if (v >> b) & 1]


def priv_owners():
    """{priv id: [names]} of the live processes, for naming ipc_to bits."""
    out = {}
    for _, p in kmem.procs():
        if int(p['p_priv']):
            pid = int(p['p_priv']['pi']['id'])
            out.setdefault(pid, []).append(kmem.cstr(p['p_name']))
    return out


def ranges(pi, field, count):
    n = int(pi[count])
    return ['0x%x-0x%x' % (int(pi[field][i]['base']), int(pi[field][i]['limit']))
            for i in range(n)]


def priv_lines(p):
    name = kmem.cstr(p['p_name'])
    ep = kmem.signed(p['p_endpoint'])
    head = 'priv of %s (endpoint %d, slot %d)' % (name, ep, int(p['p_nr']))
    if not int(p['p_priv']):
        return [head + ': none (p_priv is NULL: RS has not set its privileges)']
    pi = p['p_priv']['pi']
    pid = int(pi['id'])
    owner = ep if pid == ABI.c['USER_PRIV_ID'] else kmem.signed(pi['owner'])
    kind = 'shared user priv' if pid == ABI.c['USER_PRIV_ID'] else 'own priv slot'
    flags = int(pi['flags'])
    traps = int(pi['trap_mask'])
    kc = words(pi['kcall_mask'])
    to = words(pi['ipc_to'])
    owners = priv_owners()
    targets = ['%d:%s' % (i, '/'.join(owners.get(i, ['?']))) for i in set_bits(to)]
    calls = [ABI.kcall.get(ABI.c['KCALL_BASE'] + n, str(n)).replace('SYS_', '')
             for n in set_bits(kc)]
    ops = [op.replace('IPC_', '') for b, op in sorted(ABI.ipc_ops.items()) if (traps >> b) & 1]
    return [
        head + ':',
        '  id          %d (%s)' % (pid, kind),
        '  owner       %d' % owner,
        '  flags       0x%x  %s' % (flags, ' '.join(ABI.bits(flags, ABI.priv_flags)) or '-'),
        '  trap_mask   0x%x  %s' % (traps, ' '.join(ops) or '-'),
        '  ipc_to      %s  %s' % (' '.join('0x%08x' % w for w in to), ' '.join(targets) or '-'),
        '  kcall_mask  %s  %s' % (' '.join('0x%08x' % w for w in kc), ' '.join(calls) or '-'),
        '  io          %s' % (' '.join(ranges(pi, 'io', 'nr_io')) or '-'),
        '  mem         %s' % (' '.join(ranges(pi, 'mem', 'nr_mem')) or '-'),
        '  irq         %s' % (' '.join(str(int(pi['irq'][i]))
                                      for i in range(int(pi['nr_irq']))) or '-'),
    ]


class LanternPriv(gdb.Command):
    """lantern-priv EP: the privileges of the process with endpoint EP (or
name EP): priv id, flags, allowed IPC operations, send mask, kernel calls,
I/O, memory and IRQ ranges."""

    def __init__(self):
        super().__init__('lantern-priv', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError('usage: lantern-priv EP  (an endpoint or a name; see lantern-ps)')
        gdb.write('\n'.join(priv_lines(kmem.find(arg))) + '\n')
