/* dt_user.c: what a user process may do with DS.  This program spawns a
 * copy of itself as a user process (spawn argument DT_PROBE); the copy
 * makes each call and sends the answers back by IPC (a user process cannot
 * report results).  Then: a subscriber that died is dropped when DS next
 * tries to notify it.  DT_USER_N results. */
#include "dt.h"

enum { U_PUBLISH, U_READ, U_PRIVATE, U_SUBS_OK, U_SUBS_MORE, U_DELETE, U_LABEL, U_LABEL_UPDATE, U_N };

void dt_user_probe(void)
{
    struct whoami_info me;
    message m;
    uint32_t v = 0;
    endpoint_t pm = NONE;
    char pat[16];
    int32_t *r = m.m_u.m_i32;

    memset(&m, 0, sizeof(m));
    sys_whoami(&me);
    r[U_PUBLISH] = ds_publish_u32("user.x", 1, 0);
    r[U_READ] = ds_retrieve_u32("pub.x", &v) == OK && v == 77 ? OK : EGENERIC;
    r[U_PRIVATE] = ds_retrieve_u32("priv.x", &v);
    for (int i = 0; i < DS_USER_SUBS; i++) {
        snprintf(pat, sizeof(pat), "usub\\.%d", i);
        r[U_SUBS_OK] += ds_subscribe(pat, 0) == OK;
    }
    r[U_SUBS_MORE] = ds_subscribe("usub\\.more", 0);
    r[U_DELETE] = ds_delete_u32("pub.x");
    r[U_LABEL] = ds_retrieve_label_endpt("pm", &pm) == OK && pm == PM_ENDPOINT ? OK : EGENERIC;
    r[U_LABEL_UPDATE] = dt_raw(DS_LABEL_UPDATE, DSF_TYPE_LABEL, "pm", 1234, 0);
    m.m_type = DSTEST_STATS;                    /* any type: the parent only reads it */
    ipc_sendrec(me.parent, &m);
    sys_exit(0);
}

/* Subscriptions this program can still make: the free slots. */
static int free_slots(void)
{
    char pat[16];
    int n = 0;
    while (n <= DS_MAX_SUBS && (snprintf(pat, sizeof(pat), "free%d", n), ds_subscribe(pat, 0)) == OK)
        n++;
    for (int i = 0; i < n; i++) {
        snprintf(pat, sizeof(pat), "free%d", i);
        ds_unsubscribe(pat);
    }
    return n;
}

int dt_user(void)
{
    endpoint_t ep;
    message m;
    struct pm_child c;
    int got = 0, before = free_slots();

    ds_publish_u32("pub.x", 77, 0);
    ds_publish_u32("priv.x", 78, DSF_PRIVATE);
    memset(&m, 0, sizeof(m));
    if (sys_spawn_args("ds_test", NULL, DT_PROBE, &ep) == OK &&
        sys_privctl(ep, PRIV_SET_USER, NULL) == OK && sys_privctl(ep, PRIV_ALLOW, NULL) == OK &&
        ipc_receive(ep, &m) == OK) {
        got = 1;
        ipc_sendnb(ep, &m);
        while (pm_wait(0, &c) == OK && c.endpoint != ep)
            ;
    }
    int32_t *r = m.m_u.m_i32;
    CHECK("user_publish", got && r[U_PUBLISH] == EPERM, "ran %d: %d (want EPERM)", got, r[U_PUBLISH]);
    CHECK("user_retrieve", got && r[U_READ] == OK && r[U_PRIVATE] == EPERM && r[U_LABEL] == OK,
          "public %d, private %d (want EPERM), label %d", r[U_READ], r[U_PRIVATE], r[U_LABEL]);
    CHECK("user_subscribe", got && r[U_SUBS_OK] == DS_USER_SUBS && r[U_SUBS_MORE] == ENOSPC,
          "%d of %d, one more %d (want ENOSPC)", r[U_SUBS_OK], DS_USER_SUBS, r[U_SUBS_MORE]);
    CHECK("user_delete", got && r[U_DELETE] == EPERM, "%d (want EPERM)", r[U_DELETE]);
    CHECK("user_label_update", got && r[U_LABEL_UPDATE] == EPERM, "%d (want EPERM)",
          r[U_LABEL_UPDATE]);
    for (int i = 0; i < DS_USER_SUBS; i++) {   /* DS notifies the dead subscriber: dropped */
        char key[16];
        snprintf(key, sizeof(key), "usub.%d", i);
        ds_publish_u32(key, 1, 0);
        ds_delete_u32(key);
    }
    int after = free_slots();
    CHECK("dead_subscriber_dropped", got && after == before,
          "free subscription slots before %d, after the user's death %d", before, after);
    uint32_t v = 0;
    int r1 = ds_retrieve_u32("pub.x", &v);
    CHECK("user_changed_nothing", r1 == OK && v == 77 && ds_retrieve_u32("user.x", &v) == ESRCH,
          "pub.x %d %u", r1, v);
    ds_delete_u32("pub.x");
    ds_delete_u32("priv.x");
    return DT_USER_N;
}
