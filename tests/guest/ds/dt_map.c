/* dt_map.c: MAP entries (docs/ds.md "MAP"): MINIX's test_map sequence
 * (a live view, a snapshot that keeps the old value, a retriever's
 * mapping that sees the publisher's write: three processes on one frame),
 * delete (the retriever keeps a private copy, the entry is gone), the
 * errors, the limit of DS_MAX_MAPS entries, and VM's records and counts
 * back where they were. */
#include <lantern/safemap.h>
#include "dt.h"

#define PG 4096u

static uint8_t buf[PG] __attribute__((aligned(4096)));
static uint8_t buf2[PG] __attribute__((aligned(4096)));
static uint8_t get_buf[PG];
static uint8_t big[(DS_MAP_MAX / PG + 1) * PG] __attribute__((aligned(4096)));

#define P  (*(volatile uint32_t *)buf)
#define P2 (*(volatile uint32_t *)buf2)

static uint32_t vm_word(int w)
{
    uint32_t v[VM_INFO_WORDS] = { 0 };
    vm_info(v);
    return v[w];
}

static uint32_t first_word(uint32_t mode, int idx, int *r)
{
    size_t len = sizeof(get_buf);
    memset(get_buf, 0, sizeof(get_buf));
    *r = ds_retrieve_map("test_map", mode, idx, get_buf, &len, NULL);
    if (*r == OK && len != PG)
        *r = EGENERIC;
    return *(uint32_t *)get_buf;
}

static void test_map_sequence(void)
{
    int idx = -1, r1, r2, r3, r4;
    cp_grant_id_t g = -1;
    size_t len = 0;
    P = 1;
    r1 = ds_publish_map("test_map", buf, PG, 0);
    r2 = ds_snapshot_map("test_map", &idx);
    P = 2;
    uint32_t live = first_word(DSMF_COPY_MAPPED, 0, &r3);
    CHECK("map_copy_mapped_live", r1 == OK && r2 == OK && idx == 0 && r3 == OK && live == 2,
          "publish %d snapshot %d (index %d) copy %d value %u", r1, r2, idx, r3, live);
    uint32_t old = first_word(DSMF_COPY_SNAPSHOT, idx, &r1);
    CHECK("map_copy_snapshot_old_value", r1 == OK && old == 1, "%d value %u", r1, old);
    r1 = ds_retrieve_map("test_map", DSMF_MAP_MAPPED, 0, NULL, &len, &g);
    r2 = r1 == OK ? sys_safemap(ds_endpoint(), g, 0, (vir_bytes)buf2, PG, 0) : r1;
    P = 3;
    r3 = sys_safemap(ds_endpoint(), g, 0, (vir_bytes)buf2, PG, 1);      /* read-only grant */
    CHECK("map_mapped_sees_publisher", r1 == OK && len == PG && r2 == OK && P2 == 3 &&
          r3 == EPERM, "retrieve %d len %u map %d value %u, writable %d (want EPERM)", r1, (unsigned)len,
          r2, P2, r3);
    r1 = ds_delete_map("test_map");
    P = 4;
    r2 = sys_safeunmap((vir_bytes)buf2);
    r3 = ds_retrieve_map("test_map", DSMF_COPY_MAPPED, 0, get_buf, &len, NULL);
    r4 = sys_safemap(ds_endpoint(), g, 0, (vir_bytes)buf2, PG, 0);
    CHECK("map_delete_private_copies", r1 == OK && P2 == 3 && r2 == ENOENT && r3 == ESRCH &&
          r4 == EPERM, "delete %d, mapping now %u, unmap %d, retrieve %d, map again %d", r1, P2,
          r2, r3, r4);
}

static void test_map_errors(void)
{
    int idx, r[9];
    size_t len = PG;
    cp_grant_id_t g = cpf_grant_direct(ds_endpoint(), (vir_bytes)big, PG, CPF_READ);
    r[0] = ds_publish_map("m_bad", buf, 100, 0);                       /* libsys: EINVAL */
    r[1] = dt_raw(DS_PUBLISH, DSF_TYPE_MAP, "m_bad", (uint32_t)g, 100);    /* DS: EINVAL */
    r[2] = ds_publish_map("m_bad", big, DS_MAP_MAX + PG, 0);             /* E2BIG */
    r[3] = dt_raw(DS_PUBLISH, DSF_TYPE_MAP, "m_bad", (uint32_t)g, PG);     /* no CPF_MAP: EPERM */
    cpf_revoke(g);
    r[4] = ds_publish_map("m_ok", buf, PG, 0);
    r[5] = ds_publish_map("m_ok", buf, PG, DSF_OVERWRITE);               /* EBUSY */
    r[6] = dt_raw(DS_RETRIEVE, DSF_TYPE_MAP, "m_ok", 0, 0);              /* no mode: EINVAL */
    r[7] = ds_retrieve_map("m_ok", DSMF_COPY_SNAPSHOT, 0, get_buf, &len, NULL);  /* none yet */
    int snaps = 0;
    while (ds_snapshot_map("m_ok", &idx) == OK && snaps < 10)
        snaps++;
    r[8] = ds_snapshot_map("m_ok", &idx);
    int missing = ds_snapshot_map("m_none", &idx);
    ds_delete_map("m_ok");
    CHECK("map_errors", r[0] == EINVAL && r[1] == EINVAL && r[2] == E2BIG && r[3] == EPERM &&
          r[4] == OK && r[5] == EBUSY && r[6] == EINVAL && r[7] == EINVAL &&
          snaps == DS_MAP_SNAPS && r[8] == ENOSPC && missing == ESRCH,
          "%d %d %d %d %d %d %d %d snaps %d then %d, missing %d", r[0], r[1], r[2], r[3], r[4],
          r[5], r[6], r[7], snaps, r[8], missing);
}

