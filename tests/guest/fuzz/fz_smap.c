/* fz_smap.c: safemap calls between the fuzzing processes (docs/grants.md
 * "safemap"): map grants of our own fz_mapsrc to a random peer, maps of
 * random (granter, id) pairs into our fz_mapzone (or at bad addresses),
 * unmaps and revmaps.  Nothing of ours but fz_mapzone is ever mapped over
 * (a map elsewhere is refused: unaligned, outside user space, or outside
 * our data: EFAULT); nothing reads or writes the two zones, so whatever
 * lands there harms no one.  At the end of a run each process undoes its
 * mappings and revokes its map grants (fz_smap_cleanup), so VM's records
 * and frame counts can be checked (fz_main.c). */
#include <stdio.h>
#include "fuzz.h"

#define ZONE_PAGES 8
#define FZ_MGRANTS 4

static uint8_t fz_mapzone[ZONE_PAGES * FZ_PAGE] __attribute__((aligned(4096)));
static uint8_t fz_mapsrc[ZONE_PAGES * FZ_PAGE] __attribute__((aligned(4096)));
static cp_grant_id_t mgrants[FZ_MGRANTS] = { -1, -1, -1, -1 };

static endpoint_t peer(void)
{
    const uint32_t peers[] = { (uint32_t)fz.main, (uint32_t)fz.svc, (uint32_t)fz.user,
                               (uint32_t)fz.self };
    return fz_below(4) ? (endpoint_t)fz_pick(peers, 4) : fz_endpoint();
}

static cp_grant_id_t standing[FZ_MGRANTS];

/* Mostly one of the standing map grants of a fuzzer (fz_smap_start: slots
 * 8..11, generation 1, out of reach of the revoke row's small ids); else
 * one of ours, or noise. */
static cp_grant_id_t map_id(void)
{
    if (fz_below(4))
        return GRANT_ID(1, 8 + fz_below(4));
    if (fz_below(2) && mgrants[0] != -1)
        return mgrants[fz_below(FZ_MGRANTS)];
    return fz_below(2) ? (cp_grant_id_t)fz_rand() : -1;
}

static uint32_t pages(void) { return fz_below(4) ? 1 + fz_below(3) : fz_rand(); }

/* An address in our zone (aligned or not), or a bad one. */
static vir_bytes zone_addr(uint32_t n)
{
    switch (fz_below(8)) {
    case 0: return (vir_bytes)fz_mapzone + 1 + fz_below(FZ_PAGE - 1);   /* unaligned */
    case 1: return 0x100000;                                             /* the kernel */
    case 2: return 0xfffff000u;                                          /* wraps */
    default:
        if (n == 0 || n > ZONE_PAGES)
            return (vir_bytes)fz_mapzone;
        return (vir_bytes)fz_mapzone + fz_below(ZONE_PAGES - n + 1) * FZ_PAGE;
    }
}

static uint32_t maps_ok;

static int map(void)
{
    uint32_t n = pages(), off = fz_below(4) ? fz_below(2) * FZ_PAGE : fz_rand();
    uint32_t bytes = n <= ZONE_PAGES ? n * FZ_PAGE : n;
    fz.grant_calls++;
    int r = sys_safemap(peer(), map_id(), off, zone_addr(n), bytes, !fz_below(4));
    maps_ok += r == OK;
    return r;
}

static int unmap(void)
{
    fz.grant_calls++;
    return sys_safeunmap(fz_below(8) ? (vir_bytes)fz_mapzone + fz_below(ZONE_PAGES) * FZ_PAGE
                                     : (vir_bytes)fz_rand());
}

static int revmap(void)
{
    fz.grant_calls++;
    return sys_saferevmap(map_id());
}

/* A map grant of 1..4 pages of fz_mapsrc (read, maybe write), replacing
 * one of ours (its revoke undoes its mappings first; the revoke row or a
 * random SETGRANT may have ended it already: EINVAL then). */
static int grant(void)
{
    unsigned k = fz_below(FZ_MGRANTS);
    uint32_t n = 1 + fz_below(4), at = fz_below(ZONE_PAGES - 4 + 1);
    if (mgrants[k] != -1)
        cpf_revoke(mgrants[k]);
    mgrants[k] = cpf_grant_direct(peer(), (vir_bytes)fz_mapsrc + at * FZ_PAGE, n * FZ_PAGE,
                                  CPF_READ | CPF_MAP | (fz_below(2) ? CPF_WRITE : 0));
    return mgrants[k] < 0 ? mgrants[k] : OK;
}

/* The start of a run: standing map grants to anyone over fz_mapsrc in
 * slots 8 and up (placeholders fill the lower free ones meanwhile), so
 * that the others can name them: GRANT_ID(1, 8..11) in a fresh table. */
void fz_smap_start(void)
{
    cp_grant_id_t hold[8];
    int nh = 0, k = 0;

    while (k < FZ_MGRANTS) {
        cp_grant_id_t g = cpf_grant_direct(ANY, (vir_bytes)fz_mapsrc + k * FZ_PAGE, 2 * FZ_PAGE,
                                           CPF_READ | CPF_MAP | (k & 1 ? CPF_WRITE : 0));
        if (g < 0)
            break;
        if (GRANT_SLOT(g) < 8 && nh < 8)
            hold[nh++] = g;
        else
            standing[k++] = g;
    }
    while (nh > 0)
        cpf_revoke(hold[--nh]);
}

/* The end of a run: our mappings undone, our map grants revoked. */
void fz_smap_cleanup(void)
{
    printf("fuzz: %u maps ok\n", maps_ok);
    for (uint32_t i = 0; i < ZONE_PAGES; i++)
        sys_safeunmap((vir_bytes)fz_mapzone + i * FZ_PAGE);
    for (int k = 0; k < FZ_MGRANTS; k++) {
        if (mgrants[k] != -1)
            cpf_revoke(mgrants[k]), mgrants[k] = -1;
        if (standing[k] > 0)
            cpf_revoke(standing[k]), standing[k] = 0;
    }
}

#define SM_ERRS OK, EINVAL, EPERM, EFAULT, EBADSRCDST, EDEADSRCDST, ELOOP, ECALLDENIED, EBUSY, \
    ENOSPC, ENOMEM
const struct fz_row fz_smap_rows[] = {
    { "SYS_SAFEMAP", map, FZ_ALL, { SM_ERRS, FZ_END } },
    { "SYS_SAFEUNMAP", unmap, FZ_ALL, { OK, EINVAL, ENOENT, ECALLDENIED, ENOMEM, FZ_END } },
    { "SYS_SAFEREVMAP", revmap, FZ_ALL, { OK, EINVAL, ENOMEM, FZ_END } },
    { "cpf_grant map", grant, FZ_ALL, { OK, EINVAL, ENOSPC, FZ_END } },
};
const unsigned fz_smap_n = sizeof(fz_smap_rows) / sizeof(fz_smap_rows[0]);
