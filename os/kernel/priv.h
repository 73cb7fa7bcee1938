/* priv.h (kernel): the privilege table.
 *
 * priv_table[id] is one privilege structure; a process points at the one it
 * runs under (p_priv).  Invariants:
 *   - a slot is in use iff pi.owner != NONE (the shared user slot is owned
 *     by the kernel: owner == KERNEL);
 *   - ipc_to bits only name slots in use, and are symmetric;
 *   - a process runs only if p_priv != NULL and RTS_NO_PRIV is clear;
 *   - every process's copy of its priv's IPC fields (p_trap_mask, p_ipc_to,
 *     p_priv_id, p_billable) matches priv_table: every function here that
 *     changes a priv or a p_priv ends with priv_sync().
 */
#ifndef KPRIV_H
#define KPRIV_H

#include "kernel.h"
#include <lantern/priv.h>
#include <lantern/ipc.h>

struct proc;

struct priv {
    struct priv_info pi;
};

extern struct priv priv_table[NR_SYS_PRIVS];

void priv_init(void);
void priv_boot_task(struct proc *p);
void priv_boot_rs(struct proc *p);
void priv_set_user(struct proc *p);
int  priv_set_sys(struct proc *caller, struct proc *target, const struct priv_info *arg);
void priv_release(struct proc *p);
void priv_export(const struct proc *p, struct priv_info *out);
/* Resources: kind is PRIV_ADD_IO, PRIV_ADD_MEM or PRIV_ADD_IRQ (an IRQ line
 * is the range [irq, irq]). */
#define NR_IRQ_LINES 16
int priv_holds(const struct priv_info *g, int kind, const struct priv_range *r);
int priv_range_valid(int kind, const struct priv_range *r);     /* OK or EINVAL */
void priv_sync(void);          /* refresh every slot's copy (p_trap_mask, ...) */

/* Fast checks (the IPC path): see proc.h, which has struct proc. */

#endif
