/* dt_owner.c: ownership and privacy, with ds_sub1 as the other owner
 * (DSTEST_AS makes a DS request under its label).  DT_OWNER_N results. */
#include "dt.h"

static int as_sub(int type, uint32_t flags, const char *key, uint32_t val, uint32_t *out)
{
    struct ds_req q;
    memset(&q, 0, sizeof(q));
    q.flags = flags;
    q.val = val;
    strcpy(q.key, key);
    int r = dt_as("ds_sub1", type, &q);
    if (out)
        *out = q.val;
    return r;
}

int dt_owner(void)
{
    uint32_t v = 0, mine = 0;
    int r0 = as_sub(DS_PUBLISH, DSF_TYPE_U32, "shared.x", 7, NULL);
    int r1 = ds_publish_u32("shared.x", 8, DSF_OVERWRITE), r2 = ds_delete_u32("shared.x");
    int r3 = ds_retrieve_u32("shared.x", &v);
    CHECK("not_owner", r0 == OK && r1 == EPERM && r2 == EPERM && r3 == OK && v == 7,
          "sub1 publishes %d; overwrite %d, delete %d (want EPERM); value %d %u (want 7)",
          r0, r1, r2, r3, v);
    r1 = as_sub(DS_PUBLISH, DSF_TYPE_U32 | DSF_OVERWRITE, "shared.x", 9, NULL);
    r2 = as_sub(DS_DELETE, DSF_TYPE_U32, "shared.x", 0, NULL);
    CHECK("owner_may", r1 == OK && r2 == OK, "owner overwrites %d, deletes %d", r1, r2);

    r0 = as_sub(DS_PUBLISH, DSF_TYPE_U32 | DSF_PRIVATE, "secret.x", 42, NULL);
    r1 = ds_retrieve_u32("secret.x", &v);
    r2 = as_sub(DS_RETRIEVE, DSF_TYPE_U32, "secret.x", 0, &mine);
    CHECK("private_read", r0 == OK && r1 == EPERM && r2 == OK && mine == 42,
          "publish %d; others read %d (want EPERM); owner reads %d -> %u", r0, r1, r2, mine);
    as_sub(DS_DELETE, DSF_TYPE_U32, "secret.x", 0, NULL);

    /* DSF_PRIV_SUBSCRIBE: only the owner hears of it. */
    char key[DS_KEY_MAX];
    uint32_t how;
    ds_subscribe("hidden\\..*", 0);
    while (ds_check(key, &how, NULL) == OK)
        ;
    r0 = as_sub(DS_PUBLISH, DSF_TYPE_U32 | DSF_PRIV_SUBSCRIBE, "hidden.a", 1, NULL);
    r1 = ds_check(key, &how, NULL);
    r2 = as_sub(DS_PUBLISH, DSF_TYPE_U32, "hidden.b", 2, NULL);
    r3 = ds_check(key, &how, NULL);
    CHECK("private_subscribe", r0 == OK && r1 == ENOENT && r2 == OK && r3 == OK &&
          !strcmp(key, "hidden.b"), "private entry: check %d (want ENOENT); public: %d \"%s\"",
          r1, r3, key);
    ds_unsubscribe("hidden\\..*");
    as_sub(DS_DELETE, DSF_TYPE_U32, "hidden.a", 0, NULL);
    as_sub(DS_DELETE, DSF_TYPE_U32, "hidden.b", 0, NULL);
    return DT_OWNER_N;
}
