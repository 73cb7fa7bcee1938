/* system.h: the SYSTEM task's kernel calls.
 *
 * kernel_call() copies the caller's request message in, dispatches on its
 * m_type through a table generated from KCALL_TABLE (lantern/kcall.h), and
 * copies the reply back.  Each handler is `int do_<name>(struct proc *caller,
 * message *m)`: it returns OK or an error for m_type, or EDONTREPLY when the
 * caller no longer exists (exit) or must not be answered. */
#ifndef SYSTEM_H
#define SYSTEM_H

#include "kernel.h"
#include <lantern/kcall.h>

struct proc;

void kernel_call(struct proc *caller);

#define KCALL_DECL(name, nr, text) int do_##name(struct proc *caller, message *m);
KCALL_TABLE(KCALL_DECL)
#undef KCALL_DECL

#endif
