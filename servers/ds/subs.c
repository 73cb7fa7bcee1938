/* subs.c: subscriptions, notifications and DS_CHECK.
 *
 * A subscription is (subscriber endpoint, pattern, types).  Its bitmap has
 * one bit per entry slot: "this entry changed and the subscriber has not
 * checked it yet".  An event on entry i sets i's bit in every matching
 * subscription and sends each subscriber a notify (which the kernel
 * merges); DS_CHECK hands out the lowest pending entry with its last event
 * and clears its bit in all of the caller's subscriptions, so one change is
 * reported once even when two of its patterns match.  The entry counts the
 * bits set for it (pending): a deleted entry stays a tombstone until that
 * count is 0.  A subscriber whose notify fails because it is gone is
 * dropped, and so are the subscriptions of a label that RS has restarted. */
#include "ds.h"

static regex_t re[DS_MAX_SUBS];              /* compiled "^(pattern)$", derived */
static int re_ok[DS_MAX_SUBS];

static int bit(const struct ds_sub *s, int i) { return (s->bits[i / 32] >> (i % 32)) & 1; }

static void set_bit(struct ds_sub *s, int i)
{
    s->bits[i / 32] |= 1u << (i % 32);
    s->npending++;
    st.ent[i].pending++;
    mirror(&s->bits[i / 32], sizeof(uint32_t));
}

/* Clear i's bit in s; frees i if it was a tombstone nobody else waits for. */
static void clear_bit(struct ds_sub *s, int i)
{
    s->bits[i / 32] &= ~(1u << (i % 32));
    s->npending--;
    st.ent[i].pending--;
    mirror(&s->bits[i / 32], sizeof(uint32_t));
    if ((st.ent[i].flags & DSE_TOMB) && !st.ent[i].pending)
        ds_free_slot(i);
}

int subs_compile(int s)
{
    char anchored[DS_KEY_MAX + 8];
    if (re_ok[s])
        regfree(&re[s]);
    re_ok[s] = 0;
    snprintf(anchored, sizeof(anchored), "^(%s)$", st.sub[s].pattern);
    if (regcomp(&re[s], anchored, REG_EXTENDED | REG_NOSUB) != 0)
        return EINVAL;
    re_ok[s] = 1;
    return OK;
}

void subs_forget(int s)
{
    struct ds_sub *sub = &st.sub[s];
    for (int w = 0; sub->npending && w < DS_BITMAP_WORDS; w++)
        while (sub->bits[w])
            clear_bit(sub, w * 32 + __builtin_ctz(sub->bits[w]));
    if (re_ok[s])
        regfree(&re[s]);
    re_ok[s] = 0;
    memset(sub, 0, sizeof(*sub));
    mirror(sub, sizeof(*sub));
}

static int matches(int s, const struct ds_entry *e)
{
    const struct ds_sub *sub = &st.sub[s];
    if (!sub->in_use || !re_ok[s] || !(sub->types & e->flags & DSF_MASK_TYPE))
        return 0;
    if ((e->flags & DSF_PRIV_SUBSCRIBE) && strcmp(sub->owner, e->owner))
        return 0;
    return regexec(&re[s], e->key, 0, NULL, 0) == 0;
}

static void notify(int s)
{
    int r = ipc_notify(st.sub[s].ep);
    if (r == EDEADSRCDST || r == EBADSRCDST)
        subs_forget(s);                        /* the subscriber is gone */
}

void subs_event(int i)
{
    for (int s = 0; s < DS_MAX_SUBS; s++) {
        if (!matches(s, &st.ent[i]))
            continue;
        if (!bit(&st.sub[s], i))
            set_bit(&st.sub[s], i);
        notify(s);
    }
}

void subs_drop_label(const char *label, endpoint_t keep)
{
    for (int s = 0; s < DS_MAX_SUBS; s++)
        if (st.sub[s].in_use && !strcmp(st.sub[s].owner, label) && st.sub[s].ep != keep)
            subs_forget(s);
}

static int find_sub(endpoint_t ep, const char *pattern)
{
    for (int s = 0; s < DS_MAX_SUBS; s++)
        if (st.sub[s].in_use && st.sub[s].ep == ep && !strcmp(st.sub[s].pattern, pattern))
            return s;
    return -1;
}

/* A free subscription slot for c, or ENOSPC (table full, or a caller
 * without a label at its DS_USER_SUBS). */
