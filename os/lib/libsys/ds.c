/* ds.c: DS client calls (datastore.h). */
#include <string.h>
#include <datastore.h>
#include <service.h>
#include <safecopies.h>

static endpoint_t ds_ep = NONE;

endpoint_t ds_endpoint(void)
{
    if (ds_ep == NONE && rs_lookup("ds", &ds_ep) != OK)
        ds_ep = NONE;
    return ds_ep;
}

static int dead(int r)
{
    return r == EDEADSRCDST || r == EDSTDIED || r == ESRCDIED || r == EBADSRCDST;
}

static void one_tick(void)
{
    message t;
    sys_setalarm(1);
    ipc_receive(CLOCK, &t);
}

/* sendrec q to DS.  A DS that died is looked up again: while RS has not
 * restarted it yet, RS_LOOKUP fails or names the dead endpoint, so wait a
 * tick (a poll interval) and ask again, for up to DS_RETRY_TICKS. */
#define DS_RETRY_TICKS 300
int ds_request(int type, struct ds_req *q)
{
    endpoint_t stale = NONE;
    message m;
    int r;

    for (int tries = 0; tries < DS_RETRY_TICKS; tries++) {
        if (ds_endpoint() == NONE || ds_ep == stale) {
            ds_ep = NONE;
            one_tick();
            continue;
        }
        memset(&m, 0, sizeof(m));
        m.m_type = type;
        memcpy(m.m_u.m_u8, q, sizeof(*q));
        if (!dead(r = ipc_sendrec(ds_ep, &m))) {
            if (r != OK)
                return r;
            memcpy(q, m.m_u.m_u8, sizeof(*q));
            return m.m_type;
        }
        stale = ds_ep;
        ds_ep = NONE;
    }
    return EDEADSRCDST;
}

static int set_key(struct ds_req *q, const char *key, uint32_t flags)
{
    memset(q, 0, sizeof(*q));
    q->flags = flags;
    if (!key)
        return EINVAL;
    if (strlen(key) >= DS_KEY_MAX)
        return ENAMETOOLONG;
    strcpy(q->key, key);
    return OK;
}

static int simple(int type, const char *key, uint32_t flags, uint32_t val, struct ds_req *q)
{
    int r = set_key(q, key, flags);
    if (r != OK)
        return r;
    q->val = val;
    return ds_request(type, q);
}

/* A request that lends DS [buf, buf+len) with `access` for its duration. */
static int with_grant(int type, const char *key, uint32_t flags, void *buf, size_t len,
                      uint32_t access, struct ds_req *q)
{
    int r = set_key(q, key, flags);
    cp_grant_id_t g;
    if (r != OK)
        return r;
    if (ds_endpoint() == NONE)
        return ESRCH;
    if ((g = cpf_grant_direct(ds_ep, (vir_bytes)buf, (uint32_t)len, access)) < 0)
        return g;
    q->val = (uint32_t)g;
    q->len = (uint32_t)len;
    r = ds_request(type, q);
    cpf_revoke(g);
    return r;
}

int ds_publish_u32(const char *key, uint32_t value, uint32_t flags)
{
    struct ds_req q;
    return simple(DS_PUBLISH, key, DSF_TYPE_U32 | flags, value, &q);
}

int ds_retrieve_u32(const char *key, uint32_t *value)
{
    struct ds_req q;
    int r = simple(DS_RETRIEVE, key, DSF_TYPE_U32, 0, &q);
    if (r == OK)
        *value = q.val;
    return r;
}

int ds_publish_str(const char *key, const char *s, uint32_t flags)
{
    struct ds_req q;
    size_t n = strlen(s) + 1;
    if (n > DS_STR_MAX)
        return E2BIG;
    return with_grant(DS_PUBLISH, key, DSF_TYPE_STR | flags, (void *)s, n, CPF_READ, &q);
}

int ds_retrieve_str(const char *key, char *buf, size_t len)
{
    struct ds_req q;
    return with_grant(DS_RETRIEVE, key, DSF_TYPE_STR, buf, len, CPF_WRITE, &q);
}

int ds_publish_mem(const char *key, const void *data, size_t len, uint32_t flags)
{
    struct ds_req q;
    if (len > DS_MEM_MAX)
        return E2BIG;
    return with_grant(DS_PUBLISH, key, DSF_TYPE_MEM | flags, (void *)data, len, CPF_READ, &q);
}

int ds_retrieve_mem(const char *key, void *buf, size_t *len, size_t *stored)
{
    struct ds_req q;
    int r = with_grant(DS_RETRIEVE, key, DSF_TYPE_MEM, buf, *len, CPF_WRITE, &q);
    if (r == OK) {
        *len = q.len;
        if (stored)
            *stored = q.val;
    }
    return r;
}

/* The grants of our MAP entries: they must stay valid while the entry
 * lives (DS maps through them), so they are revoked after ds_delete_map. */
#define DS_MY_MAPS 8
static struct { char key[DS_KEY_MAX]; cp_grant_id_t g; } my_maps[DS_MY_MAPS];

