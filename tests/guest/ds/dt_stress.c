/* dt_stress.c: 10,000 entries published and deleted while two subscriber
 * processes (ds_sub1, ds_sub2) watch "st\.[0-9]+" (run ds/stress).
 * Publishing and deleting are two phases, each waited out, so every key
 * gives each subscriber exactly one PUBLISHED and one DELETED answer: a
 * lost or doubled notification shows in the counts.  In between, the entry
 * table is filled to its limit (ENOSPC, nothing else harmed).  Free memory
 * must be the same before and after.  DT_STRESS_N results. */
#include "dt.h"

#define N        10000
#define DEADLINE 6000                          /* ticks: 60 s */

static struct dstest_stats s1, s2;

static int both_saw(uint32_t pub, uint32_t del)
{
    return dt_stats("ds_sub1", &s1) == OK && dt_stats("ds_sub2", &s2) == OK &&
           s1.distinct >= pub && s2.distinct >= pub && s1.distinct_deleted >= del &&
           s2.distinct_deleted >= del;
}

static int publish_all(void)
{
    char key[DS_KEY_MAX];
    int bad = 0;
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof(key), "st.%d", i);
        bad += ds_publish_u32(key, (uint32_t)i, 0) != OK;
    }
    return bad;
}

static int delete_all(void)
{
    char key[DS_KEY_MAX];
    int bad = 0;
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof(key), "st.%d", i);
        bad += ds_delete_u32(key) != OK;
    }
    return bad;
}

/* Fill the table to its limit with keys no one watches. */
static void table_limit(void)
{
    char key[DS_KEY_MAX];
    int n = 0, r = OK;
    uint32_t a = 0, b = 0;
    while (n < DS_MAX_ENTRIES && (snprintf(key, sizeof(key), "fill.%d", n),
                                 r = ds_publish_u32(key, 1, 0)) == OK)
        n++;
    int ra = ds_retrieve_u32("st.0", &a), rb = ds_retrieve_u32("st.9999", &b);
    CHECK("entries_full", r == ENOSPC && n > 0 && n < DS_MAX_ENTRIES - N + 1 && ra == OK &&
          a == 0 && rb == OK && b == 9999, "%d more entries, then %d (want ENOSPC); st.0 %d %u, "
          "st.9999 %d %u", n, r, ra, a, rb, b);
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof(key), "fill.%d", i);
        ds_delete_u32(key);
    }
}

int dt_stress(void)
{
    uint32_t free0, free1, v;
    int r1 = dt_sub_subscribe("ds_sub1", "st\\.[0-9]+"), r2 = dt_sub_subscribe("ds_sub2", "st\\.[0-9]+");
    free0 = dt_free_kb();
    int bad = publish_all();
    int ok = WAIT_FOR(both_saw(N, 0), DEADLINE);
    CHECK("stress_publish", r1 == OK && r2 == OK && bad == 0, "subscribe %d %d, %d publishes failed",
          r1, r2, bad);
    CHECK("stress_published_seen", ok && s1.published == N && s2.published == N,
          "sub1 %u distinct, %u events; sub2 %u, %u (want %d each)", s1.distinct, s1.published,
          s2.distinct, s2.published, N);
    table_limit();
    bad = delete_all();
    ok = WAIT_FOR(both_saw(N, N), DEADLINE);
    CHECK("stress_delete", bad == 0, "%d deletes failed", bad);
    CHECK("stress_deleted_seen", ok && s1.deleted == N && s2.deleted == N,
          "sub1 %u distinct, %u events; sub2 %u, %u (want %d each)", s1.distinct_deleted,
          s1.deleted, s2.distinct_deleted, s2.deleted, N);
    CHECK("stress_no_errors", !s1.errors && !s2.errors && !s1.updated && !s2.updated,
          "check errors %u %u (last %d %d), updates %u %u", s1.errors, s2.errors,
          (int)s1.last_error, (int)s2.last_error, s1.updated, s2.updated);
    CHECK("stress_store_empty", ds_retrieve_u32("st.5000", &v) == ESRCH, "st.5000 still there");
    free1 = dt_free_kb();
    CHECK("stress_no_frame_leaked", free0 && free1 == free0, "free %u KiB before, %u after",
          free0, free1);
    return DT_STRESS_N;
}
