"""ps.py: lantern-ps, the process table as the kernel sees it.

One line per slot in use: slot, endpoint, name (the kernel's p_name), label
(RS's public table, read from RS's own memory), priority, p_rts_flags and
what the process is doing.  For a blocked process the line says what it
waits for, from the fields the kernel keeps for exactly that:
  RTS_SENDING    -> p_sendto_e (and p_ipc_op: SEND, SENDREC, ...)
  RTS_RECEIVING  -> p_getfrom_e (ANY or one endpoint); MF_SENDREC means
                    it is the reply half of a SENDREC
  RTS_NO_PRIV    -> RS has not allowed it to run yet
  RTS_VMREQUEST  -> VM has not answered its request yet (p_vmreq: a page
                    fault, a copy fault or a spawn; docs/vm.md)
  RTS_ZOMBIE     -> exited; PM has not fetched the exit yet
and who is queued sending to it (p_caller_q).  The running process is the
kernel's `current`.
"""
import gdb

from .abi import ABI
from . import kmem


def op_name(op):
    return ABI.ipc_ops.get(int(op), 'op%d' % int(op)).replace('IPC_', '')


def waits_for(p):
    """What p is doing, in words."""
    rts = int(p['p_rts_flags'])
    cur = kmem.current()
    if rts == 0:
        return 'running' if cur is not None and int(cur) == int(p.address) else 'ready'
    words = []
    if rts & ABI.c['RTS_SENDING']:
        words.append('%s to %s' % (op_name(p['p_ipc_op']), kmem.ep_name(p['p_sendto_e'])))
    if rts & ABI.c['RTS_RECEIVING']:
        what = 'reply from' if int(p['p_misc_flags']) & ABI.c['MF_SENDREC'] else 'RECEIVE from'
        words.append('%s %s' % (what, kmem.ep_name(p['p_getfrom_e'])))
    if rts & ABI.c['RTS_NO_PRIV']:
        words.append('not allowed to run yet (RS)')
    if rts & ABI.c.get('RTS_VMREQUEST', 0):
        words.append(vm_wait(p))
    if rts & ABI.c['RTS_PROC_STOP']:
        words.append('kernel task')
    if rts & ABI.c['RTS_ZOMBIE']:
        words.append('exited (status %d), PM has not fetched it' %
                     kmem.signed(p['p_exit_status']))
    return '; '.join(words)


VM_KINDS = {1: 'page fault', 2: 'copy fault', 3: 'spawn'}


def vm_wait(p):
    """A process parked for VM (os/kernel/vmreq.c), in words."""
    rq = p['p_vmreq']
    kind = VM_KINDS.get(int(rq['kind']), 'request %d' % int(rq['kind']))
    fetched = 'fetched' if int(p['p_misc_flags']) & ABI.c['MF_VMFETCHED'] else 'not fetched yet'
    if int(rq['kind']) == 3:
        return 'VM: %s (%s)' % (kind, fetched)
    return 'VM: %s at %#x in %s (%s)' % (kind, int(rq['addr']) & 0xffffffff,
                                        kmem.ep_name(rq['target']), fetched)


def caller_queue(p):
    names, q, seen = [], p['p_caller_q'], 0
    while int(q) and seen < 128:
        names.append(kmem.ep_name(q['p_endpoint']))
        q = q['p_q_link']
        seen += 1
    return names


def rts_names(rts):
    names = ABI.bits(rts, ABI.rts)
    return ','.join(n.replace('RTS_', '') for n in names) or '-'


HEADER = '%5s %7s  %-15s %-15s %4s  %-16s %s' % (
    'slot', 'ep', 'name', 'label', 'prio', 'rts_flags', 'state / waits for')


def ps_lines():
    labels = kmem.rs_labels()
    lines = [HEADER]
    for _, p in kmem.procs():
        ep = kmem.signed(p['p_endpoint'])
        rts = int(p['p_rts_flags'])
        state = waits_for(p)
        queue = caller_queue(p)
        if queue:
            state += '  [senders waiting: %s]' % ' '.join(queue)
        lines.append('%5d %7d  %-15s %-15s %4d  %-16s %s' % (
            int(p['p_nr']), ep, kmem.cstr(p['p_name']) or '-', labels.get(ep, '-'),
            int(p['p_priority']), rts_names(rts), state))
    return lines


class LanternPs(gdb.Command):
    """lantern-ps: every live process: slot, endpoint, name, RS label,
priority, p_rts_flags and what a blocked process waits for."""

    def __init__(self):
        super().__init__('lantern-ps', gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.write('\n'.join(ps_lines()) + '\n')
