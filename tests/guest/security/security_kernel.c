/* security_kernel: the `security/kernel` run (tests/suites.txt); sk.h says
 * what it checks.  The boot instance reports every result; spawned copies
 * play the children named by their spawn argument. */
#include <string.h>
#include "sk.h"

endpoint_t sk_spawn(int role)
{
    endpoint_t ep;
    return sys_spawn_args("security_kernel", NULL, (uint32_t)role, &ep) == OK ? ep : NONE;
}


int sk_priv_bit(const struct priv_info *pi, int id)
{
    return id >= 0 && id < NR_SYS_PRIVS && priv_map_test(pi->ipc_to, id);
}

int main(void)
{
    struct whoami_info me;
    sef_startup();                    /* RS's init (boot) or at once (spawned) */
    sys_whoami(&me);
    switch (me.spawn_arg) {
    case SK_ROLE_IDLE:
        return 0;
    case SK_ROLE_PROBE:
        sk_probe_role(me.parent);
        return 0;
    case SK_ROLE_RECEIVER:
        sk_receiver_role(me.parent);
        return 0;
    }
    ltest_plan(S, SK_TESTS);
    sk_privctl_tests();
    sk_senda_tests();
    sk_overflow_tests();
    ltest_finish();
}
