/* alarm.c: alarm() for every process (PM_ALARM, docs/signals.md).
 *
 * PM keeps each process's deadline (mproc.alarm_at, an uptime tick) and
 * one kernel alarm of its own (SYS_SETALARM) for the earliest; CLOCK's
 * notification (main.c) posts SIGALRM to every process whose deadline has
 * come and sets the alarm for the next one.  The same alarm serves vfs.c:
 * while VFS is too busy to take an exit, the next tick retries
 * (vfs_wants_tick), so the alarm is the earlier of the two.  A tick counter of 2^32 ticks
 * does not wrap in any test's lifetime; deadlines compare as differences. */
#include <lantern/pm.h>
#include "tree.h"

static uint32_t hz;

static uint32_t ticks_per_second(void)
{
    struct kinfo k;
    if (!hz)
        hz = sys_kinfo(&k) == OK && k.hz ? k.hz : 100;
    return hz;
}

static void rearm(uint32_t now)
{
    uint32_t next = vfs_wants_tick() ? 1 : 0;
    for (int i = 0; i < NR_PM_PROCS; i++) {
        struct mproc *p = &mproc[i];
        if (!p->used || p->zombie || !p->alarm_at)
            continue;
        uint32_t left = (int32_t)(p->alarm_at - now) > 0 ? p->alarm_at - now : 1;
        if (!next || left < next)
            next = left;
    }
    sys_setalarm(next);                 /* 0: none left, cancel */
}

int do_alarm(struct mproc *p, const message *m, message *reply)
{
    uint32_t now = sys_uptime(), secs = (uint32_t)m->m_u.m1.i1, left = 0;

    if (m->m_u.m1.i1 < 0 || secs > 0x7fffffffu / ticks_per_second())
        return EINVAL;
    if (p->alarm_at) {
        int32_t d = (int32_t)(p->alarm_at - now);
        left = d > 0 ? ((uint32_t)d + hz - 1) / hz : 1;   /* rounded up: never 0 */
    }
    p->alarm_at = secs ? now + secs * hz : 0;
    if (p->alarm_at == 0 && secs)
        p->alarm_at = 1;
    reply->m_u.m1.i1 = (int32_t)left;
    rearm(now);
    return OK;
}

void alarm_expired(void)
{
    uint32_t now = sys_uptime();
    for (int i = 0; i < NR_PM_PROCS; i++) {
        struct mproc *p = &mproc[i];
        if (!p->used || p->zombie || !p->alarm_at || (int32_t)(p->alarm_at - now) > 0)
            continue;
        p->alarm_at = 0;
        sig_post(p, LT_SIGALRM);
    }
    rearm(sys_uptime());
}

/* vfs.c: the retry tick has become wanted or not */
void pm_timer_rearm(void)
{
    rearm(sys_uptime());
}

void alarm_drop(struct mproc *p)
{
    p->alarm_at = 0;
}
