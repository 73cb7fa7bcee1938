/* proc.c: the process table, run queues and the scheduler.
 *
 * Scheduling is MINIX-style: NR_SCHED_QUEUES priority queues, round robin
 * within a queue, and the highest non-empty queue runs.  A process that uses
 * up its quantum goes to the back of its queue.  The kernel is not
 * preemptible, so the queues only change inside the kernel with interrupts
 * off.  When nothing can run, the CPU halts in the idle loop in schedule().
 */
#include "kernel.h"
#include "proc.h"
#include "vmreq.h"
#include "memory.h"
#include "arch.h"
#include "cpu.h"
#include "trace.h"
#include "boot.h"
#include "check.h"

struct proc proc_table[NR_SLOTS];
HOT_DATA struct proc *current;
struct proc *pm_proc;
HOT_DATA struct proc *bill_ptr;              /* last BILLABLE process that ran */

HOT_DATA struct proc *rdy_head[NR_SCHED_QUEUES];
HOT_DATA struct proc *rdy_tail[NR_SCHED_QUEUES];

static uint32_t slot_ever_used[MAP_WORDS];
static const char *const task_names[NR_TASKS] = { "idle", "clock", "system", "kernel" };

void proc_init(void)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        memset(p, 0, sizeof(*p));
        p->p_nr = i - NR_TASKS;
        p->p_endpoint = ENDPOINT(0, p->p_nr);
        p->p_rts_flags = RTS_SLOT_FREE;
        p->p_module = -1;
        p->p_parent = NONE;
    }
    for (int i = 0; i < NR_TASKS; i++) {
        struct proc *t = &proc_table[i];
        t->p_rts_flags = RTS_PROC_STOP;   /* tasks exist as endpoints; work runs in the kernel */
        t->p_priority = TASK_Q;
        strncpy(t->p_name, task_names[i], sizeof(t->p_name) - 1);
    }
    priv_init();
    for (int i = 0; i < NR_TASKS; i++)
        priv_boot_task(&proc_table[i]);
}

/* A free slot for a new process.  The slots of rs, pm, init and vm are
 * never given to anyone else, so their endpoints always mean them. */
struct proc *proc_alloc(void)
{
    for (int nr = NR_FIXED_SLOTS; nr < VM_PROC_NR; nr++) {
        struct proc *p = proc_alloc_slot(nr);
        if (p)
            return p;
    }
    return NULL;
}

/* Slot nr with a fresh endpoint, or NULL if it is in use.  A slot's first
 * occupant is generation 0 (so boot processes have endpoint == process
 * number); every reuse increments it. */
struct proc *proc_alloc_slot(int nr)
{
    struct proc *p = proc_addr(nr);
    int idx = proc_index(p), gen;

    if (!is_free(p))
        return NULL;
    gen = map_test(slot_ever_used, idx) ? ENDPOINT_GEN(p->p_endpoint) + 1 : 0;
    if (gen > ENDPOINT_MAX_GEN)
        gen = 1;
    map_set(slot_ever_used, idx);
    memset(p, 0, sizeof(*p));
    p->p_nr = nr;
    p->p_endpoint = ENDPOINT(gen, nr);
    p->p_rts_flags = RTS_SLOT_FREE;       /* caller clears it when ready */
    p->p_module = -1;
    p->p_parent = NONE;
    p->p_priority = USER_Q;
    p->p_quantum = DEFAULT_QUANTUM;
    return p;
}

void rts_clear(struct proc *p, uint32_t flags)
{
    uint32_t old = p->p_rts_flags;
    if (rts_unblock(p, flags))
        TRACE(SCHED_UNBLOCK, p->p_endpoint, old, current ? current->p_endpoint : KERNEL);
}

void sched_yield_quantum(struct proc *p)
{
    p->p_ticks_left = p->p_quantum;
    if (p->p_rts_flags == 0 && rdy_head[p->p_priority] != rdy_tail[p->p_priority]) {
        dequeue(p);
        enqueue(p);
    }
}

HOT static struct proc *pick_proc(void)
{
    for (int q = 0; q < NR_SCHED_QUEUES; q++)
        if (rdy_head[q])
            return rdy_head[q];
    return NULL;
}

/* Copy out the message p received while it was not running (MF_DELIVER).
 * Its buffer was probed writable when it blocked, and a blocked process's
 * mappings do not change, so the fixup (EFAULT) is only a safety net. */
static inline void deliver_message(struct proc *p)
{
    p->p_misc_flags &= ~MF_DELIVER;
    if (user_copy_msg((void *)p->p_msg_addr, &p->p_msg))
        p->p_reg.eax = (uint32_t)EFAULT;
}

