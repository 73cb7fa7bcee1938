/* dt_trace.c: a short DS scenario for the tracer's e2e check of the canned
 * query ds_activity (tests/host/tracer/e2e_ds.sh; run with trace=user,proc):
 * ds_test publishes, retrieves, subscribes and checks known keys, and makes
 * one refused request.  Reports DT_TRACE_N results itself too. */
#include "dt.h"

int dt_trace(void)
{
    uint32_t v = 0, how;
    char key[DS_KEY_MAX];
    int r1 = ds_publish_u32("trace.key", 5, 0), r2 = ds_retrieve_u32("trace.key", &v);
    int r3 = ds_subscribe("trace\\..*", 0), r4 = ds_publish_u32("trace.two", 6, 0);
    int r5 = ds_check(key, &how, NULL), r6 = ds_retrieve_u32("trace.none", &v);
    CHECK("trace_scenario", r1 == OK && r2 == OK && r3 == OK && r4 == OK && r5 == OK &&
          !strcmp(key, "trace.two") && r6 == ESRCH, "%d %d %d %d %d \"%s\" %d", r1, r2, r3, r4,
          r5, key, r6);
    return DT_TRACE_N;
}
