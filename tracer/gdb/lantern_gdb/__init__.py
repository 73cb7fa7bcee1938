"""lantern_gdb: GDB helpers for Lantern (issue 17), one concern per module.

  abi        constants read from the C headers that define them
  kmem       kernel symbols, the process table, other address spaces
  ps         lantern-ps
  priv       lantern-priv EP
  grants     lantern-grants EP
  tschema, tring, texpand, ttail   lantern-trace-tail N
  breakproc  lantern-break-proc LABEL, lantern-step-to-user
  stophook   the line printed at every stop

register() creates the commands and installs the stop hook; the generated
gdbinit calls it through tracer/gdb/lantern.py.
"""


def register():
    from . import ps, priv, grants, ttail, breakproc, stophook
    ps.LanternPs()
    priv.LanternPriv()
    grants.LanternGrants()
    ttail.LanternTraceTail()
    breakproc.LanternBreakProc()
    breakproc.LanternStepToUser()
    stophook.install()
