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
 * The timer is the driver's one clock alarm (SYS_SETALARM); the pending
 * read keeps its deadline in ticks (struct tty_read), and an alarm that
 * comes early (a restarted timer) is set again for what is left.  When it
 * runs out, `expired` tells ready() to hand over what is there. */
#include "tty.h"

static uint32_t ticks_per_tenth = 10;         /* at 100 Hz */

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
    sys_setalarm(v * ticks_per_tenth);
}

/* The clock alarm: the pending read ends if its time is up. */
void vtime_expire(struct tty *t)
{
    if (!t->rd.active || !t->rd.timed)
        return;
    int32_t left = (int32_t)(t->rd.deadline - sys_uptime());
    if (left > 0) {
        sys_setalarm((uint32_t)left);          /* restarted meanwhile */
        return;
    }
    t->rd.expired = 1;
    ldisc_try_read(t);
}
