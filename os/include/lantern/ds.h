/* ds.h: the protocol of DS, the data store (servers/ds, docs/ds.md).
 *
 * DS keeps typed entries under string keys, maps service labels to
 * endpoints, and notifies subscribers when an entry that matches one of
 * their regular expressions is published, updated or deleted.  Requests are
 * sent with sendrec; the reply's m_type is OK or a negative error.  The
 * request and the reply carry a struct ds_req in the payload: the key (or a
 * subscription's pattern) travels inline, values bigger than a word (STR,
 * MEM) through a grant the caller makes for DS.
 *
 * Who may do what (docs/ds.md has the whole table):
 *  - any process (users too) may retrieve public entries, subscribe (a user
 *    process at most DS_USER_SUBS subscriptions) and check;
 *  - publishing and deleting need an identity: the caller's label, which DS
 *    learns from the LABEL entries RS publishes.  A caller without a label
 *    (a user process, a service's spawned child) gets EPERM;
 *  - only the owner (the label that published an entry) overwrites or
 *    deletes it (EPERM); a DSF_PRIV_RETRIEVE entry is readable by its owner
 *    only (EPERM), a DSF_PRIV_SUBSCRIBE one notifies its owner only;
 *  - LABEL entries are published and deleted by RS only (EPERM), and
 *    DS_LABEL_UPDATE is taken from RS only (EPERM).
 * MAP entries (a range shared through safemap, docs/ds.md "MAP"): the
 * publisher grants DS a page-aligned range with CPF_READ | CPF_MAP; DS maps
 * it read-only into its own window, so retrieves see the publisher's
 * current data.  Retrieve modes: DSMF_COPY_MAPPED (a copy of the live
 * contents into the caller's grant), DSMF_COPY_SNAPSHOT (a copy of
 * snapshot DSMF_SNAP_INDEX), DSMF_MAP_MAPPED (reply val = a grant of DS's
 * window to the caller, CPF_READ | CPF_MAP: it may safemap or safecopy
 * it, and sees the publisher's writes).  DS_SNAPSHOT takes a private copy
 * of the current contents (reply val = its index).  Errors of MAP: docs/ds.md.
 */
#ifndef LANTERN_DS_H
#define LANTERN_DS_H

#include <lantern/types.h>
#include <lantern/message.h>
#include <lantern/endpoint.h>

#define DS_RQ_BASE        0xD00
#define DS_PUBLISH        0xD00   /* key, flags (type + DSF_*), val / grant, len */
#define DS_RETRIEVE       0xD01   /* key, flags = type; MEM/STR: val = grant, len = its size */
#define DS_DELETE         0xD02   /* key, flags = type */
#define DS_SUBSCRIBE      0xD03   /* key = pattern (POSIX ERE), flags = types + DSF_INITIAL/OVERWRITE */
#define DS_UNSUBSCRIBE    0xD04   /* key = the pattern subscribed with */
#define DS_CHECK          0xD05   /* reply: key, flags = type | DS_EV_*, val = U32/LABEL value */
#define DS_RETRIEVE_LABEL 0xD06   /* val = endpoint; reply key = its label */
#define DS_SNAPSHOT       0xD07   /* MAP only: key, flags = DSF_TYPE_MAP; reply val = index */
#define DS_LABEL_UPDATE   0xD08   /* RS -> DS, one-way (SENDA, never answered):
                                     key = label, val = its new endpoint */
#define DS_RQ_LAST        0xD1F

/* seqd (servers/seqd): unique increasing numbers that survive its crashes. */
#define SEQ_NEXT          0xD20   /* reply m1.i1 = the next number (from 1) */


/* The ds suite's subscriber (tests/guest/ds/ds_subs.c); only the process
 * labelled ds_test may ask (EPERM). */
#define DSTEST_STATS      0xD30   /* reply: struct dstest_stats in the payload */
#define DSTEST_SUBSCRIBE  0xD31   /* m_str = pattern: subscribe and reset the counts */
#define DSTEST_AS         0xD32   /* payload struct ds_req with len = a DS request type:
                                     make it under the subscriber's own label */
