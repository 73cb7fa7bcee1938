/* request.c: DS_PUBLISH, DS_RETRIEVE and DS_DELETE for every type
 * (lantern/ds.h; docs/ds.md lists each call's errors).
 *
 * Rules kept here:
 *  - a request's checks all come before any change, so a refused or failed
 *    request leaves the store as it was (a MEM overwrite copies into new
 *    space first and frees the old value only after the copy worked);
 *  - the owner is the publisher's label; only it overwrites or deletes;
 *  - a change is mirrored (mirror.c) before the subscribers hear of it. */
#include "ds.h"

static uint32_t req_type(const struct ds_req *q) { return q->flags & DSF_MASK_TYPE; }

/* Copy a STR or MEM value in from the caller's grant into new pool space. */
static int value_in(const message *m, const struct ds_req *q, uint32_t *off)
{
    uint32_t type = req_type(q), max = type == DSF_TYPE_STR ? DS_STR_MAX : DS_MEM_MAX;
    int r;

    if (q->len > max)
        return E2BIG;
    if (q->len == 0)
        return EINVAL;
    if ((r = pool_alloc(q->len, off)) != OK)
        return r;
    r = sys_safecopyfrom(m->m_source, (cp_grant_id_t)q->val, 0, (vir_bytes)&st.pool[*off],
                         q->len);
    if (r == OK && type == DSF_TYPE_STR && strnlen((char *)&st.pool[*off], q->len) != q->len - 1)
        r = EINVAL;                            /* not one NUL-terminated string */
    if (r != OK)
        pool_free(*off, q->len);
    return r;
}

/* Fill slot i and tell the subscribers.  existed: an overwrite. */
int ds_set_entry(int i, const struct ds_req *q, const char *owner, uint32_t val, uint32_t len,
                 int existed)
{
    struct ds_entry *e = &st.ent[i];
    uint32_t type = req_type(q);

    if (existed && (type == DSF_TYPE_STR || type == DSF_TYPE_MEM))
        pool_free(e->val, e->len);
    strncpy(e->owner, owner, LABEL_MAX - 1);
    e->flags = DSE_USED | type | (q->flags & DSF_MASK_PRIV);
    e->val = val;
    e->len = len;
    e->event = existed ? DS_EV_UPDATED : DS_EV_PUBLISHED;
    if (type == DSF_TYPE_STR || type == DSF_TYPE_MEM)
        mirror(&st.pool[val], len);
    mirror(e, sizeof(*e));
    subs_event(i);
    return OK;
}

static int publish_checks(const message *m, const struct ds_req *q, const struct ds_caller *c)
{
    uint32_t type = req_type(q);
    int r;

    if ((q->flags & ~DSF_MASK_REQUEST) || (q->flags & (DSF_INITIAL | DSMF_MAP_MAPPED |
        DSMF_COPY_MAPPED | DSMF_COPY_SNAPSHOT)) || !ds_type_ok(type))
        return EINVAL;
    if ((r = ds_key_check(q->key)) != OK)
        return r;
    if (!c->label[0])
        return EPERM;                          /* publishing needs an identity */
    if (type == DSF_TYPE_LABEL && m->m_source != RS_ENDPOINT)
        return EPERM;                          /* labels come from RS only */
    return OK;
}

int do_publish(message *m, struct ds_req *q, const struct ds_caller *c)
{
    uint32_t type = req_type(q), val = q->val, len = 0;
    int r, i, existed;

    if ((r = publish_checks(m, q, c)) != OK)
        return r;
    if (type == DSF_TYPE_LABEL)
        return labels_publish(q->key, (endpoint_t)q->val);
    i = ds_find(q->key, type, 1);
    existed = i >= 0;
    if (existed && !(q->flags & DSF_OVERWRITE))
        return EEXIST;
    if (existed && strcmp(st.ent[i].owner, c->label))
        return EPERM;                          /* only the owner overwrites */
    if (existed && type == DSF_TYPE_MAP)
        return EBUSY;                          /* a MAP entry is deleted, not overwritten */
    if (type == DSF_TYPE_MAP && (r = map_publish(m, q, &val)) != OK)
        return r;
    if (type == DSF_TYPE_MAP)
        len = q->len;
    if (type == DSF_TYPE_STR || type == DSF_TYPE_MEM) {
        if ((r = value_in(m, q, &val)) != OK)
            return r;
        len = q->len;
    }
    if (!existed && (i = ds_find(q->key, type, 0)) < 0 && (i = ds_new_slot(q->key, type)) < 0) {
        if (type == DSF_TYPE_MAP)
            map_release(val);
        else if (len)
            pool_free(val, len);
        return i;                              /* ENOSPC */
    }
    return ds_set_entry(i, q, c->label, val, len, existed);
}

/* The live entry a retrieve or delete names, or its error. */
static int lookup(const struct ds_req *q, int *slot)
{
    uint32_t type = req_type(q);
    int r;

    if ((q->flags & ~DSF_MASK_REQUEST) || !ds_type_ok(type))
        return EINVAL;
    if ((r = ds_key_check(q->key)) != OK)
        return r;
    if ((*slot = ds_find(q->key, type, 1)) < 0)
        return ds_key_other_type(q->key, type) ? ENOENT : ESRCH;
    return OK;
}

int do_retrieve(message *m, struct ds_req *q, const struct ds_caller *c)
{
    const struct ds_entry *e;
    uint32_t n;
    int i, r;

    if ((r = lookup(q, &i)) != OK)
        return r;
    e = &st.ent[i];
    if ((e->flags & DSF_PRIV_RETRIEVE) && strcmp(e->owner, c->label))
        return EPERM;
    if (e->flags & DSF_TYPE_MAP)
        return map_retrieve(m, q, e);
    if (!(e->flags & (DSF_TYPE_STR | DSF_TYPE_MEM))) {
        q->val = e->val;
        return OK;
    }
    if ((e->flags & DSF_TYPE_STR) && q->len < e->len)
        return E2BIG;                          /* a string is never cut */
    n = q->len < e->len ? q->len : e->len;
    if (n && (r = sys_safecopyto(m->m_source, (cp_grant_id_t)q->val, 0,
                                 (vir_bytes)&st.pool[e->val], n)) != OK)
        return r;
    q->len = n;
    q->val = e->len;
    return OK;
}

int do_delete(struct ds_req *q, const struct ds_caller *c)
{
    struct ds_entry *e;
    int i, r;

    if ((r = lookup(q, &i)) != OK)
        return r;
    e = &st.ent[i];
    if (!c->label[0] || strcmp(e->owner, c->label))
        return EPERM;                          /* only the owner deletes */
    if (e->flags & (DSF_TYPE_STR | DSF_TYPE_MEM))
        pool_free(e->val, e->len);
    if (e->flags & DSF_TYPE_MAP)
        map_release(e->val);
    e->event = DS_EV_DELETED;
    e->flags |= DSE_TOMB;                      /* invisible from now on */
    mirror(e, sizeof(*e));
    subs_event(i);
    ds_tombstone_or_free(i);
    return OK;
}