HOT void schedule(void)
{
    struct proc *next;

    for (;;) {
        while ((next = pick_proc()) == NULL) {
            current = NULL;
            trace_drain_stream(0);  /* idle time sends trace records on the debug port */
            cpu_halt_once();        /* interrupts (the clock) may make someone ready */
        }
        /* Signal frames go on the stack only now, when next is about to
         * run: a reply can no longer write into its saved registers. */
        if (likely(!next->p_sigq_n) || sig_push_frames(next))
            break;
    }
    if (next != current && (trace_enabled & TC_SCHED))
        trace_switch(current ? (uint32_t)current->p_endpoint : (uint32_t)IDLE,
                     (uint32_t)next->p_endpoint, current ? current->p_rts_flags : 0,
                     (uint32_t)next->p_priority);
    trace_leave();              /* this entry's last record: commit it */
    if (!(next->p_misc_flags & MF_RAN)) {
        next->p_misc_flags |= MF_RAN;
        boot_proc_ran(next);
    }
    CHECK_KERNEL_EXIT();        /* CHECK=1 only: the run queues (check.c) */
    current = next;
    if (next->p_billable)
        bill_ptr = next;
    /* After the CR3 load every page touched costs a TLB refill under QEMU,
     * so the TSS goes first (the trap touched its page) and only next's
     * slot and its buffer come after: switch_to_user() is a jump, not a
     * call, so even the kernel stack stays untouched. */
    arch_set_kernel_entry((uint32_t)(&next->p_reg + 1));
    if (read_cr3() != next->p_cr3)
        write_cr3(next->p_cr3);
    if (next->p_misc_flags & MF_DELIVER)
        deliver_message(next);
    switch_to_user(&next->p_reg);
}

/* Take a process out of the system: wake everyone blocked on it, free its
 * memory (once VM runs: hand it to VM, vmreq.c) and privileges.  The slot stays a zombie until PM has fetched the
 * exit (proc_next_event), so PM learns every exit exactly once; without PM
 * the slot is freed at once.  The endpoint's generation makes sure nobody
 * reaches a later occupant of the slot with the old endpoint.  RS, PM and
 * VM are never restarted: losing one ends the system. */
void proc_exit(struct proc *p, int status, endpoint_t by)
{
    if (p == pm_proc || p == vm_proc || (p->p_priv && (p->p_priv->pi.flags & ROOT_SYS_PROC)))
        panic("%s died (status %d, ended by %d): the system cannot go on", p->p_name, status, by);
    TRACE(PROC_EXIT, p->p_endpoint, status, by);
    ipc_proc_died(p);
    if (p->p_rts_flags == 0)
        dequeue(p);
    priv_release(p);
    irq_proc_exit(p);
    if (p->p_pgdir) {
        if (read_cr3() == p->p_cr3)
            write_cr3(kernel_cr3());
        vm_retire(p);                   /* VM reaps its frames (vmreq.c) */
        p->p_pgdir = NULL;
    }
    p->p_alarm_at = 0;
    p->p_sigq_n = 0;
    p->p_exit_status = status;
    p->p_exit_by = by;
    p->p_rts_flags = pm_proc ? RTS_ZOMBIE : RTS_SLOT_FREE;
    p->p_misc_flags &= MF_EV_START;
    if (current == p)
        current = NULL;
    if (bill_ptr == p)
        bill_ptr = NULL;
    if (pm_proc)
        notify_from_kernel(SYSTEM, pm_proc);
}

/* The next process event for PM, slot by slot: a slot's START always comes
 * before its EXIT.  With consume = 0 the event stays pending. */
int proc_next_event(struct proc_event *ev, int consume)
{
    for (int nr = 0; nr < NR_PROCS; nr++) {
        struct proc *p = proc_addr(nr);
        int start = p->p_misc_flags & MF_EV_START;
        if (!start && !(p->p_rts_flags & RTS_ZOMBIE))
            continue;
        memset(ev, 0, sizeof(*ev));
        ev->kind = start ? PROC_EV_START : PROC_EV_EXIT;
        ev->endpoint = p->p_endpoint;
        ev->parent = p->p_parent;
        ev->status = p->p_exit_status;
        ev->by = p->p_exit_by;
        memcpy(ev->name, p->p_name, sizeof(ev->name));
        if (consume && start)
            p->p_misc_flags &= ~MF_EV_START;
        else if (consume)
            p->p_rts_flags = RTS_SLOT_FREE;
        return OK;
    }
    return EAGAIN;
}

void proc_fault(struct proc *p, const char *cause)
{
    proc_fault_at(p, cause, p->p_reg.vector == 14 ? read_cr2() : 0);
}

/* The same with the faulting address given (VM's answer comes later). */
void proc_fault_at(struct proc *p, const char *cause, uint32_t cr2)
{
    struct stackframe *f = &p->p_reg;

    kprintf("lantern: process %s (endpoint %d) stopped: %s at eip %#x",
            p->p_name, p->p_endpoint, cause, f->eip);
    if (f->vector == 14)
        kprintf(" address %#x (%s, %s)", cr2, f->err & 2 ? "write" : "read",
                f->err & 1 ? "protection" : "not present");
    kprintf("\n");
    TRACE(PROC_FAULT, p->p_endpoint, f->vector, f->eip, cr2, f->err);
    boot_report_fault(p, cause, f->eip, cr2);
    proc_exit(p, PROC_FAULT_STATUS(f->vector), KERNEL);
}
