/* priv_limited: the other half of the priv suite.
 *
 * As a boot service (RS gives it: IPC to RS and PM only, basic kernel calls)
 * it checks what it may not do, then exits.  Spawned by priv_test with the
 * argument "child" and made a user process, it checks what a user may not
 * do: user processes may only SENDREC and RECEIVE, only to services that
 * admit users, and make no kernel call that acts on others or reports test
 * results; it tells priv_test through its exit status. */
#include <stdio.h>
#include <string.h>
#include "common.h"

#define S "priv"

static int call(int nr)
{
    message m;
    memset(&m, 0, sizeof(m));
    return kernel_call(nr, &m);
}

static void as_service(void)
{
    endpoint_t test = sys_find_proc("priv_test");
    int pid, ppid;
    endpoint_t parent;
    ltest_plan(S, 2);
    int r_spawn = call(SYS_SPAWN), r_priv = call(SYS_PRIVCTL), r_down = call(SYS_SHUTDOWN);
    LT_CHECK(S, "limited_kernel_calls", r_spawn == ECALLDENIED && r_priv == ECALLDENIED &&
             r_down == ECALLDENIED, "spawn %d privctl %d shutdown %d", r_spawn, r_priv, r_down);
    int r_test = ipc_notify(test), r_init = ipc_notify(INIT_ENDPOINT);
    int r_rs = rs_lookup("pm", NULL), r_pm = pm_getproc(SELF, &pid, &ppid, &parent, NULL);
    LT_CHECK(S, "limited_ipc", r_test == ECALLDENIED && r_init == ECALLDENIED && r_rs == OK &&
             r_pm == OK && parent == RS_ENDPOINT,
             "notify priv_test %d, notify init %d, RS %d, PM %d (parent %d)", r_test, r_init,
             r_rs, r_pm, parent);
}

/* A user process may not report test results (it lacks SYS_TESTRESULT), so
 * it hands its findings to priv_test in its exit status: bit 0 = the kernel
 * calls were not all denied, bit 1 = the IPC checks failed.  The details go
 * to the console. */
#define USER_BAD_KCALLS 0x1
#define USER_BAD_IPC    0x2

static int as_user(void)
{
    message m;
    int pid, ppid, bad = 0;
    endpoint_t parent, me_parent;
    struct whoami_info me;
    sys_whoami(&me);
    me_parent = me.parent;
    int r_spawn = call(SYS_SPAWN), r_priv = call(SYS_PRIVCTL), r_down = call(SYS_SHUTDOWN);
    int r_test = call(SYS_TESTRESULT);
    memset(&m, 0, sizeof(m));
    int r_send = ipc_send(RS_ENDPOINT, &m);
    int r_parent = ipc_sendrec(me_parent, &m);
    int r_rs = rs_lookup("pm", NULL), r_pm = pm_getproc(SELF, &pid, &ppid, &parent, NULL);
    if (!(r_spawn == ECALLDENIED && r_priv == ECALLDENIED && r_down == ECALLDENIED &&
          r_test == ECALLDENIED)) {
        printf("priv_limited (user): spawn %d privctl %d shutdown %d testresult %d\n", r_spawn,
               r_priv, r_down, r_test);
        bad |= USER_BAD_KCALLS;
    }
    if (!(r_send == ETRAPDENIED && r_parent == ECALLDENIED && r_rs == OK && r_pm == OK &&
          parent == me_parent)) {
        printf("priv_limited (user): send %d, sendrec to parent %d, RS %d, PM %d (parent %d, "
               "want %d)\n", r_send, r_parent, r_rs, r_pm, parent, me_parent);
        bad |= USER_BAD_IPC;
    }
    return bad;
}

int main(int argc, char **argv)
{
    sef_startup();
    if (argc > 1 && !strcmp(argv[1], "child"))
        return as_user();
    as_service();
    ltest_done();                   /* priv_test powers off, after we exit */
    return 0;
}