int ds_publish_map(const char *key, void *addr, size_t len, uint32_t flags)
{
    struct ds_req q;
    cp_grant_id_t g;
    int r, k;

    for (k = 0; k < DS_MY_MAPS && my_maps[k].key[0]; k++)
        ;
    if (k == DS_MY_MAPS)
        return ENOSPC;
    if ((r = set_key(&q, key, DSF_TYPE_MAP | flags)) != OK)
        return r;
    if (ds_endpoint() == NONE)
        return ESRCH;
    if ((g = cpf_grant_direct(ds_ep, (vir_bytes)addr, (uint32_t)len, CPF_READ | CPF_MAP)) < 0)
        return g;                          /* EINVAL: not page aligned */
    q.val = (uint32_t)g;
    q.len = (uint32_t)len;
    if ((r = ds_request(DS_PUBLISH, &q)) != OK) {
        cpf_revoke(g);
        return r;
    }
    strcpy(my_maps[k].key, key);
    my_maps[k].g = g;
    return OK;
}

int ds_retrieve_map(const char *key, uint32_t mode, int index, void *buf, size_t *len,
                    cp_grant_id_t *gid)
{
    struct ds_req q;
    uint32_t flags = DSF_TYPE_MAP | mode | (mode == DSMF_COPY_SNAPSHOT ? DSMF_SNAP(index) : 0);
    int r;

    if (mode == DSMF_MAP_MAPPED) {
        if ((r = simple(DS_RETRIEVE, key, flags, 0, &q)) == OK) {
            *gid = (cp_grant_id_t)q.val;
            *len = q.len;
        }
        return r;
    }
    if ((r = with_grant(DS_RETRIEVE, key, flags, buf, *len, CPF_WRITE, &q)) == OK)
        *len = q.len;
    return r;
}

int ds_snapshot_map(const char *key, int *index)
{
    struct ds_req q;
    int r = simple(DS_SNAPSHOT, key, DSF_TYPE_MAP, 0, &q);
    if (r == OK && index)
        *index = (int)q.val;
    return r;
}

static int delete(const char *key, uint32_t type)
{
    struct ds_req q;
    return simple(DS_DELETE, key, type, 0, &q);
}

int ds_delete_u32(const char *key) { return delete(key, DSF_TYPE_U32); }
int ds_delete_str(const char *key) { return delete(key, DSF_TYPE_STR); }
int ds_delete_mem(const char *key) { return delete(key, DSF_TYPE_MEM); }
int ds_delete_map(const char *key)
{
    int r = delete(key, DSF_TYPE_MAP);
    for (int k = 0; r == OK && k < DS_MY_MAPS; k++)
        if (my_maps[k].key[0] && !strcmp(my_maps[k].key, key)) {
            cpf_revoke(my_maps[k].g);          /* DS has unmapped: the grant may go */
            my_maps[k].key[0] = 0;
        }
    return r;
}
int ds_delete_label(const char *label) { return delete(label, DSF_TYPE_LABEL); }

int ds_publish_label(const char *label, endpoint_t ep, uint32_t flags)
{
    struct ds_req q;
    return simple(DS_PUBLISH, label, DSF_TYPE_LABEL | flags, (uint32_t)ep, &q);
}

int ds_retrieve_label_endpt(const char *label, endpoint_t *ep)
{
    struct ds_req q;
    int r = simple(DS_RETRIEVE, label, DSF_TYPE_LABEL, 0, &q);
    if (r == OK)
        *ep = (endpoint_t)q.val;
    return r;
}

int ds_retrieve_label_name(endpoint_t ep, char label[DS_KEY_MAX])
{
    struct ds_req q;
    int r;
    memset(&q, 0, sizeof(q));
    q.val = (uint32_t)ep;
    if ((r = ds_request(DS_RETRIEVE_LABEL, &q)) == OK)
        memcpy(label, q.key, DS_KEY_MAX);
    return r;
}

int ds_subscribe(const char *pattern, uint32_t flags)
{
    struct ds_req q;
    return simple(DS_SUBSCRIBE, pattern, flags, 0, &q);
}

int ds_unsubscribe(const char *pattern)
{
    struct ds_req q;
    return simple(DS_UNSUBSCRIBE, pattern, 0, 0, &q);
}

int ds_check(char key[DS_KEY_MAX], uint32_t *how, uint32_t *val)
{
    struct ds_req q;
    int r;
    memset(&q, 0, sizeof(q));
    if ((r = ds_request(DS_CHECK, &q)) != OK)
        return r;
    memcpy(key, q.key, DS_KEY_MAX);
    if (how)
        *how = q.flags;
    if (val)
        *val = q.val;
    return OK;
}

int ds_sendrec_label(const char *label, endpoint_t *ep, message *m, int tries)
{
    message req = *m;
    endpoint_t stale = NONE;
    int r = EDEADSRCDST;

    for (int i = 0; i < tries; i++) {
        if (*ep == NONE) {
            r = ds_retrieve_label_endpt(label, ep);
            if (r == OK && *ep == stale)
                r = ESRCH;                     /* DS has not heard of the restart yet */
            if (r != OK) {
                *ep = NONE;
                if (r != ESRCH)
                    return r;
                one_tick();                    /* being restarted: poll interval */
                continue;
            }
        }
        *m = req;
        if (!dead(r = ipc_sendrec(*ep, m)))
            return r;
        stale = *ep;
        *ep = NONE;
    }
    return r;
}
