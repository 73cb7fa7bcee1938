/* dt_api.c: the groups of MINIX's test/ds, one type at a time (u32, str,
 * mem, label), plus the per-type key space (MAP: dt_map.c).
 * DT_API_N results. */
#include "dt.h"

static void group_u32(void)
{
    uint32_t v = 0;
    int r1 = ds_publish_u32("test_u32", 1234, 0), r2 = ds_retrieve_u32("test_u32", &v);
    CHECK("u32_publish", r1 == OK && r2 == OK && v == 1234, "publish %d, retrieve %d -> %u", r1, r2, v);
    r1 = ds_publish_u32("test_u32", 4321, 0);
    r2 = ds_retrieve_u32("test_u32", &v);
    CHECK("u32_exists", r1 == EEXIST && v == 1234, "publish again %d (want EEXIST), value %u", r1, v);
    r1 = ds_publish_u32("test_u32", 4321, DSF_OVERWRITE);
    r2 = ds_retrieve_u32("test_u32", &v);
    CHECK("u32_overwrite", r1 == OK && r2 == OK && v == 4321, "overwrite %d, value %u", r1, v);
    r1 = ds_delete_u32("test_u32");
    r2 = ds_retrieve_u32("test_u32", &v);
    CHECK("u32_delete", r1 == OK && r2 == ESRCH, "delete %d, retrieve after %d (want ESRCH)", r1, r2);
}

static void group_str(void)
{
    static char big[DS_STR_MAX + 1], back[DS_STR_MAX];
    char buf[32] = "", tiny[4] = "xyz";
    int r1 = ds_publish_str("test_str", "little", 0), r2 = ds_retrieve_str("test_str", buf, sizeof(buf));
    CHECK("str_roundtrip", r1 == OK && r2 == OK && !strcmp(buf, "little"), "%d %d \"%s\"", r1, r2, buf);
    r1 = ds_retrieve_str("test_str", tiny, sizeof(tiny));
    CHECK("str_small_buffer", r1 == E2BIG && !strcmp(tiny, "xyz"),
          "retrieve into 4 bytes: %d (want E2BIG), buffer \"%s\" (untouched)", r1, tiny);
    memset(big, 'q', DS_STR_MAX - 1);
    r1 = ds_publish_str("test_str_big", big, 0);
    r2 = ds_retrieve_str("test_str_big", back, sizeof(back));
    big[DS_STR_MAX - 1] = 'q';
    int r3 = ds_publish_str("test_str_huge", big, 0);
    CHECK("str_limit", r1 == OK && r2 == OK && strlen(back) == DS_STR_MAX - 1 && r3 == E2BIG,
          "%d chars: %d/%d len %u; %d chars: %d (want E2BIG)", DS_STR_MAX - 1, r1, r2,
          (unsigned)strlen(back), DS_STR_MAX, r3);
    r1 = ds_delete_str("test_str");
    r2 = ds_retrieve_str("test_str", buf, sizeof(buf));
    ds_delete_str("test_str_big");
    CHECK("str_delete", r1 == OK && r2 == ESRCH, "delete %d, retrieve after %d", r1, r2);
}

static void group_mem(void)
{
    static const char s1[] = "ok, this is a string", s2[] = "ok, this is a very looooong string";
    static uint8_t page[DS_MEM_MAX + 1], back[DS_MEM_MAX];
    char buf[100];
    size_t len = sizeof(buf), stored = 0;
    int r1 = ds_publish_mem("test_mem", s1, sizeof(s1), 0);
    int r2 = ds_retrieve_mem("test_mem", buf, &len, &stored);
    CHECK("mem_roundtrip", r1 == OK && r2 == OK && len == sizeof(s1) && !strcmp(buf, s1),
          "%d %d len %u", r1, r2, (unsigned)len);
    len = 8;
    r2 = ds_retrieve_mem("test_mem", buf, &len, &stored);
    CHECK("mem_short_buffer", r2 == OK && len == 8 && stored == sizeof(s1) && !memcmp(buf, s1, 8),
          "%d len %u stored %u (want 8, %u)", r2, (unsigned)len, (unsigned)stored, (unsigned)sizeof(s1));
    r1 = ds_publish_mem("test_mem", s2, sizeof(s2), DSF_OVERWRITE);
    len = sizeof(buf);
    r2 = ds_retrieve_mem("test_mem", buf, &len, NULL);
    CHECK("mem_grow", r1 == OK && r2 == OK && len == sizeof(s2) && !strcmp(buf, s2),
          "%d %d len %u", r1, r2, (unsigned)len);
    for (size_t i = 0; i < sizeof(page); i++)
        page[i] = (uint8_t)(i * 7 + 3);
    r1 = ds_publish_mem("test_mem_max", page, DS_MEM_MAX, 0);
    len = sizeof(back);
    r2 = ds_retrieve_mem("test_mem_max", back, &len, NULL);
    int r3 = ds_publish_mem("test_mem_huge", page, DS_MEM_MAX + 1, 0);
    int r4 = dt_raw(DS_PUBLISH, DSF_TYPE_MEM, "test_mem_huge", 0, DS_MEM_MAX + 1);
    CHECK("mem_limit", r1 == OK && r2 == OK && len == DS_MEM_MAX && !memcmp(page, back, len) &&
          r3 == E2BIG && r4 == E2BIG, "max: %d %d len %u; max+1: library %d, DS %d (want E2BIG)",
          r1, r2, (unsigned)len, r3, r4);
    r1 = ds_delete_mem("test_mem");
    len = sizeof(buf);
    r2 = ds_retrieve_mem("test_mem", buf, &len, NULL);
    ds_delete_mem("test_mem_max");
    CHECK("mem_delete", r1 == OK && r2 == ESRCH, "delete %d, retrieve after %d", r1, r2);
}