#define DSTEST_MAP        0xD09   /* m_u32[0] = DSTEST_MAP_*: the subscriber as a MAP
                                     publisher (key "sub_map", one page) */
#define DSTEST_MAP_PUBLISH 1      /* publish its page holding m_u32[1] */
#define DSTEST_MAP_SET     2      /* write m_u32[1] into the page */
#define DSTEST_MAP_EXIT    3      /* answer, then exit(1) (RS restarts it) */

/* DS_MTYPE_TABLE(X): X(NAME, "protocol", "description"), lantern/mtypes.h. */
#define DS_MTYPE_TABLE(X) \
    X(DS_PUBLISH,        "ds", "publish or overwrite an entry") \
    X(DS_RETRIEVE,       "ds", "read an entry") \
    X(DS_DELETE,         "ds", "delete an entry (owner only)") \
    X(DS_SUBSCRIBE,      "ds", "subscribe to keys matching a regular expression") \
    X(DS_UNSUBSCRIBE,    "ds", "drop one of the caller's subscriptions") \
    X(DS_CHECK,          "ds", "which subscribed entry changed, and how") \
    X(DS_RETRIEVE_LABEL, "ds", "label of an endpoint") \
    X(DS_SNAPSHOT,       "ds", "snapshot of a MAP entry: a private copy of its contents now") \
    X(DS_LABEL_UPDATE,   "ds", "RS tells DS a service's label and endpoint (one-way)") \
    X(SEQ_NEXT,          "seqd", "the next unique number") \
    X(DSTEST_STATS,      "ds_test", "the ds suite's subscriber: its counts") \
    X(DSTEST_SUBSCRIBE,  "ds_test", "the ds suite's subscriber: subscribe to a pattern") \
    X(DSTEST_AS,         "ds_test", "the ds suite's subscriber: a DS request under its label") \
    X(DSTEST_MAP,        "ds_test", "the ds suite's subscriber: publish, write or exit as a MAP publisher")

/* Entry types (flags & DSF_MASK_TYPE); one bit each so a subscription can
 * name a set of them.  The same key may exist once per type. */
#define DSF_TYPE_U32      0x001
#define DSF_TYPE_STR      0x002
#define DSF_TYPE_MEM      0x004
#define DSF_TYPE_MAP      0x008   /* a range shared through safemap */
#define DSF_TYPE_LABEL    0x010
#define DSF_MASK_TYPE     0x01f

/* Privacy, stored in the entry, each its own bit (the reference shared one
 * bit between PRIV_OVERWRITE and PRIV_SNAPSHOT). */
#define DSF_PRIV_RETRIEVE  0x100  /* only the owner may retrieve */
#define DSF_PRIV_OVERWRITE 0x200  /* kept for the reference's callers: overwriting is
                                     always owner-only in Lantern */
#define DSF_PRIV_SNAPSHOT  0x400  /* only the owner may snapshot (MAP) */
#define DSF_PRIV_SUBSCRIBE 0x800  /* only the owner is notified about it */
#define DSF_PRIVATE        (DSF_PRIV_RETRIEVE | DSF_PRIV_SUBSCRIBE)
#define DSF_MASK_PRIV      0xf00

/* Request flags, not stored. */
#define DSF_OVERWRITE     0x1000  /* publish: replace an entry of ours; subscribe: replace
                                     our subscription with the same pattern */
#define DSF_INITIAL       0x2000  /* subscribe: also report the matching entries that exist */
#define DSMF_MAP_MAPPED   0x10000 /* MAP retrieve: a grant of DS's window (reply val) */
#define DSMF_COPY_MAPPED  0x20000 /* MAP retrieve: a copy of the live contents */
#define DSMF_COPY_SNAPSHOT 0x40000 /* MAP retrieve: a copy of snapshot DSMF_SNAP_INDEX */
#define DSMF_SNAP_SHIFT   24
#define DSMF_SNAP_MASK    0x0f000000u
#define DSMF_SNAP(i)      (((uint32_t)(i) << DSMF_SNAP_SHIFT) & DSMF_SNAP_MASK)
#define DSMF_SNAP_INDEX(f) (((f) & DSMF_SNAP_MASK) >> DSMF_SNAP_SHIFT)
#define DSF_MASK_REQUEST  (DSF_MASK_TYPE | DSF_MASK_PRIV | DSF_OVERWRITE | DSF_INITIAL | \
                           DSMF_MAP_MAPPED | DSMF_COPY_MAPPED | DSMF_COPY_SNAPSHOT | DSMF_SNAP_MASK)

