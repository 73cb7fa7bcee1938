/* ds_subs: the ds suite's subscriber service (boot programs ds_sub1 and
 * ds_sub2, the same code under two labels).  A separate process, as in
 * MINIX's test/ds "subs": on every notification from DS it calls ds_check
 * until ENOENT and counts what it was told, by event.  ds_test drives it:
 *   DSTEST_SUBSCRIBE  subscribe to a pattern, reset the counts;
 *   DSTEST_STATS      the counts (struct dstest_stats);
 *   DSTEST_AS         make one DS request under this label (ownership and
 *                     privacy tests need a second owner).
 * Only ds_test may ask (DS says who the caller is); anyone else: EPERM.
 * Keys "st.<n>" (the stress test) are also counted once each, so a lost or
 * doubled notification shows. */
#include <stdlib.h>
#include "dt.h"

#define STRESS_KEYS 10000

static struct dstest_stats stats;
static uint8_t seen_pub[STRESS_KEYS], seen_del[STRESS_KEYS];

static void count_stress(const char *key, uint32_t ev)
{
    long n;
    char *end;
    if (strncmp(key, "st.", 3))
        return;
    n = strtol(key + 3, &end, 10);
    if (*end || n < 0 || n >= STRESS_KEYS)
        return;
    if (ev == DS_EV_DELETED && !seen_del[n]++)
        stats.distinct_deleted++;
    if (ev != DS_EV_DELETED && !seen_pub[n]++)
        stats.distinct++;
}

static void drain(void)
{
    char key[DS_KEY_MAX];
    uint32_t how, val;
    int r;

    stats.notifies++;
    while ((r = ds_check(key, &how, &val)) == OK) {
        uint32_t ev = how & DS_EV_MASK;
        stats.published += ev == DS_EV_PUBLISHED;
        stats.updated += ev == DS_EV_UPDATED;
        stats.deleted += ev == DS_EV_DELETED;
        stats.last_val = val;
        stats.last_how = how;
        count_stress(key, ev);
    }
    if (r == ENOENT) {
        stats.checks_empty++;
    } else {
        stats.errors++;
        stats.last_error = (uint32_t)r;
    }
}

/* Only ds_test may drive a subscriber (its label, found in DS). */
static int from_ds_test(endpoint_t ep)
{
    char label[DS_KEY_MAX];
    return ds_retrieve_label_name(ep, label) == OK && !strcmp(label, "ds_test");
}

/* DSTEST_MAP: a MAP publisher that the test can make exit. */
static uint8_t map_page[4096] __attribute__((aligned(4096)));
static int exit_after_reply;

static int map_op(const message *m)
{
    switch (m->m_u.m_u32[0]) {
    case DSTEST_MAP_PUBLISH:
        *(volatile uint32_t *)map_page = m->m_u.m_u32[1];
        return ds_publish_map("sub_map", map_page, sizeof(map_page), 0);
    case DSTEST_MAP_SET:
        *(volatile uint32_t *)map_page = m->m_u.m_u32[1];
        return OK;
    case DSTEST_MAP_EXIT:
        exit_after_reply = 1;
        return OK;
    }
    return EINVAL;
}

static int handle(message *m)
{
    struct ds_req q;
    int r;
    if (!from_ds_test(m->m_source))
        return EPERM;
    switch (m->m_type) {
    case DSTEST_STATS:
        memset(&m->m_u, 0, sizeof(m->m_u));
        memcpy(m->m_u.m_u8, &stats, sizeof(stats));
        return OK;
    case DSTEST_SUBSCRIBE:
        m->m_u.m_str[DS_KEY_MAX - 1] = 0;
        memset(&stats, 0, sizeof(stats));
        memset(seen_pub, 0, sizeof(seen_pub));
        memset(seen_del, 0, sizeof(seen_del));
        return ds_subscribe(m->m_u.m_str, DSF_OVERWRITE);
    case DSTEST_MAP:
        return map_op(m);
    case DSTEST_AS:
        memcpy(&q, m->m_u.m_u8, sizeof(q));
        int type = (int)q.len;
        q.len = 0;
        r = ds_request(type, &q);
        memcpy(m->m_u.m_u8, &q, sizeof(q));
        return r;
    }
    return EBADREQUEST;
}

int main(void)
{
    message m;

    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            if (m.m_source != CLOCK)
                drain();                       /* DS (its endpoint may be new) */
            continue;
        }
        m.m_type = handle(&m);
        ipc_sendnb(m.m_source, &m);
        if (exit_after_reply)
            exit(1);                           /* a MAP publisher's death (dt_map.c) */
    }
}