static int free_sub(const struct ds_caller *c)
{
    int mine = 0, slot = ENOSPC;
    for (int s = 0; s < DS_MAX_SUBS; s++) {
        if (st.sub[s].in_use)
            mine += st.sub[s].ep == c->ep;
        else if (slot < 0)
            slot = s;
    }
    return (!c->label[0] && mine >= DS_USER_SUBS) ? ENOSPC : slot;
}

/* DSF_INITIAL: mark what already exists. */
static void mark_existing(int s)
{
    int any = 0;
    for (int i = 0; i < DS_MAX_ENTRIES; i++)
        if ((st.ent[i].flags & DSE_USED) && !(st.ent[i].flags & DSE_TOMB) &&
            matches(s, &st.ent[i]) && !bit(&st.sub[s], i)) {
            set_bit(&st.sub[s], i);
            any = 1;
        }
    if (any)
        notify(s);
}

/* Fill free slot s with c's subscription to pattern: OK, or EINVAL for a
 * pattern that is not a valid regular expression (the slot stays free). */
static int new_sub(int s, const char *pattern, const struct ds_caller *c)
{
    struct ds_sub *sub = &st.sub[s];
    memset(sub, 0, sizeof(*sub));
    strcpy(sub->pattern, pattern);
    if (subs_compile(s) != OK) {
        memset(sub, 0, sizeof(*sub));
        return EINVAL;
    }
    sub->ep = c->ep;
    strcpy(sub->owner, c->label);
    sub->in_use = 1;
    return OK;
}

int do_subscribe(struct ds_req *q, const struct ds_caller *c)
{
    int r, s;

    if ((r = ds_key_check(q->key)) != OK)
        return r;
    if (q->flags & ~(DSF_MASK_TYPE | DSF_INITIAL | DSF_OVERWRITE))
        return EINVAL;
    if ((s = find_sub(c->ep, q->key)) >= 0 && !(q->flags & DSF_OVERWRITE))
        return EEXIST;
    if (s < 0 && ((s = free_sub(c)) < 0 || (r = new_sub(s, q->key, c)) != OK))
        return s < 0 ? s : r;
    st.sub[s].types = (q->flags & DSF_MASK_TYPE) ? (q->flags & DSF_MASK_TYPE) : DSF_MASK_TYPE;
    mirror(&st.sub[s], sizeof(st.sub[s]));
    if (q->flags & DSF_INITIAL)
        mark_existing(s);
    return OK;
}

int do_unsubscribe(struct ds_req *q, const struct ds_caller *c)
{
    int r, s;
    if ((r = ds_key_check(q->key)) != OK)
        return r;
    if ((s = find_sub(c->ep, q->key)) < 0)
        return ESRCH;
    subs_forget(s);
    return OK;
}

/* The lowest pending entry over all of the caller's subscriptions. */
static int lowest_pending(endpoint_t ep, int *had_sub)
{
    int best = -1;
    for (int s = 0; s < DS_MAX_SUBS; s++) {
        const struct ds_sub *sub = &st.sub[s];
        if (!sub->in_use || sub->ep != ep)
            continue;
        *had_sub = 1;
        for (int w = 0; sub->npending && w < DS_BITMAP_WORDS && (best < 0 || w * 32 <= best); w++)
            if (sub->bits[w]) {
                int i = w * 32 + __builtin_ctz(sub->bits[w]);
                if (best < 0 || i < best)
                    best = i;
                break;
            }
    }
    return best;
}

int do_check(struct ds_req *q, const struct ds_caller *c)
{
    int had = 0, i = lowest_pending(c->ep, &had);
    const struct ds_entry *e;

    if (!had)
        return ESRCH;                          /* no subscription */
    if (i < 0)
        return ENOENT;                         /* nothing changed */
    e = &st.ent[i];
    memset(q, 0, sizeof(*q));
    strcpy(q->key, e->key);
    q->flags = (e->flags & DSF_MASK_TYPE) | e->event;
    if ((e->flags & (DSF_TYPE_U32 | DSF_TYPE_LABEL)) && !(e->flags & DSE_TOMB) &&
        (!(e->flags & DSF_PRIV_RETRIEVE) || !strcmp(e->owner, c->label)))
        q->val = e->val;
    for (int s = 0; s < DS_MAX_SUBS; s++)      /* last: this may free a tombstone */
        if (st.sub[s].in_use && st.sub[s].ep == c->ep && bit(&st.sub[s], i))
            clear_bit(&st.sub[s], i);
    return OK;
}
