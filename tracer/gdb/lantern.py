"""lantern.py: the file the generated gdbinit sources (image/gdbinit.in).

It puts tracer/gdb/ on Python's path and registers the Lantern commands
(lantern_gdb/__init__.py lists them) and the stop hook.  If that fails, it
says so in one line and GDB goes on without them.  Sourcing it twice
does no harm: GDB replaces a command defined again, and the stop hook is
connected once per GDB session.
"""
import os
import sys

import gdb

sys.dont_write_bytecode = True       # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

# A helper that fails to load must not take the rest of the gdbinit (the
# symbols are loaded already; `break kmain` and `continue` follow) with it.
if not getattr(gdb, '_lantern_registered', False):
    try:
        import lantern_gdb
        lantern_gdb.register()
        gdb._lantern_registered = True
    except Exception as e:                  # pylint: disable=broad-except
        gdb.write('[lantern] the GDB helpers did not load: %s: %s\n' % (type(e).__name__, e))
