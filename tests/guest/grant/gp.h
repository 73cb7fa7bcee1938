/* gp.h: the protocol of grant_peer, the granter the grant, safecopy and
 * bench runs steer (tests/guest/grant/grant_peer.c).  Every request is a
 * sendrec; the answer's m_type is OK or an error, m1.i1 the result. */
#ifndef GP_H
#define GP_H

#include <sys.h>
#include <safecopies.h>

#define GP_BUF_SIZE   (4u * 1024 * 1024 + 2 * 4096)   /* the bench's 4 MiB, plus room */

#define GP_GRANT      0x4701   /* i1 grantee, i2 offset in buf, i3 bytes, i4 access -> gid */
#define GP_GRANT_ABS  0x4702   /* i1 grantee, p1 address, i3 bytes, i4 access -> gid */
#define GP_INDIRECT   0x4703   /* i1 grantee, i2 from, i3 his gid -> gid */
#define GP_MAGIC      0x4704   /* i1 grantee, i2 owner, p1 address, i3 bytes, i4 access -> gid */
#define GP_REVOKE     0x4705   /* i1 gid -> cpf_revoke's result */
#define GP_FILL       0x4706   /* i1 seed, i2 offset, i3 bytes: buf[i] = gp_byte(seed, i) */
#define GP_SUM        0x4707   /* p1 address, i3 bytes -> i1 = gp_sum() */
#define GP_INFO       0x4708   /* -> p1 buf, p2 first unmapped page (_end), p3 a text address */
#define GP_TABLE      0x4709   /* -> p1 the grant table, i1 its entries */

/* The pattern byte i of a fill with seed. */
static inline uint8_t gp_byte(uint32_t seed, uint32_t i)
{
    uint32_t x = (i + 1) * 2654435761u ^ seed * 40503u;
    return (uint8_t)(x >> 13 ^ x);
}

/* FNV-1a of a range. */
static inline uint32_t gp_sum(const uint8_t *p, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

#endif
