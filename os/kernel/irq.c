/* irq.c: IRQ policies, the kernel side of SYS_IRQCTL.
 *
 * A driver that holds a line in its priv irq[] may become the line's holder
 * (one holder per line).  When the line fires the kernel masks it in the
 * PIC, records the line in the holder's p_irq_pending and posts a NOTIFY
 * from HARDWARE; the NOTIFY message carries the pending bits (ipc.c calls
 * irq_take_pending()).  The line stays masked until the holder says
 * IRQCTL_ENABLE, so a device that keeps interrupting cannot starve the
 * system while its driver is busy (the mask is the flow control).
 *
 * Invariants: irq_holder[l] is NULL or a live process with l in its irq[];
 * a line without a holder is masked (the timer and the cascade are not
 * managed here: 0, 2, and the spurious lines 7 and 15 are refused).
 * A holder that exits loses its lines (irq_proc_exit), masked again, so a
 * restarted driver sets its policy afresh. */
#include <lantern/devio.h>
#include "kernel.h"
#include "proc.h"
#include "arch.h"

/* The holder of each line: the slot and the incarnation (a slot reused by
 * another process, or by a restarted driver, holds nothing). */
static struct { struct proc *p; endpoint_t ep; } irq_holder[NR_IRQ_LINES];

static int holds(const struct proc *p, int line)
{
    return irq_holder[line].p == p && p->p_endpoint == irq_holder[line].ep;
}

static struct proc *holder(int line)
{
    struct proc *p = irq_holder[line].p;
    return p && p->p_endpoint == irq_holder[line].ep && !(p->p_rts_flags & RTS_DEAD) ? p : NULL;
}

void irq_deliver(int line)
{
    struct proc *p = holder(line);
    if (!p)
        return;                 /* masked lines do not fire; a stray one is dropped */
    pic_mask(line);
    p->p_irq_pending |= 1u << line;
    notify_from_kernel(HARDWARE, p);
}

uint32_t irq_take_pending(struct proc *p)
{
    uint32_t bits = p->p_irq_pending;
    p->p_irq_pending = 0;
    return bits;
}

void irq_proc_exit(struct proc *p)
{
    for (int l = 0; l < NR_IRQ_LINES; l++)
        if (holds(p, l)) {
            pic_mask(l);
            irq_holder[l].p = NULL;
        }
    p->p_irq_pending = 0;
}

/* Make p the holder of line (unmasked); EBUSY if another process holds it. */
int irq_claim(struct proc *p, int line)
{
    struct proc *h = holder(line);
    if (h && h != p)
        return EBUSY;
    irq_holder[line].p = p;
    irq_holder[line].ep = p->p_endpoint;
    pic_unmask(line);
    return OK;
}

/* p's request on a line it holds (else EPERM): unmask, mask, or give up. */
int irq_holder_ctl(struct proc *p, int line, int request)
{
    if (!holds(p, line))
        return EPERM;
    if (request == IRQCTL_ENABLE)
        pic_unmask(line);
    else
        pic_mask(line);
    if (request == IRQCTL_RMPOLICY)
        irq_holder[line].p = NULL;
    return OK;
}
