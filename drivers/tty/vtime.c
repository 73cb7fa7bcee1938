/* vtime.c: VTIME, the raw-mode read timer (POSIX; docs/tty.md).
 *
 * In raw mode (no ICANON) with c_cc[VTIME] = v > 0, in tenths of a second:
 *   VMIN 0: a read returns when one byte is there, or with 0 bytes when v
 *           tenths have passed since the read began;
 *   VMIN m: after the first byte the timer restarts at every byte; the read
 *           returns when m bytes are there or the timer runs out (then with
 *           what arrived, at least one byte).  Before the first byte it
 *           waits as long as it takes.
 * VTIME 0 is the plain VMIN behaviour (ldisc.c's ready()).
 *
 * The timer is the driver's one clock alarm (SYS_SETALARM), shared by all
 * its terminals: each pending read keeps its deadline in ticks (struct
 * tty_read), the terminals with a timer are remembered here, and the alarm
 * is always set for the earliest deadline among them; at the alarm every
 * one is looked at (an early alarm is set again for what is left).  When it
 * runs out, `expired` tells ready() to hand over what is there. */
#include "tty.h"

static uint32_t ticks_per_tenth = 10;         /* at 100 Hz */
static struct tty *timed[VTIME_TTYS];         /* terminals that had a timer */

static void remember(struct tty *t)
{
    int free_slot = -1;
    for (int i = 0; i < VTIME_TTYS; i++) {
        if (timed[i] == t)
            return;
        if (!timed[i] && free_slot < 0)
            free_slot = i;
    }
    if (free_slot >= 0)
        timed[free_slot] = t;
}

/* The alarm for the earliest running timer (none running: left alone; a
 * stray alarm finds nothing due). */
static void rearm(void)
{
    uint32_t now = sys_uptime(), best = 0;
    for (int i = 0; i < VTIME_TTYS; i++) {
        struct tty *t = timed[i];
        if (!t || !t->rd.active || !t->rd.timed || t->rd.expired)
            continue;
        int32_t left = (int32_t)(t->rd.deadline - now);
        uint32_t d = left > 0 ? (uint32_t)left : 1;
        if (!best || d < best)
            best = d;
    }
    if (best)
        sys_setalarm(best);
}

void vtime_init(uint32_t hz)
{
    ticks_per_tenth = hz >= 10 ? hz / 10 : 1;
}

/* (Re)start the pending read's timer when VTIME applies to it now: at the
 * read's start for VMIN 0, at every byte typed for VMIN > 0. */
void vtime_arm(struct tty *t)
{
    uint32_t v = t->tio.c_cc[LT_VTIME];

    if (!t->rd.active || (t->tio.c_lflag & LT_ICANON) || v == 0)
        return;
    if (t->tio.c_cc[LT_VMIN] > 0 && t->avail == 0)
        return;                                /* the first byte starts it */
    t->rd.timed = 1;
    t->rd.deadline = sys_uptime() + v * ticks_per_tenth;
    remember(t);
    rearm();
}

/* One terminal at the alarm: its pending read ends if its time is up. */
static void expire_one(struct tty *t)
{
    if (!t->rd.active || !t->rd.timed || (int32_t)(t->rd.deadline - sys_uptime()) > 0)
        return;                                /* not due (restarted meanwhile) */
    t->rd.expired = 1;
    ldisc_try_read(t);
}

void vtime_expire(struct tty *t)
{
    expire_one(t);
    rearm();
}

/* The driver's clock alarm: every terminal with a timer. */
void vtime_expire_all(void)
{
    for (int i = 0; i < VTIME_TTYS; i++)
        if (timed[i])
            expire_one(timed[i]);
    rearm();
}
