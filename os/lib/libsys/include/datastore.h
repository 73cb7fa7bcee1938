/* datastore.h (libsys): DS client calls (lantern/ds.h, docs/ds.md).
 *
 *     ds_publish_u32("net.mtu", 1500, 0);
 *     ds_retrieve_label_endpt("pm", &ep);
 *     ds_subscribe("net\\..*", DSF_INITIAL);
 *     ... on a NOTIFY from ds_endpoint(): while (ds_check(key, &how, &v) == OK) ...
 *
 * Every call returns OK or a negative error: DS's answer, or the IPC error
 * (ENAMETOOLONG for a key of DS_KEY_MAX characters or more, before asking).
 * DS itself is found once by asking RS for the label "ds" (RS_LOOKUP) and
 * again only after it died; every other label is found through DS.  While
 * DS is being restarted a call waits (a tick at a time); if DS stays away
 * for 300 ticks (3 s) it fails with EDEADSRCDST.  STR
 * and MEM values travel through a grant that the call makes and revokes. */
#ifndef LIBSYS_DATASTORE_H
#define LIBSYS_DATASTORE_H

#include <lantern/ds.h>
#include <lantern/safecopies.h>
#include <sys.h>
#include <stddef.h>

endpoint_t ds_endpoint(void);          /* DS's endpoint (cached), or NONE */

int ds_publish_u32(const char *key, uint32_t value, uint32_t flags);
int ds_retrieve_u32(const char *key, uint32_t *value);
int ds_delete_u32(const char *key);

/* STR: at most DS_STR_MAX - 1 characters (E2BIG).  Retrieve: E2BIG when
 * buf (len bytes) cannot hold the string and its NUL; nothing is cut. */
int ds_publish_str(const char *key, const char *s, uint32_t flags);
int ds_retrieve_str(const char *key, char *buf, size_t len);
int ds_delete_str(const char *key);

/* MEM: 1..DS_MEM_MAX bytes.  Retrieve copies min(*len, stored) bytes and
 * sets *len to that; *stored (may be NULL) gets the stored length, so a
 * shorter buffer is never cut in silence. */
int ds_publish_mem(const char *key, const void *data, size_t len, uint32_t flags);
int ds_retrieve_mem(const char *key, void *buf, size_t *len, size_t *stored);
int ds_delete_mem(const char *key);

/* MAP (docs/ds.md "MAP"): publish lends DS [addr, addr + len), page
 * aligned, with a CPF_READ | CPF_MAP grant that stays valid until
 * ds_delete_map (at most 8 entries of ours at a time: ENOSPC).  Retrieve,
 * mode DSMF_COPY_MAPPED (the live contents) or DSMF_COPY_SNAPSHOT
 * (snapshot `index`): copies min(*len, size) bytes into buf, *len = that;
 * mode DSMF_MAP_MAPPED: *gid = a grant of DS's mapping (CPF_READ |
 * CPF_MAP, to safemap from DS or safecopy), *len = its size.  Snapshot:
 * DS keeps a private copy of the contents now, *index names it. */
int ds_publish_map(const char *key, void *addr, size_t len, uint32_t flags);
int ds_retrieve_map(const char *key, uint32_t mode, int index, void *buf, size_t *len,
                    cp_grant_id_t *gid);
int ds_snapshot_map(const char *key, int *index);
int ds_delete_map(const char *key);

/* LABEL: published by RS only (EPERM for anyone else). */
int ds_publish_label(const char *label, endpoint_t ep, uint32_t flags);
int ds_retrieve_label_endpt(const char *label, endpoint_t *ep);
int ds_retrieve_label_name(endpoint_t ep, char label[DS_KEY_MAX]);
int ds_delete_label(const char *label);

/* Subscriptions: pattern is a POSIX extended regular expression matched
 * against the whole key; flags = the types wanted (0: all) | DSF_INITIAL |
 * DSF_OVERWRITE.  ds_check: OK with the key, *how = type | DS_EV_*, *val =
 * the U32 or LABEL value; ENOENT when nothing more changed; ESRCH without a
 * subscription.  On each NOTIFY from DS, call ds_check until ENOENT. */
int ds_subscribe(const char *pattern, uint32_t flags);
int ds_unsubscribe(const char *pattern);
int ds_check(char key[DS_KEY_MAX], uint32_t *how, uint32_t *val);

/* Send m to the service named label, found through DS; if it died or was
 * restarted, find the label's new endpoint in DS and retry, up to `tries`
 * times.  *ep caches the endpoint (NONE: look it up). */
int ds_sendrec_label(const char *label, endpoint_t *ep, message *m, int tries);

/* One raw request to DS (tests: bad input). */
int ds_request(int type, struct ds_req *q);

#endif
