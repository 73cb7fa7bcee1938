/* dt_subs.c: subscriptions and DS_CHECK.  A separate subscriber process
 * (ds_sub1) sees publish, update and delete of a key, as MINIX's "subs"
 * does; this program, subscribed itself, checks what DS_CHECK answers:
 * which key, which event, merged changes, the type filter, DSF_INITIAL,
 * anchoring at both ends, EEXIST and unsubscribe.  DT_SUBS_N results. */
#include "dt.h"

#define DEADLINE 500                           /* ticks: 5 s */

static struct dstest_stats st1;

static int sub1_has(uint32_t pub, uint32_t upd, uint32_t del)
{
    return dt_stats("ds_sub1", &st1) == OK && st1.published >= pub && st1.updated >= upd &&
           st1.deleted >= del;
}

static void other_process(void)
{
    int r = dt_sub_subscribe("ds_sub1", "sub\\.u32");
    ds_publish_u32("sub.u32", 1234, 0);
    int ok = WAIT_FOR(sub1_has(1, 0, 0), DEADLINE);
    CHECK("subs_publish_seen", r == OK && ok && st1.last_val == 1234 &&
          (st1.last_how & DS_EV_MASK) == DS_EV_PUBLISHED,
          "subscribe %d; seen %d: published %u value %u how %#x", r, ok, st1.published,
          st1.last_val, st1.last_how);
    ds_publish_u32("sub.u32", 4321, DSF_OVERWRITE);
    ok = WAIT_FOR(sub1_has(1, 1, 0), DEADLINE);
    CHECK("subs_update_seen", ok && st1.last_val == 4321 && (st1.last_how & DS_EV_MASK) == DS_EV_UPDATED,
          "seen %d: updated %u value %u how %#x", ok, st1.updated, st1.last_val, st1.last_how);
    ds_delete_u32("sub.u32");
    ok = WAIT_FOR(sub1_has(1, 1, 1), DEADLINE);
    CHECK("subs_delete_seen", ok && (st1.last_how & DS_EV_MASK) == DS_EV_DELETED && !st1.errors,
          "seen %d: deleted %u how %#x errors %u", ok, st1.deleted, st1.last_how, st1.errors);
}

/* Drain, then the next answer of DS_CHECK. */
static int check(char *key, uint32_t *how)
{
    return ds_check(key, how, NULL);
}

static void own_checks(void)
{
    char key[DS_KEY_MAX] = "";
    uint32_t how = 0;
    int r0 = ds_subscribe("chk\\.(a|b)", 0);
    ds_publish_u32("chk.b", 2, 0);
    ds_publish_u32("chk.a", 1, 0);
    ds_publish_u32("chk.c", 3, 0);
    int r1 = check(key, &how);
    char k1[DS_KEY_MAX];
    strcpy(k1, key);
    uint32_t h1 = how;
    int r2 = check(key, &how), r3 = check(key, &how);
    CHECK("check_which", r0 == OK && r1 == OK && r2 == OK && r3 == ENOENT &&
          (h1 & DS_EV_MASK) == DS_EV_PUBLISHED && (h1 & DSF_MASK_TYPE) == DSF_TYPE_U32,
          "subscribe %d; %d \"%s\" %#x, %d, then %d (want ENOENT: chk.c does not match)",
          r0, r1, k1, h1, r2, r3);
    ds_publish_u32("chk.a", 10, DSF_OVERWRITE);
    ds_publish_u32("chk.a", 11, DSF_OVERWRITE);
    r1 = check(key, &how);
    r2 = check(key, &how);
    CHECK("check_merged_update", r1 == OK && !strcmp(key, "chk.a") &&
          (how & DS_EV_MASK) == DS_EV_UPDATED && r2 == ENOENT,
          "two updates: %d \"%s\" %#x, then %d (want one UPDATED, then ENOENT)", r1, key, how, r2);
    ds_delete_u32("chk.b");
    r1 = check(key, &how);
    CHECK("check_deleted", r1 == OK && !strcmp(key, "chk.b") && (how & DS_EV_MASK) == DS_EV_DELETED,
          "%d \"%s\" %#x (want chk.b DELETED)", r1, key, how);
    ds_delete_u32("chk.a");
    ds_publish_u32("chk.a", 12, 0);
    r1 = check(key, &how);
    CHECK("check_delete_then_publish", r1 == OK && !strcmp(key, "chk.a") &&
          (how & DS_EV_MASK) == DS_EV_PUBLISHED && check(key, &how) == ENOENT,
          "%d \"%s\" %#x (want one PUBLISHED: the last change)", r1, key, how);
    ds_delete_u32("chk.a");
    ds_delete_u32("chk.c");
    ds_unsubscribe("chk\\.(a|b)");
}

static void flags_and_anchors(void)
{
    char key[DS_KEY_MAX] = "";
    uint32_t how;
    ds_publish_u32("init.x", 5, 0);
    int r0 = ds_subscribe("init\\..*", DSF_INITIAL), r1 = check(key, &how);
    CHECK("subs_initial", r0 == OK && r1 == OK && !strcmp(key, "init.x"), "%d %d \"%s\"", r0, r1, key);
    int r2 = ds_subscribe("init\\..*", 0), r3 = ds_subscribe("init\\..*", DSF_OVERWRITE);
    CHECK("subs_exists", r2 == EEXIST && r3 == OK, "again %d (want EEXIST), overwrite %d", r2, r3);
    ds_unsubscribe("init\\..*");
    ds_delete_u32("init.x");

    ds_subscribe("tf\\..*", DSF_TYPE_STR);
    ds_publish_u32("tf.a", 1, 0);
    ds_publish_str("tf.b", "b", 0);
    r1 = check(key, &how);
    r2 = check(key, &how);
    CHECK("subs_type_filter", r1 == OK && !strcmp(key, "tf.b") && r2 == ENOENT,
          "%d \"%s\" then %d (want only the STR)", r1, key, r2);
    ds_unsubscribe("tf\\..*");
    ds_delete_u32("tf.a");
    ds_delete_str("tf.b");

    ds_subscribe("ab|cd", 0);
    ds_publish_u32("xab", 1, 0);
    ds_publish_u32("abx", 1, 0);
    ds_publish_u32("cdx", 1, 0);
    r1 = check(key, &how);
    ds_publish_u32("cd", 1, 0);
    r2 = check(key, &how);
    CHECK("subs_anchored", r1 == ENOENT && r2 == OK && !strcmp(key, "cd"),
          "partial keys: %d (want ENOENT); whole key: %d \"%s\"", r1, r2, key);
    ds_unsubscribe("ab|cd");
    r3 = ds_unsubscribe("ab|cd");
    ds_delete_u32("xab");
    ds_delete_u32("abx");
    ds_delete_u32("cdx");
    ds_delete_u32("cd");
    CHECK("unsubscribe", r3 == ESRCH, "second unsubscribe %d (want ESRCH)", r3);
}

int dt_subs(void)
{
    other_process();
    own_checks();
    flags_and_anchors();
    return DT_SUBS_N;
}
