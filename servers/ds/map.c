/* map.c: MAP entries, a range of the publisher's memory shared through
 * safemap (lantern/ds.h, docs/ds.md "MAP").
 *
 * Publish: the publisher's grant (CPF_READ | CPF_MAP) is mapped read-only
 * into one of DS_MAX_MAPS windows of DS_MAP_MAX bytes in DS's heap (made
 * with sbrk at the first MAP publish), so DS and every retriever see the
 * publisher's current data without a copy.  The entry's val is the window
 * index.  Snapshots are private copies in the value pool.  A MAP_MAPPED
 * retriever gets a grant of the window (CPF_READ | CPF_MAP) that DS keeps
 * until the entry is deleted; the delete revokes it (cpf_revoke undoes
 * the retrievers' mappings: they keep private copies) and unmaps the
 * window (DS keeps a private copy there until the window is used again).
 *
 * Lifetime: the publisher's grant must stay valid while the entry lives
 * (libsys keeps it and revokes it after ds_delete_map).  If the publisher
 * exits, VM leaves DS the frames: the entry stays, frozen at the
 * publisher's last contents, until its owner label deletes it.  MAP
 * entries live in DS's address space, not in the mirrored store: they do
 * not survive a restart of DS (store.c drops them).
 */
#include <unistd.h>
#include "ds.h"

struct ds_map {
    int used;
    uint32_t bytes;
    uint32_t nsnap, snap_off[DS_MAP_SNAPS];
    endpoint_t client[DS_MAP_CLIENTS];
    cp_grant_id_t cgrant[DS_MAP_CLIENTS];
};

static struct ds_map maps[DS_MAX_MAPS];
static uint8_t *win;                    /* DS_MAX_MAPS windows, page aligned */

static vir_bytes win_of(uint32_t k) { return (vir_bytes)win + k * DS_MAP_MAX; }

static int windows(void)
{
    uint8_t *p;
    if (win)
        return OK;
    if ((p = sbrk(DS_MAX_MAPS * DS_MAP_MAX + 4096)) == (void *)-1)
        return ENOMEM;
    win = (uint8_t *)(((uint32_t)p + 4095) & ~4095u);
    return OK;
}

/* Publish (no entry of this key yet): map the caller's grant q->val of
 * q->len bytes into a free window; *k = its index. */
int map_publish(const message *m, const struct ds_req *q, uint32_t *k)
{
    int r;

    if (q->len == 0 || (q->len & 4095))
        return EINVAL;
    if (q->len > DS_MAP_MAX)
        return E2BIG;
    if ((r = windows()) != OK)
        return r;
    for (*k = 0; *k < DS_MAX_MAPS && maps[*k].used; (*k)++)
        ;
    if (*k == DS_MAX_MAPS)
        return ENOSPC;
    if ((r = sys_safemap(m->m_source, (cp_grant_id_t)q->val, 0, win_of(*k), q->len, 0)) != OK)
        return r;
    memset(&maps[*k], 0, sizeof(maps[*k]));
    maps[*k].used = 1;
    maps[*k].bytes = q->len;
    return OK;
}

/* Delete (or a publish that could not get its entry): grants revoked, the
 * window unmapped (ENOENT when the publisher died: VM already let go),
 * snapshots freed. */
void map_release(uint32_t k)
{
    struct ds_map *mp = &maps[k];

    for (int i = 0; i < DS_MAP_CLIENTS; i++)
        if (mp->client[i] != 0)
            cpf_revoke(mp->cgrant[i]);
    sys_safeunmap(win_of(k));
    for (uint32_t i = 0; i < mp->nsnap; i++)
        pool_free(mp->snap_off[i], mp->bytes);
    memset(mp, 0, sizeof(*mp));
}

/* MAP_MAPPED: the caller's grant of window k (one per caller, kept). */
static int map_grant(endpoint_t who, uint32_t k, struct ds_req *q)
{
    struct ds_map *mp = &maps[k];
    int i, free_i = -1;

    for (i = 0; i < DS_MAP_CLIENTS && mp->client[i] != who; i++)
        if (mp->client[i] == 0 && free_i < 0)
            free_i = i;
    if (i == DS_MAP_CLIENTS) {
        if (free_i < 0)
            return ENOSPC;
        cp_grant_id_t g = cpf_grant_direct(who, win_of(k), mp->bytes, CPF_READ | CPF_MAP);
        if (g < 0)
            return g;
        mp->client[free_i] = who;
        mp->cgrant[free_i] = g;
        i = free_i;
    }
    q->val = (uint32_t)mp->cgrant[i];
    q->len = mp->bytes;
    return OK;
}

/* A copy of the live window or of a snapshot into the caller's grant. */
static int map_copy(endpoint_t who, uint32_t k, struct ds_req *q, int snap)
{
    struct ds_map *mp = &maps[k];
    uint32_t idx = DSMF_SNAP_INDEX(q->flags), n = q->len < mp->bytes ? q->len : mp->bytes;
    vir_bytes from = win_of(k);
    int r;

    if (snap && idx >= mp->nsnap)
        return EINVAL;
    if (snap)
        from = (vir_bytes)&st.pool[mp->snap_off[idx]];
    if (n && (r = sys_safecopyto(who, (cp_grant_id_t)q->val, 0, from, n)) != OK)
        return r;
    q->len = n;
    q->val = mp->bytes;
    return OK;
}

/* Retrieve of MAP entry e: exactly one mode. */
int map_retrieve(const message *m, struct ds_req *q, const struct ds_entry *e)
{
    uint32_t mode = q->flags & (DSMF_MAP_MAPPED | DSMF_COPY_MAPPED | DSMF_COPY_SNAPSHOT);

    if (mode == DSMF_MAP_MAPPED)
        return map_grant(m->m_source, e->val, q);
    if (mode == DSMF_COPY_MAPPED || mode == DSMF_COPY_SNAPSHOT)
        return map_copy(m->m_source, e->val, q, mode == DSMF_COPY_SNAPSHOT);
    return EINVAL;
}

/* DS_SNAPSHOT: a private copy of the contents now, in the pool. */
int do_snapshot(struct ds_req *q, const struct ds_caller *c)
{
    int i = -1, r;

    if ((q->flags & DSF_MASK_TYPE) != DSF_TYPE_MAP || (q->flags & ~DSF_MASK_TYPE))
        return EINVAL;
    if ((r = ds_key_check(q->key)) != OK)
        return r;
    if ((i = ds_find(q->key, DSF_TYPE_MAP, 1)) < 0)
        return ESRCH;
    const struct ds_entry *e = &st.ent[i];
    struct ds_map *mp = &maps[e->val];
    if ((e->flags & (DSF_PRIV_SNAPSHOT | DSF_PRIV_RETRIEVE)) && strcmp(e->owner, c->label))
        return EPERM;
    if (mp->nsnap == DS_MAP_SNAPS)
        return ENOSPC;
    if ((r = pool_alloc(mp->bytes, &mp->snap_off[mp->nsnap])) != OK)
        return r;
    memcpy(&st.pool[mp->snap_off[mp->nsnap]], (const void *)win_of(e->val), mp->bytes);
    q->val = mp->nsnap++;
    return OK;
}
