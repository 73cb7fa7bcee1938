/* safecopies.h: grants and safe copies, the ABI (docs/grants.md).
 *
 * A process lends parts of its memory to others by *grants*.  Its grant
 * table is an array of cp_grant_t in its own memory, registered with the
 * kernel by SYS_SETGRANT.  Creating and revoking a grant only writes that
 * array (libsys: cpf_grant_direct(), cpf_revoke(), ...); no kernel call is
 * needed.  A grantee copies with SYS_SAFECOPYFROM / SYS_SAFECOPYTO /
 * SYS_VSAFECOPY, naming (granter, grant id, offset); the kernel reads the
 * entry from the granter's memory at every use and keeps no copy, so a
 * revocation takes effect for the next use at once.
 *
 * Grant ids carry a generation (the MINIX TO-DO "grant ids should be managed
 * the way endpoints are"): id = generation << GRANT_SLOT_BITS | slot.  The
 * entry stores the generation of the grant it holds; libsys increments it
 * each time it hands out the slot again, and the kernel refuses an id whose
 * generation is not the entry's.  So an id kept after a revocation never
 * names the next grant in that slot (until the generation wraps, after
 * GRANT_GEN_MAX reuses of one slot).  Generation 0 is never used: an id
 * built from a bare slot number, or a zeroed table, never matches.
 *
 * Plain data only (no pointers): the host tracer includes this header too.
 */
#ifndef LANTERN_SAFECOPIES_H
#define LANTERN_SAFECOPIES_H

#include <lantern/types.h>

/* Access bits, chosen by the granter. */
#define CPF_READ      0x000001   /* the grantee may read (SAFECOPYFROM) */
#define CPF_WRITE     0x000002   /* the grantee may write (SAFECOPYTO) */
#define CPF_MAP       0x000004   /* may map the pages (safemap: later); page aligned */
#define CPF_ACCESS    (CPF_READ | CPF_WRITE | CPF_MAP)
/* State and kind bits, set by libsys.  A grant is usable only with both
 * CPF_USED and CPF_VALID, and exactly one kind bit. */
#define CPF_USED      0x000100   /* slot taken */
#define CPF_DIRECT    0x000200   /* the granter's own memory */
#define CPF_INDIRECT  0x000400   /* passes on a grant we were given */
#define CPF_MAGIC     0x000800   /* another process's memory (MAGIC_GRANTS only) */
#define CPF_VALID     0x001000   /* the entry holds a grant */
#define CPF_KINDS     (CPF_DIRECT | CPF_INDIRECT | CPF_MAGIC)
/* Set by the kernel, never by libsys: the kernel wrote GRANT_CREATE for this
 * grant (at its first use while grant tracing was on).  cpf_revoke() then
 * reports the revocation (SETGRANT_REVOKED) so the trace has its end too. */
#define CPF_TRACED    0x010000

typedef int32_t cp_grant_id_t;
#define GRANT_INVALID     (-1)
#define GRANT_VALID(g)    ((g) >= 0)
#define GRANT_SLOT_BITS   14
#define GRANT_MAX_ENTRIES (1u << GRANT_SLOT_BITS)          /* 16384 */
#define GRANT_GEN_MAX     ((1u << (31 - GRANT_SLOT_BITS)) - 1)  /* 131071 */
#define GRANT_ID(gen, slot) \
    ((cp_grant_id_t)(((uint32_t)(gen) << GRANT_SLOT_BITS) | (uint32_t)(slot)))
#define GRANT_SLOT(id)    ((uint32_t)(id) & (GRANT_MAX_ENTRIES - 1))
#define GRANT_GEN(id)     ((uint32_t)(id) >> GRANT_SLOT_BITS)
/* An id is well formed iff it is >= 0 and its generation is not 0. */
#define GRANT_WELL_FORMED(id) ((id) >= 0 && GRANT_GEN(id) != 0)

#define GRANT_MAX_DEPTH   5      /* indirect links in one chain; more: ELOOP */
#define SCPVEC_NR         64     /* elements of one SYS_VSAFECOPY */

/* One grant.  32 bytes, so an aligned table never splits an entry across
 * pages.  Direct: cp_addr/cp_len in the granter.  Magic: cp_addr/cp_len in
 * cp_from.  Indirect: passes on grant cp_grant of cp_from's table (cp_addr,
 * cp_len unused; the access is the final grant's). */
typedef struct {
    uint32_t      cp_flags;      /* CPF_*; written last when a grant is made */
    uint32_t      cp_gen;        /* generation of the grant in this slot */
    endpoint_t    cp_to;         /* the grantee, or ANY */
    endpoint_t    cp_from;       /* magic: memory owner; indirect: its granter */
    uint32_t      cp_addr;
    uint32_t      cp_len;
    cp_grant_id_t cp_grant;      /* indirect: the id in cp_from's table */
    uint32_t      cp_reserved;
} cp_grant_t;
LANTERN_STATIC_ASSERT(sizeof(cp_grant_t) == 32, "grant entries are 32 bytes");

/* One element of SYS_VSAFECOPY.  Exactly one of v_from / v_to is SELF:
 * v_to == SELF reads from granter v_from (CPF_READ), v_from == SELF writes
 * to granter v_to (CPF_WRITE).  The kernel writes v_result. */
struct vscp_vec {
    endpoint_t    v_from, v_to;
    cp_grant_id_t v_gid;
    uint32_t      v_offset;      /* in the grant */
    uint32_t      v_addr;        /* in the caller */
    uint32_t      v_bytes;
    int32_t       v_result;      /* OK or an error, per element */
    uint32_t      v_reserved;
};
LANTERN_STATIC_ASSERT(sizeof(struct vscp_vec) == 32, "vscp_vec is 32 bytes");

/* Message words (m_u.m_u32[]) of the calls.
 * SYS_SETGRANT: [0] table address, [1] entries, [2] SETGRANT_TABLE.
 *               [0] grant id, [1] address of a copy of the revoked entry,
 *               [2] SETGRANT_REVOKED (libsys: the revocation of a traced grant).
 * SYS_SAFECOPYFROM / SYS_SAFECOPYTO: [0] granter, [1] grant id, [2] offset
 *               in the grant, [3] address in the caller, [4] bytes.
 * SYS_VSAFECOPY: [0] address of the vector, [1] elements. */
#define SETGRANT_TABLE    0
#define SETGRANT_REVOKED  1
#define SCP_EP     0
#define SCP_GID    1
#define SCP_OFFSET 2
#define SCP_ADDR   3
#define SCP_BYTES  4

#endif
