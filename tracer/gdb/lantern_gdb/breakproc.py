"""breakproc.py: lantern-break-proc [-k] LABEL: stop when LABEL is scheduled.

Every return to user mode goes through one piece of the kernel, entered with
`current` already set to the process about to run: trap.S's resume_frame
where switch_to_user() is an inline jump to it, switch_to_user itself where
it is the assembly function (EXIT_POINTS, the first the kernel has).  A breakpoint there
checks `current` and stops when the CPU switches to a process whose name
(p_name) or RS label is LABEL, having run something else before: a process
that is "scheduled", not every return from one of its own kernel calls.

Then, by default, lantern-step-to-user runs on to the process's saved eip
(a temporary breakpoint there, for this process only), so that GDB shows
the process's own code and stack (its symbols are already loaded).  With -k it stays there,
in the kernel.

lantern-break-proc with no argument lists the active ones; delete them like
any breakpoint (`delete N`).
"""
import gdb

from . import kmem

EXIT_POINTS = ('resume_frame', 'switch_to_user')


def exit_point():
    for name in EXIT_POINTS:
        try:
            gdb.parse_and_eval('(unsigned int)&' + name)
            return name
        except gdb.error:
            pass
    raise gdb.GdbError('no %s in the kernel: where does it return to user mode?' %
                       ' or '.join(EXIT_POINTS))


class ProcBreak(gdb.Breakpoint):
    """A breakpoint on the way out to user mode that stops only when the CPU
    switches to LABEL (self.last: the endpoint resumed at the previous hit)."""

    def __init__(self, label, kernel):
        super().__init__('*' + exit_point(), internal=False)
        self.label, self.kernel, self.last = label, kernel, None
        if not kernel:
            self.commands = 'lantern-step-to-user'

    def matches(self, cur):
        if kmem.cstr(cur['p_name']) == self.label:
            return True
        return kmem.rs_labels().get(kmem.signed(cur['p_endpoint'])) == self.label

    def stop(self):
        cur = kmem.current()
        if cur is None:
            return False
        ep = kmem.signed(cur['p_endpoint'])
        switched, self.last = ep != self.last, ep
        if not switched or not self.matches(cur):
            return False
        gdb.write('[lantern] %s is being scheduled (endpoint %d)\n' % (self.label, ep))
        return True


class LanternBreakProc(gdb.Command):
    """lantern-break-proc [-k] LABEL: stop when the process named LABEL (its
name or RS label) is scheduled, in its own code (-k: in the kernel, where
it returns to user mode)."""

    def __init__(self):
        super().__init__('lantern-break-proc', gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        words = arg.split()
        kernel = '-k' in words
        labels = [w for w in words if w != '-k']
        if not labels:
            for b in gdb.breakpoints():
                if isinstance(b, ProcBreak):
                    gdb.write('breakpoint %d: %s%s\n' % (b.number, b.label,
                                                         ' (-k)' if b.kernel else ''))
            return
        b = ProcBreak(labels[0], kernel)
        gdb.write('[lantern] breakpoint %d: stop when %s is scheduled\n' % (b.number, labels[0]))


class LanternStepToUser(gdb.Command):
    """lantern-step-to-user: from the kernel's way out to user mode, run to
the first instruction the resumed process runs in user mode (its saved eip),
and stop there only if that process is still `current`."""

    def __init__(self):
        super().__init__('lantern-step-to-user', gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        cur = kmem.current()
        if cur is None or int(gdb.parse_and_eval('$cs')) & 3 == 3:
            raise gdb.GdbError('lantern-step-to-user: not on the way out of the kernel')
        eip = int(cur['p_reg']['eip'])
        where = int(kmem.ksym('current').address)
        # by address: a program stopped in may have its own `current`
        gdb.execute('tbreak *0x%x if *(unsigned int *)0x%x == 0x%x' % (eip, where, int(cur)),
                    to_string=True)
        gdb.execute('continue')
