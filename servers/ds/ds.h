/* ds.h (private): DS's store and the functions of its parts.
 *
 * Everything that must survive a crash of DS is in `st` (struct ds_store):
 * the entries, the subscriptions with their pending bits, and the pool that
 * holds STR and MEM values.  It holds no pointers (offsets and indexes
 * only), so a byte copy of it is a valid store: DS mirrors every change
 * into the area RS lends it (mirror.c) and reads the area back after a
 * restart.  What can be rebuilt from `st` is not in it: the key hash, the
 * list of LABEL entries, the pool's allocation map and the compiled
 * patterns (rebuild_derived() in store.c). */
#ifndef DS_DS_H
#define DS_DS_H

#include <string.h>
#include <stdio.h>
#include <regex.h>
#include <sef.h>
#include <safecopies.h>
#include <lantern/ds.h>
#include <lantern/trace_events.h>

#define DSE_USED   0x10000000u    /* slot holds an entry (live or tombstone) */
#define DSE_TOMB   0x20000000u    /* deleted; kept until every subscriber that was
                                     told has checked it (pending == 0) */

struct ds_entry {
    char     key[DS_KEY_MAX];
    char     owner[LABEL_MAX];    /* label of the publisher */
    uint32_t flags;               /* DSE_* | type | DSF_PRIV_* */
    uint32_t val;                 /* U32 and LABEL: the value; STR, MEM: pool offset */
    uint32_t len;                 /* STR (NUL included), MEM: bytes */
    uint32_t event;               /* DS_EV_* of the last change */
    uint32_t pending;             /* subscriptions with this entry's bit set */
};

#define DS_BITMAP_WORDS (DS_MAX_ENTRIES / 32)

struct ds_sub {
    uint32_t   in_use;
    uint32_t   types;             /* DSF_TYPE_* it wants */
    endpoint_t ep;                /* the subscriber: notified, and it checks */
    char       owner[LABEL_MAX];  /* its label, "" for a process without one */
    char       pattern[DS_KEY_MAX];
    uint32_t   npending;          /* bits set in `bits` */
    uint32_t   bits[DS_BITMAP_WORDS];   /* entry i changed, not yet checked */
};

#define DS_STORE_MAGIC   0x44535431u   /* "DST1" */
#define DS_POOL_UNIT     32            /* allocation unit of the pool */
#define DS_POOL_UNITS    (DS_POOL_BYTES / DS_POOL_UNIT)

struct ds_store {
    uint32_t magic, bytes;        /* DS_STORE_MAGIC, sizeof(struct ds_store) */
    uint32_t nused;               /* slots with DSE_USED */
    uint32_t reserved;
    struct ds_entry ent[DS_MAX_ENTRIES];
    struct ds_sub   sub[DS_MAX_SUBS];
    uint8_t  pool[DS_POOL_BYTES];
};
LANTERN_STATIC_ASSERT(sizeof(struct ds_store) <= DS_STORE_BYTES, "the store fits RS's area");

extern struct ds_store st;

/* The request being served: who sent it and under which label. */
struct ds_caller {
    endpoint_t ep;
    char label[LABEL_MAX];        /* "" without one */
};

/* store.c: entries, the key hash, the LABEL list */
int  ds_find(const char *key, uint32_t type, int live_only);   /* slot or -1 */
int  ds_key_other_type(const char *key, uint32_t type);        /* a live entry of another type? */
int  ds_new_slot(const char *key, uint32_t type);              /* slot or ENOSPC */
void ds_free_slot(int i);
void ds_tombstone_or_free(int i);
int  ds_label_by_endpoint(endpoint_t ep);                      /* slot or -1 */
void ds_reset_derived(void);
void ds_rebuild_derived(void);
int  ds_type_ok(uint32_t type);                                 /* exactly one known type */
int  ds_key_check(const char *key);                             /* OK, EINVAL, ENAMETOOLONG */

/* pool.c: STR and MEM values */
int  pool_alloc(uint32_t bytes, uint32_t *off);                 /* OK or ENOSPC */
void pool_free(uint32_t off, uint32_t bytes);
void pool_mark(uint32_t off, uint32_t bytes);                  /* rebuilding the map */
void pool_reset(void);
int  pool_range_ok(uint32_t off, uint32_t bytes);

/* request.c: publish, retrieve, delete */
int do_publish(message *m, struct ds_req *q, const struct ds_caller *c);
int do_retrieve(message *m, struct ds_req *q, const struct ds_caller *c);
int do_delete(struct ds_req *q, const struct ds_caller *c);
int ds_set_entry(int i, const struct ds_req *q, const char *owner, uint32_t val, uint32_t len,
                 int existed);

/* map.c: MAP entries (safemap) */
int  map_publish(const message *m, const struct ds_req *q, uint32_t *k);
void map_release(uint32_t k);
int  map_retrieve(const message *m, struct ds_req *q, const struct ds_entry *e);
int  do_snapshot(struct ds_req *q, const struct ds_caller *c);

/* subs.c: subscriptions */
int  do_subscribe(struct ds_req *q, const struct ds_caller *c);
int  do_unsubscribe(struct ds_req *q, const struct ds_caller *c);
int  do_check(struct ds_req *q, const struct ds_caller *c);
void subs_event(int i);                    /* entry i changed: mark and notify */
void subs_drop_label(const char *label, endpoint_t keep);
int  subs_compile(int s);                  /* (re)compile sub s's pattern: OK or EINVAL */
void subs_forget(int s);                   /* clear its bits, free it */

/* labels.c: who is calling, LABEL entries from RS */
void caller_identify(endpoint_t ep, struct ds_caller *c);
int  do_label_update(const message *m, struct ds_req *q);
int  do_retrieve_label(struct ds_req *q);
int  labels_publish(const char *label, endpoint_t ep);
int  labels_sync(void);                    /* from RS's public table */

/* trace.c: a MARK per request for the tracer (ds_activity) */
void ds_trace(int type, endpoint_t caller, int result, const char *key);

/* mirror.c: the copy of the store in RS's area */
void mirror_attach(int32_t gid, uint32_t bytes);
void mirror(const void *part, uint32_t bytes);
int  mirror_load(void);                    /* OK: st holds the saved store */
void mirror_all(void);

#endif
