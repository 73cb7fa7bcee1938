/* common.c: see common.h. */
#include <string.h>
#include "common.h"

void sleep_ticks(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks ? ticks : 1);
    ipc_receive(CLOCK, &m);
}

uint32_t ticks_now(void)
{
    uint64_t tsc;
    uint32_t t = 0;
    sys_times(&tsc, &t, NULL);
    return t;
}

int crashd_echo(const char *label, endpoint_t *ep, message *reply)
{
    memset(reply, 0, sizeof(*reply));
    reply->m_type = CD_ECHO;
    int r = rs_sendrec_label(label, ep, reply, 2000);
    return r != OK ? r : reply->m_type;
}

int crashd_poke(const char *label, int type)
{
    endpoint_t ep;
    message m;
    int r = rs_lookup(label, &ep);
    if (r != OK)
        return r;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    return ipc_send(ep, &m);
}

int wait_status(const char *label, uint32_t mask, uint32_t want, uint32_t timeout_ticks,
                struct rs_status *st)
{
    uint32_t start = ticks_now();
    int r;
    for (;;) {
        if ((r = rs_status(label, st)) != OK)
            return r;
        if ((st->flags & mask) == want)
            return OK;
        if (ticks_now() - start > timeout_ticks)
            return ETIMEDOUT;
        sleep_ticks(2);             /* poll interval; the deadline is timeout_ticks */
    }
}

int run_user(const char *program, const char *args, int *status)
{
    struct pm_child c;
    endpoint_t ep;
    int r;

    if ((r = sys_spawn_args(program, args, 0, &ep)) != OK ||
        (r = sys_privctl(ep, PRIV_SET_USER, NULL)) != OK ||
        (r = sys_privctl(ep, PRIV_ALLOW, NULL)) != OK)
        return r;
    do {
        r = pm_wait(0, &c);
    } while (r == OK && c.endpoint != ep);
    if (r == OK)
        *status = c.status;
    return r;
}
