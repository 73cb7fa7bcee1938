/* dt_restart.c: state that survives crashes (run ds/restart).
 *  - seqd, a real service, keeps its counter in DS: killed three times
 *    (RS_REFRESH) while a client (a child of this program) asks it for
 *    numbers without a pause, it must go on without repeating a number, the
 *    client must see every restart and no failure, and seqd's label in DS
 *    must follow its new endpoint;
 *  - DS itself is killed (RS_REFRESH) with entries of every type, a private one, labels
 *    and subscriptions (one with a change not yet checked) in its store:
 *    the restarted DS must have every one of them;
 *  - a label changed while DS was down is right when DS comes back.
 * DT_RESTART_N results. */
#include "dt.h"

/* RS_REFRESH: RS kills the service (SYS_EXIT on it, as for a crash) and
 * starts it again at once with SEF_INIT_RESTART.  Only RS and a parent
 * may kill a process, so the test asks RS (it is an admin). */
static int kill_and_restart(const char *label)
{
    return rs_refresh(label);
}

/* The client: a child of this program, a user process (seqd admits users,
 * also after a restart, when RS writes its IPC list anew: a system child
 * would not be on it), asking seqd for numbers without a pause until RS
 * has restarted seqd RESTARTS times since the client began (it asks RS
 * every 64 requests) and 10 more numbers came after that, or its deadline
 * passes.  Then it reports to its parent: m1.i1 requests, i2 failures, i3
 * numbers not above the one before, i4 endpoint changes it saw, p1 the
 * last number, p2 the restarts RS counted meanwhile. */
#define RESTARTS 3
#define CLIENT_TICKS 1000                     /* 10 s */

static uint32_t seqd_restarts(void)
{
    struct rs_status st;
    return rs_status("seqd", &st) == OK ? st.restarts : 0;
}

void dt_seq_client(void)
{
    struct whoami_info me;
    endpoint_t ep = NONE, prev = NONE;
    uint32_t last = 0, n = 0, fails = 0, bad = 0, changes = 0, after = 0;
    uint32_t end = sys_uptime() + CLIENT_TICKS, base = seqd_restarts(), seen = base;
    message m;

    sys_whoami(&me);
    while (after < 10 && sys_uptime() < end && fails < 100) {
        if (++n % 64 == 0 && seen < base + RESTARTS)
            seen = seqd_restarts();
        after += seen >= base + RESTARTS;
        memset(&m, 0, sizeof(m));
        m.m_type = SEQ_NEXT;
        if (ds_sendrec_label("seqd", &ep, &m, 300) != OK || m.m_type != OK) {
            fails++;
            continue;
        }
        changes += prev != NONE && ep != prev;
        prev = ep;
        bad += (uint32_t)m.m_u.m1.i1 <= last;
        last = (uint32_t)m.m_u.m1.i1;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = DSTEST_STATS;
    m.m_u.m1.i1 = (int32_t)n;
    m.m_u.m1.i2 = (int32_t)fails;
    m.m_u.m1.i3 = (int32_t)bad;
    m.m_u.m1.i4 = (int32_t)changes;
    m.m_u.m1.p1 = last;
    m.m_u.m1.p2 = seen - base;
    ipc_sendrec(me.parent, &m);
    sys_exit(0);
}

/* seqd killed (RS_REFRESH) RESTARTS times while the client works. */
static void seqd(void)
{
    endpoint_t client = NONE, first = NONE, now = NONE, rs_ep = NONE;
    struct rs_status stt;
    message m;
    int refreshed = 0, got = 0;

    ds_retrieve_label_endpt("seqd", &first);
    memset(&m, 0, sizeof(m));
    if (sys_spawn_args("ds_test", NULL, DT_SEQ_CLIENT, &client) == OK &&
        sys_privctl(client, PRIV_SET_USER, NULL) == OK && sys_privctl(client, PRIV_ALLOW, NULL) == OK) {
        for (int i = 0; i < RESTARTS; i++) {
            for (int t = 0; t < 5; t++)
                dt_tick();                      /* let the client work in between */
            refreshed += kill_and_restart("seqd") == OK;
        }
        got = ipc_receive(client, &m) == OK;
        if (got)
            ipc_sendnb(client, &m);
    }
    CHECK("seqd_state_survives", got && refreshed == RESTARTS && m.m_u.m1.i2 == 0 &&
          m.m_u.m1.i3 == 0 && m.m_u.m1.i4 >= 1 && m.m_u.m1.p2 >= RESTARTS,
          "client %d, refreshes %d: %d requests, %d failed, %d not increasing, endpoint changes "
          "seen %d, restarts during the run %u, last number %u", got, refreshed, m.m_u.m1.i1,
          m.m_u.m1.i2, m.m_u.m1.i3, m.m_u.m1.i4, m.m_u.m1.p2, m.m_u.m1.p1);
    int r = rs_status("seqd", &stt);
    CHECK("seqd_restarted", r == OK && stt.restarts >= RESTARTS, "status %d, restarts %u (want %d)",
          r, stt.restarts, RESTARTS);
    ds_retrieve_label_endpt("seqd", &now);
    rs_lookup("seqd", &rs_ep);
    CHECK("label_follows_restart", now == rs_ep && now != first,
          "DS says %d, RS %d, the first was %d", now, rs_ep, first);
}

#define NKEEP 300

static void fill(void)
{
    char key[DS_KEY_MAX], s[32];
    static uint8_t blk[1024];
    for (int i = 0; i < NKEEP; i++) {
        snprintf(key, sizeof(key), "keep.u.%d", i);
        ds_publish_u32(key, (uint32_t)i * 3, 0);
    }
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof(key), "keep.s.%d", i);
        snprintf(s, sizeof(s), "string %d", i);
        ds_publish_str(key, s, 0);
    }
    for (int i = 0; i < 10; i++) {
        memset(blk, i + 1, sizeof(blk));
        snprintf(key, sizeof(key), "keep.m.%d", i);
        ds_publish_mem(key, blk, sizeof(blk) - (size_t)i, 0);
    }
    ds_publish_u32("keep.priv", 5, DSF_PRIVATE);
    ds_subscribe("keep\\.(pend|late)", 0);
    ds_publish_u32("keep.pend", 1, 0);           /* not checked before the crash */
}

