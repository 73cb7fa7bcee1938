/* store.c: the entry table, its key hash and the list of LABEL entries.
 *
 * A slot is free (flags 0), live (DSE_USED), or a tombstone (DSE_USED |
 * DSE_TOMB): a deleted entry that some subscriber has been told about and
 * not yet checked, kept so DS_CHECK can still name its key.  A publish of
 * the same key and type reuses the tombstone.  Lookups go through a hash of
 * the key with chains through next[]; LABEL entries are also listed in
 * labels[] so the caller's label (found by endpoint) costs a short scan.
 * Both are derived state, rebuilt from st after a restart. */
#include "ds.h"

#define HASH_SIZE   4096              /* power of two */
#define MAX_LABELS  128               /* LABEL entries: one per service label */

struct ds_store st;
static int32_t head[HASH_SIZE];
static int32_t next[DS_MAX_ENTRIES];
static int32_t labels[MAX_LABELS];
static int nlabels;

static uint32_t hash(const char *key)
{
    uint32_t h = 2166136261u;                /* FNV-1a */
    while (*key)
        h = (h ^ (uint8_t)*key++) * 16777619u;
    return h & (HASH_SIZE - 1);
}

int ds_type_ok(uint32_t type)
{
    return type && !(type & (type - 1)) && !(type & ~DSF_MASK_TYPE);
}

/* A key (or pattern) from a request: 1..DS_KEY_MAX-1 printable characters,
 * NUL-terminated inside the field. */
int ds_key_check(const char *key)
{
    size_t n = strnlen(key, DS_KEY_MAX);
    if (n == DS_KEY_MAX)
        return ENAMETOOLONG;
    if (n == 0)
        return EINVAL;
    for (size_t i = 0; i < n; i++)
        if ((uint8_t)key[i] < 0x20 || (uint8_t)key[i] == 0x7f)
            return EINVAL;
    return OK;
}

int ds_find(const char *key, uint32_t type, int live_only)
{
    for (int32_t i = head[hash(key)]; i >= 0; i = next[i]) {
        const struct ds_entry *e = &st.ent[i];
        if ((e->flags & DSF_MASK_TYPE) == type && !strcmp(e->key, key) &&
            !(live_only && (e->flags & DSE_TOMB)))
            return i;
    }
    return -1;
}

int ds_key_other_type(const char *key, uint32_t type)
{
    for (int32_t i = head[hash(key)]; i >= 0; i = next[i])
        if (!(st.ent[i].flags & DSE_TOMB) && (st.ent[i].flags & DSF_MASK_TYPE) != type &&
            !strcmp(st.ent[i].key, key))
            return 1;
    return 0;
}

static void link_slot(int i)
{
    uint32_t h = hash(st.ent[i].key);
    next[i] = head[h];
    head[h] = i;
    if ((st.ent[i].flags & DSF_MASK_TYPE) == DSF_TYPE_LABEL && nlabels < MAX_LABELS)
        labels[nlabels++] = i;
}

static void unlink_slot(int i)
{
    int32_t *p = &head[hash(st.ent[i].key)];
    while (*p >= 0 && *p != i)
        p = &next[*p];
    if (*p == i)
        *p = next[i];
    for (int k = 0; k < nlabels; k++)
        if (labels[k] == i)
            labels[k] = labels[--nlabels];
}

/* A free slot for (key, type), linked and counted; the caller fills it. */
int ds_new_slot(const char *key, uint32_t type)
{
    if (type == DSF_TYPE_LABEL && nlabels >= MAX_LABELS)
        return ENOSPC;
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        struct ds_entry *e = &st.ent[(i + st.nused) % DS_MAX_ENTRIES];
        if (e->flags)
            continue;
        int slot = (int)(e - st.ent);
        memset(e, 0, sizeof(*e));
        strcpy(e->key, key);
        e->flags = DSE_USED | type;
        link_slot(slot);
        st.nused++;
        mirror(&st.nused, sizeof(st.nused));
        return slot;
    }
    return ENOSPC;
}

