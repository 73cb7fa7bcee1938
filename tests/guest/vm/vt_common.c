/* vt_common.c: the helpers of vt.h. */
#include "vt.h"

uint32_t vt_free(void)
{
    uint32_t info[VM_INFO_WORDS];
    return vm_info(info) == OK ? info[VM_INFO_FREE] : 0;
}

/* Poll interval: one clock tick, inside the VT_DEADLINE loop. */
void vt_sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

int vt_no_leak(uint32_t want, uint32_t *got)
{
    for (uint32_t t = 0; t < VT_DEADLINE; t++) {
        if ((*got = vt_free()) == want)
            return 1;
        vt_sleep_tick();
    }
    return 0;
}

endpoint_t vt_spawn_user(const char *role)
{
    endpoint_t ep;
    if (sys_spawn_args("vm_test", role, 0, &ep) != OK)
        return NONE;
    if (sys_privctl(ep, PRIV_SET_USER, NULL) != OK || sys_privctl(ep, PRIV_ALLOW, NULL) != OK) {
        sys_kill(ep, 1);
        return NONE;
    }
    return ep;
}

int vt_wait_child(endpoint_t ep, int *status)
{
    struct pm_child c;
    for (uint32_t t = 0; t < VT_DEADLINE; t++) {
        int r = pm_wait(WNOHANG, &c);
        if (r == OK && c.endpoint == ep) {
            *status = c.status;
            return OK;
        }
        if (r == EAGAIN)
            vt_sleep_tick();
    }
    return ETIMEDOUT;
}

uint32_t vt_window(void)
{
    return (uint32_t)&vt_window & ~(VM_WINDOW - 1);
}