/* DS_CHECK's answer says how the entry changed (its last change since the
 * caller's previous check of it: changes between two checks merge). */
#define DS_EV_PUBLISHED   0x100000   /* it was created */
#define DS_EV_UPDATED     0x200000   /* it was overwritten */
#define DS_EV_DELETED     0x400000   /* it was deleted (the key is still reported) */
#define DS_EV_MASK        0x700000

/* Limits (docs/ds.md).  Past one the call fails with the error named and
 * nothing else changes. */
#define DS_KEY_MAX        44      /* key or pattern, NUL included: ENAMETOOLONG */
#define DS_MAX_ENTRIES    12288   /* entries (tombstones of deleted entries that a
                                     subscriber has not checked yet count): ENOSPC */
#define DS_STR_MAX        256     /* STR value, NUL included: E2BIG */
#define DS_MEM_MAX        65536   /* one MEM value: E2BIG */
#define DS_POOL_BYTES     (512 * 1024)   /* all STR and MEM values together: ENOSPC */
#define DS_MAX_SUBS       64      /* subscriptions in all: ENOSPC */
#define DS_USER_SUBS      4       /* subscriptions of one caller without a label: ENOSPC */

/* MAP entries (servers/ds/map.c): at most DS_MAX_MAPS live ones (ENOSPC),
 * each 1..DS_MAP_MAX bytes, whole pages (E2BIG, EINVAL); DS_MAP_SNAPS
 * snapshots each (ENOSPC); DS_MAP_CLIENTS callers with a MAP_MAPPED grant
 * each (ENOSPC). */
#define DS_MAX_MAPS       8
#define DS_MAP_MAX        (16 * 4096)
#define DS_MAP_SNAPS      4
#define DS_MAP_CLIENTS    4

/* The area RS lends DS for its store (docs/ds.md, "DS restarts"): DS keeps
 * a copy of its store there and reads it back after a crash. */
#define DS_STORE_BYTES    (1664 * 1024)

/* DS's trace MARKs (servers/ds/trace.c): one per request while the
 * "user" trace category is on; tag DS_TRACE_TAG, a0 = caller endpoint,
 * a1 = request type | (-result) << 16, text = the key's first 16 bytes.
 * The tracer's canned query ds_activity reads them. */
#define DS_TRACE_TAG      0x4453

/* The payload of every DS request and reply. */
struct ds_req {
    uint32_t flags;             /* type | DSF_*; CHECK reply: type | DS_EV_* */
    uint32_t val;               /* U32 value, LABEL endpoint, or a grant id (STR, MEM) */
    uint32_t len;               /* STR, MEM: bytes (publish: the value; retrieve: the buffer;
                                   reply: bytes copied).  Retrieve reply val = stored length */
    char     key[DS_KEY_MAX];   /* NUL-terminated */
};
LANTERN_STATIC_ASSERT(sizeof(struct ds_req) == MESSAGE_PAYLOAD, "ds_req fills the payload");

/* DSTEST_STATS reply. */
struct dstest_stats {
    uint32_t notifies;          /* notifications from DS */
    uint32_t published, updated, deleted;   /* DS_CHECK answers, by event */
    uint32_t checks_empty;      /* DS_CHECK answered ENOENT */
    uint32_t errors;            /* any other DS_CHECK answer */
    uint32_t last_error;
    uint32_t distinct;          /* distinct stress keys seen published */
    uint32_t distinct_deleted;  /* ... and deleted */
    uint32_t last_val;          /* value in the last DS_CHECK answer */
    uint32_t last_how;          /* its type | DS_EV_* */
};

#endif
