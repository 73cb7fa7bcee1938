/* ds: the data store (docs/ds.md, lantern/ds.h).
 *
 * A boot service that RS starts right after its core services.  It keeps
 * typed entries, maps labels to endpoints for everyone, and notifies
 * subscribers.  One request at a time, answered at once with REPLY_RECV;
 * only DS_LABEL_UPDATE (one-way, from RS) is not answered.  After a crash
 * RS restarts it and it reads its store back from the area RS lends it
 * (mirror.c), so no entry, label or subscription is lost. */
#include "ds.h"

static int start(int restart)
{
    const sef_init_info_t *info = sef_init_info();
    int r = OK;

    ds_reset_derived();
    mirror_attach(info->store_gid, info->store_bytes);
    if (restart && (r = mirror_load()) == OK) {
        ds_rebuild_derived();
    } else {
        if (restart)
            printf("ds: restarted without a saved store (%d): starting empty\n", r);
        memset(&st, 0, sizeof(st));
        st.magic = DS_STORE_MAGIC;
        st.bytes = sizeof(st);
        ds_reset_derived();
    }
    mirror_all();
    return labels_sync();
}

static int init_fresh(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    return start(0);
}

static int init_restart(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    return start(1);
}

static int dispatch(message *m)
{
    struct ds_req *q = (struct ds_req *)m->m_u.m_u8;
    struct ds_caller c;

    caller_identify(m->m_source, &c);
    switch (m->m_type) {
    case DS_PUBLISH:        return do_publish(m, q, &c);
    case DS_RETRIEVE:       return do_retrieve(m, q, &c);
    case DS_DELETE:         return do_delete(q, &c);
    case DS_SUBSCRIBE:      return do_subscribe(q, &c);
    case DS_UNSUBSCRIBE:    return do_unsubscribe(q, &c);
    case DS_CHECK:          return do_check(q, &c);
    case DS_RETRIEVE_LABEL: return do_retrieve_label(q);
    case DS_SNAPSHOT:       return do_snapshot(q, &c);
    case DS_LABEL_UPDATE:   return do_label_update(m, q);
    }
    return EBADREQUEST;
}

int main(void)
{
    message m;
    endpoint_t who;
    int r;

    sef_setcb_init_fresh(init_fresh);
    sef_setcb_init_restart(init_restart);
    sef_startup();
    sef_receive(ANY, &m);
    for (;;) {
        if (IS_NOTIFY(m.m_type)) {            /* nothing to answer */
            sef_receive(ANY, &m);
            continue;
        }
        who = m.m_source;
        int type = m.m_type;
        char key[DS_KEY_MAX];
        memcpy(key, ((struct ds_req *)m.m_u.m_u8)->key, sizeof(key));
        r = dispatch(&m);
        if (r == OK && (type == DS_CHECK || type == DS_RETRIEVE_LABEL))
            memcpy(key, ((struct ds_req *)m.m_u.m_u8)->key, sizeof(key));   /* the answer's key */
        ds_trace(type, who, r == EDONTREPLY ? OK : r, key);
        if (r == EDONTREPLY) {
            sef_receive(ANY, &m);
            continue;
        }
        m.m_type = r;
        sef_reply_receive(who, &m, ANY);
    }
}
