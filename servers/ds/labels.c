/* labels.c: LABEL entries (label -> endpoint) and the caller's identity.
 *
 * RS is the only source of labels: it sends DS_LABEL_UPDATE (one-way,
 * through SENDA, so RS never waits for DS) whenever it starts or restarts a
 * service, and DS reads RS's public table through the read-only grant RS
 * passes in every init request (labels_sync) when it starts or restarts
 * itself, which repairs any update it missed while it was down.  LABEL
 * entries are owned by "rs"; a label is never deleted when its service dies
 * (it goes stale until the next start).
 *
 * A caller's label is the key of the live LABEL entry whose value is its
 * endpoint; RS is "rs" and DS "ds" whatever the table says.  Endpoints
 * carry a generation, so a dead service's stale entry never names a new
 * process. */
#include "ds.h"

static endpoint_t self = NONE;

void caller_identify(endpoint_t ep, struct ds_caller *c)
{
    int i;
    c->ep = ep;
    c->label[0] = 0;
    if (ep == RS_ENDPOINT)
        strcpy(c->label, "rs");
    else if (ep == self)
        strcpy(c->label, "ds");
    else if ((i = ds_label_by_endpoint(ep)) >= 0)
        strcpy(c->label, st.ent[i].key);
}

/* Set label -> ep (owner "rs").  Another label of the same endpoint is a
 * stale one (the endpoint is fresh, so only a rename) and is deleted.  The
 * service's old subscriptions belong to a dead process: dropped. */
int labels_publish(const char *label, endpoint_t ep)
{
    struct ds_req q;
    int i = ds_find(label, DSF_TYPE_LABEL, 1), other = ds_label_by_endpoint(ep), existed = i >= 0;

    if (strnlen(label, LABEL_MAX) >= LABEL_MAX || ds_key_check(label) != OK)
        return EINVAL;
    if (existed && st.ent[i].val == (uint32_t)ep)
        return OK;                             /* nothing changed */
    if (other >= 0 && other != i) {
        st.ent[other].event = DS_EV_DELETED;
        st.ent[other].flags |= DSE_TOMB;
        subs_event(other);
        ds_tombstone_or_free(other);
    }
    if (!existed && (i = ds_find(label, DSF_TYPE_LABEL, 0)) < 0 &&
        (i = ds_new_slot(label, DSF_TYPE_LABEL)) < 0)
        return i;
    subs_drop_label(label, ep);
    memset(&q, 0, sizeof(q));
    q.flags = DSF_TYPE_LABEL;
    return ds_set_entry(i, &q, "rs", (uint32_t)ep, 0, existed);
}

int do_label_update(const message *m, struct ds_req *q)
{
    if (m->m_source != RS_ENDPOINT)
        return EPERM;
    q->key[DS_KEY_MAX - 1] = 0;
    labels_publish(q->key, (endpoint_t)q->val);
    return EDONTREPLY;                         /* one-way: RS sent it with SENDA */
}

int do_retrieve_label(struct ds_req *q)
{
    int i = ds_label_by_endpoint((endpoint_t)q->val);
    if (i < 0)
        return ESRCH;
    memset(q->key, 0, sizeof(q->key));
    strcpy(q->key, st.ent[i].key);
    return OK;
}

/* Every running service of RS's public table, and DS itself. */
int labels_sync(void)
{
    static struct rs_pub pub[NR_RS_SERVICES];
    const sef_init_info_t *info = sef_init_info();
    struct whoami_info me;
    int r;

    if (sys_whoami(&me) == OK) {
        self = me.endpoint;
        labels_publish("ds", self);
    }
    if (info->pubtab_gid < 0)
        return OK;                             /* not started by RS: no table */
    r = sys_safecopyfrom(RS_ENDPOINT, info->pubtab_gid, 0, (vir_bytes)pub, sizeof(pub));
    if (r != OK)
        return r;
    for (int i = 0; i < NR_RS_SERVICES; i++) {
        pub[i].label[LABEL_MAX - 1] = 0;
        if (pub[i].in_use && pub[i].endpoint != NONE && !(pub[i].sys_flags & SF_USER) &&
            strcmp(pub[i].label, "ds"))
            labels_publish(pub[i].label, pub[i].endpoint);
    }
    return OK;
}
