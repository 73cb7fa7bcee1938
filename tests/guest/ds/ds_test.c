/* ds_test: the ds suite (docs/ds.md, docs/testing.md).  One argument picks
 * the run:
 *   main     (default) the API groups of MINIX's test/ds, ownership and
 *            privacy, subscriptions, the bad-input matrix, a user process;
 *            image: rs pm ds init ds_test ds_sub1
 *   restart  seqd and DS killed and restarted; image adds seqd
 *   stress   10,000 entries, two subscribers; image: ... ds_sub1 ds_sub2
 *   trace    a short scenario for the tracer's ds_activity check
 * A copy spawned with DT_PROBE as its argument is the user-process probe
 * (dt_user.c), one with DT_SEQ_CLIENT seqd's client (dt_restart.c). */
#include "dt.h"

int main(int argc, char **argv)
{
    struct whoami_info me;
    const char *mode = argc > 1 ? argv[1] : "main";

    if (sys_whoami(&me) == OK && me.spawn_arg == DT_PROBE)
        dt_user_probe();
    if (me.spawn_arg == DT_SEQ_CLIENT)
        dt_seq_client();
    sef_startup();
    if (!strcmp(mode, "restart")) {
        ltest_plan(S, DT_RESTART_N);
        dt_restart();
    } else if (!strcmp(mode, "trace")) {
        ltest_plan(S, DT_TRACE_N);
        dt_trace();
    } else if (!strcmp(mode, "stress")) {
        ltest_plan(S, DT_STRESS_N);
        dt_stress();
    } else {
        ltest_plan(S, DT_API_N + DT_MAP_N + DT_OWNER_N + DT_SUBS_N + DT_BAD_N + DT_USER_N);
        dt_api();
        dt_map();
        dt_owner();
        dt_subs();
        dt_bad();
        dt_user();
        dt_map_exit();
    }
    ltest_finish();
}
