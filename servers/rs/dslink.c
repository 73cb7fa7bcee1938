/* dslink.c: what RS does for DS (docs/ds.md).
 *
 *  - the public table pub[] is lent to everyone, read-only, through one
 *    grant to ANY made at boot; its id goes out in every init request
 *    (m1.i4), so services read the table without asking RS (RS_PUBTAB
 *    requests still answer user programs, which may not copy);
 *  - DS gets, in its init request, a grant (read and write) of an area of
 *    RS's memory where it keeps a copy of its store; the grant is made to
 *    each new DS endpoint and the old one is revoked, so only the running DS
 *    can touch the area.  RS never reads it: it only keeps it alive;
 *  - every time RS starts a service it tells DS the label's new endpoint
 *    (DS_LABEL_UPDATE, through SENDA: RS never waits for DS).  User
 *    programs of the table (SF_USER) get no label in DS: they stay
 *    anonymous, so they may not publish.  Nothing goes to DS before it has
 *    answered its init: its first message from RS must be the init request. */
#include <safecopies.h>
#include <lantern/ds.h>
#include "rs.h"

static uint8_t ds_area[DS_STORE_BYTES] __attribute__((aligned(4096)));
static cp_grant_id_t pub_gid = -1, area_gid = -1;

int32_t rs_pubtab_gid(void)
{
    if (pub_gid < 0)
        pub_gid = cpf_grant_direct(ANY, (vir_bytes)pub, sizeof(pub), CPF_READ);
    return pub_gid;
}

static int is_ds(const struct rproc *rp)
{
    return !strcmp(pub[rp_index(rp)].label, "ds");
}

/* The store grant for rp's new process, or -1 for anyone but DS. */
int32_t rs_store_gid(const struct rproc *rp)
{
    if (!is_ds(rp))
        return -1;
    if (area_gid >= 0)
        cpf_revoke(area_gid);
    area_gid = cpf_grant_direct(pub[rp_index(rp)].endpoint, (vir_bytes)ds_area,
                                sizeof(ds_area), CPF_READ | CPF_WRITE);
    return area_gid;
}

void rs_publish_label(const struct rproc *rp)
{
    const struct rs_pub *p = &pub[rp_index(rp)];
    struct rproc *ds = rp_by_label("ds");
    struct ds_req *q;
    message m;

    if (!ds || is_ds(rp) || (p->sys_flags & SF_USER) || p->endpoint == NONE ||
        pub[rp_index(ds)].endpoint == NONE || (ds->r_flags & RS_INITIALIZING) ||
        !ds->r_ready_us)
        return;                                /* DS reads the table when it starts,
                                                  and rs_labels_to_ds() follows its init */
    memset(&m, 0, sizeof(m));
    m.m_type = DS_LABEL_UPDATE;
    q = (struct ds_req *)m.m_u.m_u8;
    q->flags = DSF_TYPE_LABEL;
    q->val = (uint32_t)p->endpoint;
    strncpy(q->key, p->label, sizeof(q->key) - 1);
    rs_asyn_post(RS_ASYN_LABEL + rp_index(rp), pub[rp_index(ds)].endpoint, &m);
}

/* DS answered its init: it read the table then, so tell it again every
 * label, in case a service started while DS was initializing. */
void rs_labels_to_ds(const struct rproc *rp)
{
    if (!is_ds(rp))
        return;
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if (rproc[i].r_flags & RS_IN_USE)
            rs_publish_label(&rproc[i]);
}
