/* safecopies.h (libsys): grants and safe copies.  The ABI (entries, flags,
 * ids) is <lantern/safecopies.h>; the rules are in docs/grants.md.
 *
 *     cp_grant_id_t g = cpf_grant_direct(server, (vir_bytes)buf, len, CPF_WRITE);
 *     ... send g to the server, which calls sys_safecopyto(me, g, 0, ...) ...
 *     cpf_revoke(g);
 *
 * The grant table lives in this process's memory: a static table of
 * GRANT_FIRST_ENTRIES entries, grown with malloc when full (the new table is
 * registered before the old one is freed).  It is registered with the
 * kernel on the first grant.  cpf_* return a grant id (>= 0) or a negative
 * error; the others OK or a negative error. */
#ifndef LIBSYS_SAFECOPIES_H
#define LIBSYS_SAFECOPIES_H

#include <lantern/safecopies.h>
#include <sys.h>

#define GRANT_FIRST_ENTRIES 8

/* Grants.  EINVAL: access bits other than CPF_ACCESS or none, a range that
 * wraps, CPF_MAP with an address or length that is not page aligned;
 * ENOSPC: the table is full (GRANT_MAX_ENTRIES) or cannot grow; the errors
 * of SYS_SETGRANT when the table is (re)registered. */
cp_grant_id_t cpf_grant_direct(endpoint_t to, vir_bytes addr, uint32_t bytes, uint32_t access);
cp_grant_id_t cpf_grant_indirect(endpoint_t to, endpoint_t from, cp_grant_id_t his_gid);
/* Only a granter with MAGIC_GRANTS (RS's table) makes magic grants that
 * work; anyone may write one, the kernel refuses to use it (EPERM). */
cp_grant_id_t cpf_grant_magic(endpoint_t to, endpoint_t from, vir_bytes addr, uint32_t bytes,
                              uint32_t access);
/* OK, or EINVAL when g is not a live grant of ours (a stale id never
 * revokes the grant that now holds its slot).  A CPF_MAP grant's mappings
 * are undone first (sys_saferevmap): the grantees keep private copies. */
int cpf_revoke(cp_grant_id_t g);
/* The granter (SELF for direct grants, the owner for magic ones, the
 * previous granter for indirect ones) and the grantee of live grant g. */
int cpf_lookup(cp_grant_id_t g, endpoint_t *granter, endpoint_t *grantee);
/* Entries of the table now; the table itself (tests, debuggers). */
uint32_t cpf_table_size(void);
const cp_grant_t *cpf_table(uint32_t *entries);
/* Register the table with the kernel again (after a test replaced it). */
int cpf_reload(void);

/* Kernel calls (safecopy.c). */
int sys_setgrant(const cp_grant_t *table, uint32_t entries);
int sys_safecopyfrom(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                     uint32_t bytes);
int sys_safecopyto(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                   uint32_t bytes);
int sys_vsafecopy(struct vscp_vec *vec, uint32_t n);
int sys_grant_revoked(cp_grant_id_t g, const cp_grant_t *old);

/* safemap (safemap.c; lantern/safemap.h has every error).  The grantee
 * maps `bytes` of grant g of `granter` at offset into its own memory at
 * addr, writable or not; EINVAL here already when offset, addr or bytes
 * is not page aligned, or bytes is 0.  sys_saferevmap undoes every mapping
 * made through our grant g (cpf_revoke does it for a CPF_MAP grant);
 * sys_safeunmap undoes our mapping at addr.  Undone pages stay, as a
 * private copy. */
int sys_safemap(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                uint32_t bytes, int writable);
int sys_saferevmap(cp_grant_id_t g);
int sys_safeunmap(vir_bytes addr);

#endif