static int entries_ok(void)
{
    char key[DS_KEY_MAX], s[32], want[32];
    static uint8_t blk[1024];
    uint32_t v, bad = 0;
    for (int i = 0; i < NKEEP; i++) {
        snprintf(key, sizeof(key), "keep.u.%d", i);
        bad += ds_retrieve_u32(key, &v) != OK || v != (uint32_t)i * 3;
    }
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof(key), "keep.s.%d", i);
        snprintf(want, sizeof(want), "string %d", i);
        bad += ds_retrieve_str(key, s, sizeof(s)) != OK || strcmp(s, want);
    }
    for (int i = 0; i < 10; i++) {
        size_t len = sizeof(blk);
        snprintf(key, sizeof(key), "keep.m.%d", i);
        bad += ds_retrieve_mem(key, blk, &len, NULL) != OK || len != sizeof(blk) - (size_t)i ||
               blk[0] != i + 1 || blk[len - 1] != i + 1;
    }
    return (int)bad;
}

static void ds_itself(void)
{
    struct rs_status before, after;
    endpoint_t old = ds_endpoint(), now = NONE, lab = NONE;
    uint32_t v = 0;
    fill();
    rs_status("ds", &before);
    int killed = kill_and_restart("ds");
    int up = WAIT_FOR(rs_status("ds", &after) == OK && after.restarts > before.restarts &&
                      !(after.flags & RS_INITIALIZING), 500);
    rs_lookup("ds", &now);
    CHECK("ds_restarted", killed == OK && up && now != old && now != NONE,
          "refresh %d, restarted %d: endpoint %d -> %d", killed, up, old, now);
    int bad = entries_ok(), rp = ds_retrieve_u32("keep.priv", &v);
    CHECK("ds_entries_survive", bad == 0 && rp == OK && v == 5,
          "%d of %d entries wrong; private (ours) %d %u", bad, NKEEP + 31, rp, v);
    endpoint_t pm = NONE;
    int r1 = ds_retrieve_label_endpt("ds", &lab), r2 = ds_retrieve_label_endpt("pm", &pm);
    CHECK("ds_labels_survive", r1 == OK && lab == now && r2 == OK && pm == PM_ENDPOINT,
          "ds -> %d (%d, want %d), pm %d -> %d", lab, r1, now, r2, pm);
    char key[DS_KEY_MAX] = "";
    uint32_t how;
    int c1 = ds_check(key, &how, NULL);
    char k1[DS_KEY_MAX];
    strcpy(k1, key);
    ds_publish_u32("keep.late", 2, 0);
    int c2 = ds_check(key, &how, NULL);
    CHECK("ds_subscriptions_survive", c1 == OK && !strcmp(k1, "keep.pend") && c2 == OK &&
          !strcmp(key, "keep.late"), "pending from before: %d \"%s\"; new: %d \"%s\"", c1, k1, c2, key);
}

/* DS stopped (RS_DOWN), ds_sub1 restarted meanwhile (RS cannot tell DS),
 * DS started again (RS_RESTART): its label for ds_sub1 must be the new
 * endpoint (DS rereads RS's public table; RS resends labels after DS's
 * init), and its store must still be there. */
static void label_while_down(void)
{
    endpoint_t old = NONE, now = NONE, rs_ep = NONE;
    uint32_t v = 0;
    ds_retrieve_label_endpt("ds_sub1", &old);
    int r1 = rs_down("ds"), r2 = rs_refresh("ds_sub1"), r3 = rs_restart("ds");
    int r4 = ds_retrieve_label_endpt("ds_sub1", &now), r5 = rs_lookup("ds_sub1", &rs_ep);
    int r6 = ds_retrieve_u32("keep.u.7", &v);
    CHECK("label_repaired_after_ds_down", r1 == OK && r2 == OK && r3 == OK && r4 == OK &&
          r5 == OK && now == rs_ep && now != old && r6 == OK && v == 21,
          "down %d, refresh ds_sub1 %d, restart %d; ds_sub1: DS %d -> %d (%d), RS %d, was %d; "
          "keep.u.7 %d %u", r1, r2, r3, r4, now, r4, rs_ep, old, r6, v);
}

int dt_restart(void)
{
    seqd();
    ds_itself();
    label_while_down();
    return DT_RESTART_N;
}
