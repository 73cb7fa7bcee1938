/* dt_bad.c: the bad-input matrix.  Each row sends one bad request and
 * checks the documented error (docs/ds.md) and that nothing else changed:
 * a canary entry and a canary subscription are checked after the matrix.
 * DT_BAD_N results. */
#include "dt.h"

static char long_key[DS_KEY_MAX + 1];

static void keys_and_types(void)
{
    uint32_t v;
    char buf[8];
    int r1 = ds_retrieve_u32("no.such.key", &v), r2 = ds_delete_u32("no.such.key");
    CHECK("bad_unknown_key", r1 == ESRCH && r2 == ESRCH, "retrieve %d delete %d (want ESRCH)", r1, r2);
    ds_publish_u32("wt", 1, 0);
    r1 = ds_retrieve_str("wt", buf, sizeof(buf));
    r2 = ds_delete_mem("wt");
    CHECK("bad_wrong_type", r1 == ENOENT && r2 == ENOENT,
          "U32 read as STR %d, deleted as MEM %d (want ENOENT)", r1, r2);
    ds_delete_u32("wt");
    r1 = dt_raw(DS_PUBLISH, DSF_TYPE_U32, "", 1, 0);
    r2 = dt_raw(DS_RETRIEVE, DSF_TYPE_U32, "", 0, 0);
    int r3 = dt_raw(DS_PUBLISH, DSF_TYPE_U32, "tab\tkey", 1, 0);
    CHECK("bad_empty_key", r1 == EINVAL && r2 == EINVAL && r3 == EINVAL,
          "publish %d retrieve %d, control character %d (want EINVAL)", r1, r2, r3);
    memset(long_key, 'k', DS_KEY_MAX);
    r1 = dt_raw(DS_PUBLISH, DSF_TYPE_U32, long_key, 1, 0);      /* no NUL in the field */
    r2 = ds_publish_u32(long_key + 1, 1, 0);                    /* 43 characters: fits */
    r3 = ds_publish_u32(long_key, 1, 0);                        /* 44: the library says no */
    ds_delete_u32(long_key + 1);
    CHECK("bad_long_key", r1 == ENAMETOOLONG && r2 == OK && r3 == ENAMETOOLONG,
          "DS %d, %d chars %d, %d chars %d", r1, DS_KEY_MAX - 1, r2, DS_KEY_MAX, r3);
    r1 = dt_raw(DS_PUBLISH, DSF_TYPE_U32 | DSF_TYPE_STR, "k2", 1, 0);
    r2 = dt_raw(DS_PUBLISH, DSF_TYPE_U32 | 0x80000000u, "k2", 1, 0);
    r3 = dt_raw(DS_PUBLISH, 0, "k2", 1, 0);
    int r4 = dt_raw(DS_RQ_LAST, 0, "k2", 0, 0);
    CHECK("bad_flags", r1 == EINVAL && r2 == EINVAL && r3 == EINVAL && r4 == EBADREQUEST,
          "two types %d, unknown flag %d, no type %d (want EINVAL); unknown request %d", r1, r2, r3, r4);
}

static void values_and_grants(void)
{
    static char data[64] = "abc";
    endpoint_t ds = ds_endpoint(), pm = PM_ENDPOINT;
    cp_grant_id_t to_pm = cpf_grant_direct(pm, (vir_bytes)data, sizeof(data), CPF_READ);
    cp_grant_id_t ro = cpf_grant_direct(ds, (vir_bytes)data, sizeof(data), CPF_READ);
    uint32_t v;
    int r1 = dt_raw(DS_PUBLISH, DSF_TYPE_MEM, "gm", 0x7ff00001, 16);   /* never made */
    int r2 = dt_raw(DS_PUBLISH, DSF_TYPE_MEM, "gm", (uint32_t)to_pm, 16);
    int r3 = dt_raw(DS_PUBLISH, DSF_TYPE_MEM, "gm", (uint32_t)ro, sizeof(data) + 1);
    size_t len = 8;
    int r4 = ds_retrieve_mem("gm", data, &len, NULL);
    CHECK("bad_mem_grant", r1 == EPERM && r2 == EPERM && r3 == EPERM && r4 == ESRCH,
          "unknown grant %d, grant to PM %d, past its end %d (want EPERM); entry after %d (want ESRCH)",
          r1, r2, r3, r4);
    ds_publish_mem("gm", "xyz", 4, 0);
    r1 = dt_raw(DS_RETRIEVE, DSF_TYPE_MEM, "gm", (uint32_t)ro, 4);     /* DS cannot write */
    len = 8;
    r2 = ds_retrieve_mem("gm", data, &len, NULL);
    CHECK("bad_mem_grant_retrieve", r1 == EPERM && r2 == OK && !strcmp(data, "xyz"),
          "read-only grant %d (want EPERM); entry still there: %d \"%s\"", r1, r2, data);
    ds_delete_mem("gm");
    memset(data, 'x', sizeof(data));
    r1 = dt_raw(DS_PUBLISH, DSF_TYPE_STR, "gs", (uint32_t)ro, sizeof(data));   /* no NUL */
    r2 = dt_raw(DS_PUBLISH, DSF_TYPE_STR, "gs", (uint32_t)ro, DS_STR_MAX + 1);
    r3 = dt_raw(DS_PUBLISH, DSF_TYPE_MEM, "gs", (uint32_t)ro, 0);
    CHECK("bad_values", r1 == EINVAL && r2 == E2BIG && r3 == EINVAL && ds_retrieve_u32("gs", &v) == ESRCH,
          "STR without NUL %d (EINVAL), too long %d (E2BIG), empty MEM %d (EINVAL)", r1, r2, r3);
    cpf_revoke(to_pm);
    cpf_revoke(ro);
}