/* DS_MAX_MAPS entries, then ENOSPC (with a grant of ours: libsys keeps 8). */
static void test_map_limit(void)
{
    char key[16];
    int ok = 0;
    for (int i = 0; i < DS_MAX_MAPS; i++) {
        snprintf(key, sizeof(key), "m_lim%d", i);
        ok += ds_publish_map(key, buf, PG, 0) == OK;
    }
    cp_grant_id_t g = cpf_grant_direct(ds_endpoint(), (vir_bytes)big, PG, CPF_READ | CPF_MAP);
    int full = dt_raw(DS_PUBLISH, DSF_TYPE_MAP, "m_lim_more", (uint32_t)g, PG);
    cpf_revoke(g);
    int del = 0;
    for (int i = 0; i < DS_MAX_MAPS; i++) {
        snprintf(key, sizeof(key), "m_lim%d", i);
        del += ds_delete_map(key) == OK;
    }
    CHECK("map_limit_enospc", ok == DS_MAX_MAPS && full == ENOSPC && del == DS_MAX_MAPS,
          "%d published, then %d, %d deleted", ok, full, del);
}

static int sub_map(uint32_t op, uint32_t value)
{
    message m;
    endpoint_t ep = NONE;
    memset(&m, 0, sizeof(m));
    m.m_type = DSTEST_MAP;
    m.m_u.m_u32[0] = op;
    m.m_u.m_u32[1] = value;
    int r = ds_sendrec_label("ds_sub1", &ep, &m, 20);
    return r != OK ? r : m.m_type;
}

static uint32_t sub_word(int *r)
{
    size_t len = sizeof(get_buf);
    *r = ds_retrieve_map("sub_map", DSMF_COPY_MAPPED, 0, get_buf, &len, NULL);
    return *(uint32_t *)get_buf;
}

/* The publisher (ds_sub1) exits with its MAP entry live: the entry stays,
 * frozen at its last contents, still retrievable and mappable, and still
 * its owner's (our delete: EPERM).  Run last: ds_sub1 is gone after it. */
void dt_map_exit(void)
{
    uint32_t smaps0 = vm_word(VM_INFO_SMAPS), v1, v2, v3;
    int r1 = sub_map(DSTEST_MAP_PUBLISH, 70), r2, r3, r4, r5;
    sub_map(DSTEST_MAP_SET, 71);
    v1 = sub_word(&r2);
    r3 = sub_map(DSTEST_MAP_EXIT, 0);
    int swept = WAIT_FOR(vm_word(VM_INFO_SMAPS) == smaps0, 500);   /* DS's record goes */
    v2 = sub_word(&r4);
    cp_grant_id_t g = -1;
    size_t len = 0;
    r5 = ds_retrieve_map("sub_map", DSMF_MAP_MAPPED, 0, NULL, &len, &g);
    if (r5 == OK)
        r5 = sys_safemap(ds_endpoint(), g, 0, (vir_bytes)buf2, PG, 0);
    v3 = P2;
    int r6 = ds_delete_map("sub_map");           /* not ours: the owner's label only */
    int u = sys_safeunmap((vir_bytes)buf2);
    int back = WAIT_FOR(vm_word(VM_INFO_SMAPS) == smaps0, 500);
    CHECK("map_publisher_exit_frozen", r1 == OK && r2 == OK && v1 == 71 && r3 == OK && swept &&
          r4 == OK && v2 == 71 && r5 == OK && v3 == 71 && r6 == EPERM && u == OK && back,
          "publish %d live %d/%u exit %d swept %d frozen %d/%u mapped %d/%u delete %d unmap %d "
          "back %d", r1, r2, v1, r3, swept, r4, v2, r5, v3, r6, u, back);
}

int dt_map(void)
{
    uint32_t smaps0 = vm_word(VM_INFO_SMAPS), bad = 0;
    memset(buf2, 0, sizeof(buf2));
    test_map_sequence();
    test_map_errors();
    test_map_limit();
    int counts = vm_check(&bad);
    CHECK("map_no_record_left", vm_word(VM_INFO_SMAPS) == smaps0 && counts == OK,
          "safemap records %u -> %u, VM_CHECK %d", smaps0, vm_word(VM_INFO_SMAPS), counts);
    return DT_MAP_N - 1;           /* the last one: dt_map_exit() */
}
