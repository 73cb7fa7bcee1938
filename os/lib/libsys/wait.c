/* wait.c: waiting for one message with a deadline (sys.h).
 *
 * Tests and services that wait for a peer must not wait for ever, nor sleep
 * a fixed time and hope: they receive until the message they want arrives
 * or CLOCK says the deadline passed.  Messages that are neither are dropped
 * (the caller owns its mailbox while it waits).  A CLOCK notification that
 * comes before the deadline is a stale alarm of an earlier wait: the alarm
 * is armed again for what is left. */
#include <sys.h>

uint32_t sys_uptime(void)
{
    uint32_t t = 0;
    sys_times(NULL, &t, NULL);
    return t;
}

int wait_message(endpoint_t from, int type, uint32_t ticks, message *m)
{
    uint32_t deadline = sys_uptime() + ticks;
    sys_setalarm(ticks);
    for (;;) {
        if (ipc_receive(ANY, m) != OK)
            continue;
        if (m->m_source == from && m->m_type == type) {
            sys_setalarm(0);
            return OK;
        }
        if (m->m_source != CLOCK || !IS_NOTIFY(m->m_type))
            continue;
        uint32_t now = sys_uptime();
        if ((int32_t)(deadline - now) <= 0)
            return ETIMEDOUT;
        sys_setalarm(deadline - now);
    }
}
