/* trap.c: where every trap, fault and interrupt lands.
 *
 * From user mode: the frame is already saved in current->p_reg; we handle
 * the event and call schedule(), which resumes whichever process should run.
 * A fault in user mode stops that process only; once VM runs, a user page
 * fault goes to VM first, which maps the page or has the process stopped
 * (vmreq.c).  From kernel mode (only the idle loop runs with interrupts on)
 * an interrupt is handled in place and any exception is a kernel bug:
 * panic. */
#include <lantern/ipc.h>
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "arch.h"
#include "cpu.h"
#include "trace.h"
#include "system/system.h"
#include "vmreq.h"

static const char *const exception_names[20] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection fault",
    "page fault", "reserved", "x87 error", "alignment check", "machine check", "SIMD error",
};

static void handle_irq(int irq)
{
    if (irq == 7 || irq == 15) {
        /* spurious interrupts from the PIC: nothing to acknowledge on IRQ 7 */
        if (irq == 15)
            pic_eoi(2);
        return;
    }
    pic_eoi(irq);
    if (irq == IRQ_TIMER)
        clock_tick();
    else
        irq_deliver(irq);
}

/* Everything but IPC: kernel calls, interrupts, faults.  Out of line, so
 * that the IPC round trip's page holds only its own code. */
COLD static void trap_other(struct proc *p, struct stackframe *f)
{
    if ((void *)f != (void *)p)
        panic("trap frame %p is not the current process %p", (void *)f, (void *)p);
    switch (f->vector) {
    case KCALL_VECTOR:
        kernel_call(p);
        break;
    default:
        if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + 16)
            handle_irq((int)f->vector - IRQ_BASE);
        else if (f->vector == 14 && vm_proc && p != vm_proc)
            vm_pagefault(p, read_cr2(), f->err);    /* VM decides (vmreq.c) */
        else if (f->vector < 20)
            proc_fault(p, exception_names[f->vector]);
        else
            proc_fault(p, "unexpected trap");
    }
}

/* The section by name: every path here ends in a noreturn call, and gcc
 * then places the function with the ordinary text despite `hot`. */
HOT __attribute__((section(".text.hot"))) void trap_from_user(struct stackframe *f)
{
    struct proc *p = current;

    if (likely(f->vector == IPC_VECTOR && (void *)f == (void *)p))
        ipc_trap(p);                  /* never returns: it ends in schedule() */
    trap_other(p, f);
    schedule();
}

void trap_from_kernel(struct stackframe *f)
{
    if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + 16) {
        handle_irq((int)f->vector - IRQ_BASE);
        return;
    }
    if (f->vector == 14)                        /* a bad user buffer: EFAULT, not a panic */
        for (const struct ex_entry *e = ex_table_start; e < ex_table_end; e++)
            if (f->eip >= e->start && f->eip < e->end) {
                f->eip = e->fixup;
                return;
            }
    kprintf("kernel trap %u (%s) err %#x eip %#x cr2 %#x\n", f->vector,
            f->vector < 20 ? exception_names[f->vector] : "?", f->err, f->eip, read_cr2());
    stack_trace(f->ebp, f->eip);
    panic("unexpected %s in the kernel at eip %#x",
          f->vector < 20 ? exception_names[f->vector] : "trap", f->eip);
}
