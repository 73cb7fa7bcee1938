/* dt_common.c: helpers of the ds suite (dt.h). */
#include "dt.h"

void dt_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

static int sub_call(const char *label, message *m)
{
    endpoint_t ep = NONE;
    int r = ds_sendrec_label(label, &ep, m, 20);
    return r != OK ? r : m->m_type;
}

int dt_stats(const char *label, struct dstest_stats *st)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = DSTEST_STATS;
    if ((r = sub_call(label, &m)) == OK)
        memcpy(st, m.m_u.m_u8, sizeof(*st));
    return r;
}

int dt_sub_subscribe(const char *label, const char *pattern)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = DSTEST_SUBSCRIBE;
    strncpy(m.m_u.m_str, pattern, DS_KEY_MAX - 1);
    return sub_call(label, &m);
}

int dt_as(const char *label, int type, struct ds_req *q)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = DSTEST_AS;
    q->len = (uint32_t)type;
    memcpy(m.m_u.m_u8, q, sizeof(*q));
    r = sub_call(label, &m);
    memcpy(q, m.m_u.m_u8, sizeof(*q));
    return r;
}

/* A request exactly as given, key included (no library checks). */
int dt_raw(int type, uint32_t flags, const char *key, uint32_t val, uint32_t len)
{
    struct ds_req q;
    memset(&q, 0, sizeof(q));
    q.flags = flags;
    q.val = val;
    q.len = len;
    memcpy(q.key, key, strnlen(key, DS_KEY_MAX));
    return ds_request(type, &q);
}

/* Free memory in KiB as the VM server counts it (VM_INFO): the frames of
 * its pool not mapped anywhere.  0 when VM does not answer. */
uint32_t dt_free_kb(void)
{
    uint32_t w[VM_INFO_WORDS];
    return vm_info(w) == OK ? w[VM_INFO_FREE] * 4  /* 4 KiB frames */ : 0;
}
