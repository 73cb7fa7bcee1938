/* lab1_time.c: guest time for lab1_test's deadlines.
 *
 * Every wait in Lab 1's tests is a poll with a deadline in clock ticks of
 * the guest, never a fixed sleep: under the grader's -icount the guest's
 * clock counts executed instructions, so a slow or loaded host makes the
 * guest slower but never makes a deadline expire early. */
#include "lab1.h"

uint32_t lab1_ticks(void)
{
    uint64_t tsc;
    uint32_t t = 0;
    sys_times(&tsc, &t, NULL);
    return t;
}

void lab1_sleep(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks ? ticks : 1);
    ipc_receive(CLOCK, &m);
}