void ds_free_slot(int i)
{
    struct ds_entry *e = &st.ent[i];
    unlink_slot(i);
    memset(e, 0, sizeof(*e));
    st.nused--;
    mirror(e, sizeof(*e));
    mirror(&st.nused, sizeof(st.nused));
}

/* Entry i was deleted and its subscribers marked: keep it as a tombstone
 * while one of them has not checked it. */
void ds_tombstone_or_free(int i)
{
    if (st.ent[i].pending == 0) {
        ds_free_slot(i);
        return;
    }
    st.ent[i].flags |= DSE_TOMB;
    mirror(&st.ent[i], sizeof(st.ent[i]));
}

int ds_label_by_endpoint(endpoint_t ep)
{
    for (int k = 0; k < nlabels; k++) {
        const struct ds_entry *e = &st.ent[labels[k]];
        if (!(e->flags & DSE_TOMB) && (endpoint_t)e->val == ep)
            return labels[k];
    }
    return -1;
}

void ds_reset_derived(void)
{
    memset(head, 0xff, sizeof(head));         /* -1: empty chains */
    nlabels = 0;
    pool_reset();
}

/* An entry read back after a restart: does it make sense? */
static int entry_sane(const struct ds_entry *e)
{
    uint32_t type = e->flags & DSF_MASK_TYPE;
    if (!(e->flags & DSE_USED) || !ds_type_ok(type) || type == DSF_TYPE_MAP ||
        ds_key_check(e->key) != OK || strnlen(e->owner, LABEL_MAX) == LABEL_MAX)
        return 0;
    if (type == DSF_TYPE_STR || type == DSF_TYPE_MEM)
        return !(e->flags & DSE_TOMB) ? pool_range_ok(e->val, e->len) : 1;
    return 1;
}

/* After a restart: the sane entries, linked again; the pool map. */
static void rebuild_entries(void)
{
    st.nused = 0;
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        struct ds_entry *e = &st.ent[i];
        if (!e->flags)
            continue;
        if (!entry_sane(e) || ds_find(e->key, e->flags & DSF_MASK_TYPE, 0) >= 0) {
            memset(e, 0, sizeof(*e));
            continue;
        }
        e->pending = 0;                       /* recounted from the subscriptions */
        link_slot(i);
        st.nused++;
        if (!(e->flags & DSE_TOMB) && (e->flags & (DSF_TYPE_STR | DSF_TYPE_MEM)))
            pool_mark(e->val, e->len);
    }
}

/* After a restart: subscription s's pattern compiled again and its bits
 * recounted (a bit for a slot that is free is dropped); a pattern that no
 * longer compiles drops the subscription. */
static void rebuild_sub(int s)
{
    struct ds_sub *sub = &st.sub[s];
    if (subs_compile(s) != OK) {
        memset(sub, 0, sizeof(*sub));
        return;
    }
    sub->npending = 0;
    for (int i = 0; i < DS_MAX_ENTRIES; i++) {
        if (!((sub->bits[i / 32] >> (i % 32)) & 1))
            continue;
        if (st.ent[i].flags) {
            st.ent[i].pending++;
            sub->npending++;
        } else {
            sub->bits[i / 32] &= ~(1u << (i % 32));
        }
    }
}

/* After a restart: drop what is not sane, then rebuild the hash, the LABEL
 * list, the pool map, the patterns and the pending counts. */
void ds_rebuild_derived(void)
{
    ds_reset_derived();
    rebuild_entries();
    for (int s = 0; s < DS_MAX_SUBS; s++)
        if (st.sub[s].in_use)
            rebuild_sub(s);
    for (int i = 0; i < DS_MAX_ENTRIES; i++)  /* tombstones nobody waits for */
        if ((st.ent[i].flags & DSE_TOMB) && !st.ent[i].pending)
            ds_free_slot(i);
}
