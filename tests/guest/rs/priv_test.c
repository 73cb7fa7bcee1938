/* priv_test: the priv suite.  Image: rs pm init priv_test priv_limited.
 * priv_test has every kernel call but SYS_PANIC (servers/rs/table.c);
 * priv_limited may talk to RS and PM only and has the basic calls. */
#include <string.h>
#include "common.h"

#define S "priv"
#define NSLOTS (NR_TASKS + NR_PROCS)

static struct proc_info tab[NSLOTS];
static struct priv_info pinfo[NSLOTS];

static int bit(const uint32_t *map, int id) { return id >= 0 && priv_map_test(map, id); }

static void test_boot_privileges(void)
{
    struct priv_info rs, pm, init, me;
    int r = sys_getpriv(RS_ENDPOINT, &rs) | sys_getpriv(PM_ENDPOINT, &pm) |
            sys_getpriv(INIT_ENDPOINT, &init) | sys_getpriv(SELF, &me);
    LT_CHECK(S, "priv_ids", r == OK && rs.id == RS_PRIV_ID && (rs.flags & ROOT_SYS_PROC) &&
             pm.id >= FIRST_DYN_PRIV_ID && (pm.flags & SYS_PROC) && !(pm.flags & ROOT_SYS_PROC) &&
             init.id == USER_PRIV_ID && me.id >= FIRST_DYN_PRIV_ID,
             "rs %d/%#x pm %d/%#x init %d me %d", rs.id, rs.flags, pm.id, pm.flags, init.id, me.id);
}

/* Every send bit between two live processes is matched by the reverse bit,
 * and no bit names a priv slot nobody owns. */
static void test_masks(void)
{
    int n = sys_proctab(tab, NSLOTS), asym = 0, dangling = 0;
    uint32_t owned[PRIV_MAP_WORDS] = { 0 };

    for (int i = 0; i < n; i++) {
        pinfo[i].id = -1;
        if (!(tab[i].flags & PI_TASK) && sys_getpriv(tab[i].endpoint, &pinfo[i]) == OK &&
            pinfo[i].id >= 0)
            priv_map_set(owned, pinfo[i].id);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (pinfo[i].id < 0 || pinfo[j].id < 0 || pinfo[i].id == pinfo[j].id)
                continue;
            asym += bit(pinfo[i].ipc_to, pinfo[j].id) != bit(pinfo[j].ipc_to, pinfo[i].id);
        }
    for (int i = 0; i < n; i++)
        for (int id = 0; id < NR_SYS_PRIVS && pinfo[i].id >= 0; id++)
            dangling += bit(pinfo[i].ipc_to, id) && !bit(owned, id);
    LT_CHECK(S, "masks_symmetric", asym == 0, "%d one-way send rights", asym);
    LT_CHECK(S, "masks_no_free_slots", dangling == 0, "%d bits name free priv slots", dangling);
}

static void test_denied(void)
{
    message m;
    endpoint_t lim = sys_find_proc("priv_limited");
    memset(&m, 0, sizeof(m));
    int r_call = kernel_call(SYS_PANIC, &m);
    int r_ipc = lim == NONE ? -1 : ipc_notify(lim);
    int r_user = ipc_notify(INIT_ENDPOINT);
    LT_CHECK(S, "kernel_call_denied", r_call == ECALLDENIED, "SYS_PANIC gave %d", r_call);
    LT_CHECK(S, "ipc_denied", r_ipc == ECALLDENIED && r_user == ECALLDENIED,
             "notify priv_limited %d, notify init %d", r_ipc, r_user);
}

/* A child of a system process is born without privileges; only its parent
 * (or RS) may set them, only while it cannot run, and never above the
 * parent's own. */
static void test_child(void)
{
    struct priv_info want, got;
    struct proc_info pi;
    endpoint_t child;
    int r_sp = sys_spawn_args("priv_limited", "child", 2, &child), noprv = 0;

    int n = sys_proctab(tab, NSLOTS);
    for (int i = 0; i < n; i++)
        if (tab[i].endpoint == child)
            pi = tab[i], noprv = (pi.flags & PI_NOPRIV) != 0;
    int r_allow_early = sys_privctl(child, PRIV_ALLOW, NULL);
    int r_pm = sys_privctl(PM_ENDPOINT, PRIV_DISALLOW, NULL);
    int r_badrq = sys_privctl(child, 99, NULL);
    int r_badep = sys_privctl(12345, PRIV_ALLOW, NULL);
    memset(&want, 0, sizeof(want));
    want.flags = SYS_PROC | DYN_PRIV_ID | CHECK_IO_PORT;
    want.nr_io = NR_IO_RANGE + 1;
    int r_badio = sys_privctl(child, PRIV_SET_SYS, &want);
    LT_CHECK(S, "child_born_without_priv", r_sp == OK && noprv && r_allow_early == EPERM,
             "spawn %d, NOPRIV %d, early allow %d", r_sp, noprv, r_allow_early);
    LT_CHECK(S, "privctl_errors", r_pm == EPERM && r_badrq == EINVAL && r_badep == EINVAL &&
             r_badio == EINVAL, "other's process %d, bad request %d, bad endpoint %d, io %d",
             r_pm, r_badrq, r_badep, r_badio);

    memset(&want, 0, sizeof(want));
    want.flags = SYS_PROC | DYN_PRIV_ID | ROOT_SYS_PROC;
    want.trap_mask = IPC_ALL_OPS;
    memset(want.kcall_mask, 0xff, sizeof(want.kcall_mask));
    memset(want.ipc_to, 0xff, sizeof(want.ipc_to));
    int r_set = sys_privctl(child, PRIV_SET_SYS, &want);
    sys_getpriv(child, &got);
    int panic_bit = (got.kcall_mask[(SYS_PANIC - KCALL_BASE) >> 5] >> ((SYS_PANIC - KCALL_BASE) & 31)) & 1;
    LT_CHECK(S, "child_capped_by_parent", r_set == OK && !panic_bit && !(got.flags & ROOT_SYS_PROC),
             "set %d, SYS_PANIC allowed %d, flags %#x", r_set, panic_bit, got.flags);
    int r_user = sys_privctl(child, PRIV_SET_USER, NULL);   /* replaces the sys priv */
    int r_run = sys_privctl(child, PRIV_ALLOW, NULL);
    int r_again = sys_privctl(child, PRIV_SET_SYS, NULL);   /* running: no more changes */
    struct pm_child c;
    int r_wait = pm_wait(0, &c);
    int ran = r_wait == OK && c.endpoint == child && c.status >= 0 && c.status <= 3;
    LT_CHECK(S, "user_child_runs", r_user == OK && r_run == OK && r_again == EPERM && ran,
             "set user %d allow %d set again %d wait %d status %d", r_user, r_run, r_again,
             r_wait, c.status);
    /* The child's own checks (priv_limited.c), from its exit status. */
    LT_CHECK(S, "user_kernel_calls", ran && !(c.status & 0x1),
             "spawn, privctl, shutdown or testresult not denied (exit status %d; see the console)",
             c.status);
    LT_CHECK(S, "user_ipc", ran && !(c.status & 0x2),
             "send, sendrec to the parent, RS or PM not as expected (exit status %d; see the "
             "console)", c.status);
}

int main(void)
{
    struct rs_status st;
    sef_startup();
    ltest_plan(S, 11);
    test_boot_privileges();
    test_masks();
    test_denied();
    test_child();
    /* priv_limited reports its own checks; wait until it is done. */
    wait_status("priv_limited", RS_DOWN_FLAG, RS_DOWN_FLAG, 500, &st);
    ltest_finish();
}
