/* clock.c: the timer interrupt: uptime, quanta and alarms.
 *
 * The CLOCK task exists only as an endpoint: alarms are delivered as
 * NOTIFY messages from CLOCK, generated here at interrupt time.  With a
 * seed on the command line each tick also draws the scheduling jitter
 * (jitter.c); without one that costs one test per tick. */
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "arch.h"
#include "trace.h"
#include "jitter.h"
#include "check.h"

HOT_DATA volatile uint32_t uptime_ticks;

void clock_init(void)
{
    pit_init(HZ);
    pic_unmask(IRQ_TIMER);
}

void clock_tick(void)
{
    struct proc *p = current;

    uptime_ticks++;
    if (p && p->p_rts_flags == 0) {
        uint32_t flags = p->p_priv ? p->p_priv->pi.flags : 0;
        p->p_user_ticks++;
        /* A non-billable process (a server) works for whoever is billed:
         * its time is charged to the last billable process that ran. */
        if (!(flags & BILLABLE) && bill_ptr && bill_ptr != p && !is_free(bill_ptr))
            bill_ptr->p_sys_ticks++;
        /* Only preemptible processes lose the CPU when their quantum ends. */
        if ((flags & PREEMPTIBLE) && p->p_ticks_left > 0 && --p->p_ticks_left == 0)
            sched_yield_quantum(p);
    }
    if (jitter_on)
        jitter_tick(p);
    CHECK_TICK();               /* CHECK=1 only: slots, privs, poison (check.c) */
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *q = &proc_table[i];
        if (q->p_alarm_at && q->p_alarm_at <= uptime_ticks && !is_free(q)) {
            q->p_alarm_at = 0;
            notify_from_kernel(CLOCK, q);
        }
    }
}
