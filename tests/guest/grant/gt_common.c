/* gt_common.c: the helpers of gt.h. */
#include <string.h>
#include "gt.h"

int32_t gt_req(endpoint_t peer, int type, int32_t i1, int32_t i2, int32_t i3, int32_t i4,
               uint32_t p1, message *out)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    m.m_u.m1.i1 = i1;
    m.m_u.m1.i2 = i2;
    m.m_u.m1.i3 = i3;
    m.m_u.m1.i4 = i4;
    m.m_u.m1.p1 = p1;
    if ((r = ipc_sendrec(peer, &m)) != OK)
        return r;
    if (out)
        *out = m;
    return m.m_u.m1.i1;
}

void gt_sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

static int give_sys(endpoint_t ep, const int *kcalls)
{
    struct priv_info pi;
    memset(&pi, 0, sizeof(pi));
    pi.flags = SYS_PROC | PREEMPTIBLE | DYN_PRIV_ID;
    pi.trap_mask = IPC_ALL_OPS;
    memset(pi.ipc_to, 0xff, sizeof(pi.ipc_to));     /* the kernel cuts it down */
    for (int i = 0; kcalls[i] >= 0; i++)
        kcall_allow(&pi, kcalls[i]);
    return sys_privctl(ep, PRIV_SET_SYS, &pi);
}

endpoint_t gt_spawn(const char *program, uint32_t role, int user, const int *kcalls)
{
    endpoint_t ep;
    int r;
    if (!user && !kcalls)
        return sys_spawn(program, role, &ep) == OK ? ep : NONE;
    if (sys_spawn_args(program, NULL, role, &ep) != OK)
        return NONE;
    r = user ? sys_privctl(ep, PRIV_SET_USER, NULL) : give_sys(ep, kcalls);
    if (r == OK)
        r = sys_privctl(ep, PRIV_ALLOW, NULL);
    if (r != OK) {
        sys_kill(ep, 1);
        return NONE;
    }
    return ep;
}

void gt_fill(uint8_t *p, uint32_t n, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = gp_byte(seed, i);
}

int gt_check(const uint8_t *p, uint32_t n, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        if (p[i] != gp_byte(seed, i))
            return 0;
    return 1;
}