static void group_label(void)
{
    endpoint_t pm = NONE, rs = NONE, me_ds = NONE, ds = NONE;
    char name[DS_KEY_MAX] = "";
    struct whoami_info me;
    sys_whoami(&me);
    int r1 = ds_retrieve_label_endpt("pm", &pm), r2 = ds_retrieve_label_endpt("rs", &rs);
    int r3 = ds_retrieve_label_endpt("ds_test", &me_ds), r4 = ds_retrieve_label_endpt("ds", &ds);
    CHECK("label_boot", r1 == OK && pm == PM_ENDPOINT && r2 == OK && rs == RS_ENDPOINT &&
          r3 == OK && me_ds == me.endpoint && r4 == OK && ds == ds_endpoint(),
          "pm %d/%d rs %d/%d me %d/%d (%d) ds %d/%d (%d)", r1, pm, r2, rs, r3, me_ds, me.endpoint,
          r4, ds, ds_endpoint());
    r1 = ds_retrieve_label_name(me.endpoint, name);
    CHECK("label_name", r1 == OK && !strcmp(name, "ds_test"), "%d \"%s\"", r1, name);
    r1 = ds_publish_label("fake", 1234, 0);
    r2 = ds_delete_label("pm");
    r3 = ds_retrieve_label_endpt("pm", &pm);
    CHECK("label_rs_only", r1 == EPERM && r2 == EPERM && r3 == OK && pm == PM_ENDPOINT,
          "publish %d, delete %d (want EPERM, EPERM); pm still %d", r1, r2, pm);
    r1 = ds_retrieve_label_endpt("no_such", &pm);
    r2 = ds_retrieve_label_name(0x7654321, name);
    CHECK("label_unknown", r1 == ESRCH && r2 == ESRCH, "%d %d (want ESRCH)", r1, r2);
}

/* RS's public table through the read-only grant of the init request. */
static void pubtab_grant(void)
{
    static struct rs_pub tab[NR_RS_SERVICES];
    const sef_init_info_t *info = sef_init_info();
    struct whoami_info me;
    int found = 0;
    sys_whoami(&me);
    int r1 = sys_safecopyfrom(RS_ENDPOINT, info->pubtab_gid, 0, (vir_bytes)tab, sizeof(tab));
    for (int i = 0; r1 == OK && i < NR_RS_SERVICES; i++)
        found |= tab[i].in_use && tab[i].endpoint == me.endpoint && !strcmp(tab[i].label, "ds_test");
    int r2 = sys_safecopyto(RS_ENDPOINT, info->pubtab_gid, 0, (vir_bytes)tab, sizeof(tab[0]));
    CHECK("pubtab_grant", info->pubtab_gid >= 0 && r1 == OK && found && r2 == EPERM,
          "grant %d: read %d, our entry found %d, write %d (want EPERM)", info->pubtab_gid, r1,
          found, r2);
}

static void group_types(void)
{
    uint32_t v = 0;
    char buf[16] = "";
    int r1 = ds_publish_u32("both", 7, 0), r2, r3, r4;
    r2 = ds_publish_str("both", "seven", 0);
    r3 = ds_delete_u32("both");
    r4 = ds_retrieve_str("both", buf, sizeof(buf));
    int r5 = ds_retrieve_u32("both", &v);
    CHECK("key_per_type", r1 == OK && r2 == OK && r3 == OK && r4 == OK && !strcmp(buf, "seven") &&
          r5 == ENOENT, "%d %d %d %d \"%s\" %d (want ENOENT: only a STR)", r1, r2, r3, r4, buf, r5);
    ds_delete_str("both");
}

int dt_api(void)
{
    group_u32();
    group_str();
    group_mem();
    group_label();
    pubtab_grant();
    group_types();
    return DT_API_N;
}
