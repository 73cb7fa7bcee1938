"""stophook.py: whenever GDB stops, say which process was running.

Every stop (breakpoint, step, Ctrl-C) prints one line:
  [lantern] user mode: pm (endpoint 1, slot 1), symbols from build/prog/pm.elf
  [lantern] kernel mode; current process: pm (endpoint 1, slot 1)
  [lantern] kernel mode; no current process (boot, or idle in schedule())
In user mode the CPU runs the process `current` (the kernel sets it just
before it returns to user mode); in kernel mode `current` is the process
whose saved registers the kernel will resume.  Nothing has to be loaded by
hand: the generated gdbinit loads the symbols of the kernel and of every
program, each linked at its own address (image/linkmap.txt), and the line
names the symbol file that covers the stop address.
"""
import gdb

from . import kmem


def describe(p):
    return '%s (endpoint %d, slot %d)' % (kmem.cstr(p['p_name']), kmem.signed(p['p_endpoint']),
                                         int(p['p_nr']))


def symbol_file(pc):
    """The symbol file that covers pc, or None."""
    sal = gdb.find_pc_line(pc)
    if sal.symtab is not None:
        return sal.symtab.objfile.filename
    info = gdb.execute('info symbol 0x%x' % pc, to_string=True)    # code without lines
    return info.rsplit(' of ', 1)[1].strip() if ' of ' in info else None


def where_line():
    pc = int(gdb.parse_and_eval('$pc'))
    user = int(gdb.parse_and_eval('$cs')) & 3 == 3
    cur = kmem.current()
    if user:
        who = describe(cur) if cur is not None else 'an unknown process (current is NULL)'
        f = symbol_file(pc)
        return '[lantern] user mode: %s, %s' % (
            who, 'symbols from %s' % f if f else 'no symbols for 0x%x' % pc)
    if cur is None:
        return '[lantern] kernel mode; no current process (boot, or idle in schedule())'
    return '[lantern] kernel mode; current process: %s' % describe(cur)


def on_stop(event):
    try:
        gdb.write(where_line() + '\n')
    except (gdb.error, gdb.GdbError, gdb.MemoryError) as e:
        gdb.write('[lantern] (cannot tell which process runs: %s)\n' % e)


def install():
    gdb.events.stop.connect(on_stop)