/* Fill the subscription table; the subscriptions there before must still
 * work afterwards. */
static void table_full(void)
{
    char pat[DS_KEY_MAX], key[DS_KEY_MAX];
    int n = 0, r = OK;
    uint32_t how;
    ds_subscribe("canary\\.sub", 0);
    while (n < DS_MAX_SUBS + 2 && (r = (snprintf(pat, sizeof(pat), "fill%d", n),
                                        ds_subscribe(pat, 0))) == OK)
        n++;
    ds_publish_u32("canary.sub", 1, 0);
    int r1 = ds_check(key, &how, NULL);
    CHECK("bad_subs_full", r == ENOSPC && n < DS_MAX_SUBS && r1 == OK && !strcmp(key, "canary.sub"),
          "subscribed %d more, then %d (want ENOSPC); the canary's check %d \"%s\"", n, r, r1, key);
    for (int i = 0; i < n; i++) {
        snprintf(pat, sizeof(pat), "fill%d", i);
        ds_unsubscribe(pat);
    }
    r1 = ds_subscribe("after.full", 0);
    ds_unsubscribe("after.full");
    ds_unsubscribe("canary\\.sub");
    ds_delete_u32("canary.sub");
    CHECK("subs_free_again", r1 == OK, "subscribe after freeing %d", r1);
}

/* Fill the value pool with 64 KiB MEM entries: ENOSPC, and a small value
 * still fits once one is deleted. */
static void pool_full(void)
{
    static uint8_t big[DS_MEM_MAX];
    char key[DS_KEY_MAX];
    int n = 0, r = OK;
    while (n < DS_POOL_BYTES / DS_MEM_MAX + 2 &&
           (r = (snprintf(key, sizeof(key), "pool.%d", n), ds_publish_mem(key, big, sizeof(big), 0))) == OK)
        n++;
    int r1 = n > 0 ? ds_delete_mem("pool.0") : EGENERIC;
    int r2 = ds_publish_mem("pool.small", "x", 2, 0);
    CHECK("bad_pool_full", r == ENOSPC && n >= 1 && n <= DS_POOL_BYTES / DS_MEM_MAX && r1 == OK &&
          r2 == OK, "%d values of 64 KiB, then %d (want ENOSPC); after a delete %d", n, r, r2);
    for (int i = 1; i < n; i++) {
        snprintf(key, sizeof(key), "pool.%d", i);
        ds_delete_mem(key);
    }
    ds_delete_mem("pool.small");
}

static void regex_and_labels(void)
{
    int r1 = ds_subscribe("(ab", 0), r2 = ds_subscribe("*a", 0), r3 = ds_subscribe("[z-a]", 0);
    CHECK("bad_regex", r1 == EINVAL && r2 == EINVAL && r3 == EINVAL,
          "\"(ab\" %d, \"*a\" %d, \"[z-a]\" %d (want EINVAL)", r1, r2, r3);
    endpoint_t pm = NONE;
    int r4 = dt_raw(DS_LABEL_UPDATE, DSF_TYPE_LABEL, "pm", 1234, 0);
    int r5 = ds_retrieve_label_endpt("pm", &pm);
    CHECK("bad_label_update", r4 == EPERM && r5 == OK && pm == PM_ENDPOINT,
          "label update from a service %d (want EPERM); pm -> %d", r4, pm);
}

int dt_bad(void)
{
    uint32_t v = 0;
    ds_publish_u32("canary", 99, 0);
    keys_and_types();
    values_and_grants();
    table_full();
    pool_full();
    regex_and_labels();
    int r = ds_retrieve_u32("canary", &v);
    CHECK("bad_input_harmless", r == OK && v == 99, "canary entry %d %u (want 99)", r, v);
    ds_delete_u32("canary");
    return DT_BAD_N;
}
