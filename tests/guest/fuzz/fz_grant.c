/* fz_grant.c: grants and safe copies between the fuzzing processes
 * (docs/grants.md): random grants made and revoked in our own table,
 * SETGRANT with random tables, and SAFECOPYFROM / SAFECOPYTO / VSAFECOPY
 * naming random granters (often another fuzzer, whose grants cover its own
 * fz_scratch) and random ids (often small ones, which name real grants).
 * A grant only ever covers fz_scratch or memory no copy can use (kernel,
 * unmapped, read-only code), so an accepted copy lands in a scratch area.
 * These rows are half of all draws: the long run makes well over 100,000
 * grant and copy calls (issue 12). */
#include "fuzz.h"

#define FZ_GRANTS 8
static cp_grant_id_t mine[FZ_GRANTS];     /* our live grants, -1 = none */
static int mine_init;

static endpoint_t granter(void)
{
    const uint32_t peers[] = { (uint32_t)fz.main, (uint32_t)fz.svc, (uint32_t)fz.user,
                               (uint32_t)SELF, (uint32_t)fz.self };
    return fz_below(2) ? (endpoint_t)fz_pick(peers, 5) : fz_endpoint();
}

static cp_grant_id_t grant_id(void)
{
    if (fz_below(3))
        return GRANT_ID(fz_below(2), fz_below(FZ_GRANTS));   /* real ids, often */
    if (fz_below(2) && mine[0] != -1)
        return mine[fz_below(FZ_GRANTS)];
    return (cp_grant_id_t)fz_rand();
}

static uint32_t offset(void) { return fz_below(3) ? fz_below(FZ_PAGE) : fz_rand(); }

static int copy(int from)
{
    uint32_t n = fz_len();
    vir_bytes a = fz_addr(&n);
    endpoint_t g = granter();
    cp_grant_id_t id = grant_id();
    fz.grant_calls++;
    return from ? sys_safecopyfrom(g, id, offset(), a, n) : sys_safecopyto(g, id, offset(), a, n);
}

static int copy_from(void) { return copy(1); }
static int copy_to(void) { return copy(0); }

/* A vector in fz_scratch (elements with good and bad sides) or at a bad
 * address, with 0 .. past-the-limit elements. */
static int vcopy(void)
{
    uint32_t n = fz_below(4) ? 1 + fz_below(4) : fz_rand() % 600, len = n * sizeof(struct vscp_vec);
    struct vscp_vec *v = (struct vscp_vec *)(fz_below(4) ? (vir_bytes)fz_scratch + FZ_PAGE : fz_addr(&len));
    if ((vir_bytes)v >= (vir_bytes)fz_scratch && (vir_bytes)v < (vir_bytes)fz_scratch + 2 * FZ_PAGE) {
        for (uint32_t i = 0; i < n && i < 8; i++) {
            uint32_t b = fz_len();
            int read = fz_below(2);
            v[i].v_from = read ? granter() : fz_below(8) ? SELF : fz_endpoint();
            v[i].v_to = read ? (fz_below(8) ? SELF : fz_endpoint()) : granter();
            v[i].v_gid = grant_id();
            v[i].v_offset = offset();
            v[i].v_addr = fz_addr(&b);
            v[i].v_bytes = b;
        }
        if (n > 8 && fz_below(2))
            n = 8;
    }
    fz.grant_calls++;
    return sys_vsafecopy(v, n);
}

/* SETGRANT with random words; then our own table goes back (checked). */
static int setgrant(void)
{
    message m;
    fz_message(&m);
    uint32_t len = fz_below(4) * sizeof(cp_grant_t);
    if (fz_below(2))
        m.m_u.m_u32[0] = fz_addr(&len);
    if (fz_below(2))
        m.m_u.m_u32[1] = fz_below(4096);
    if (fz_below(2))
        m.m_u.m_u32[2] = fz_below(3);
    fz.grant_calls++;
    int r = kernel_call(SYS_SETGRANT, &m);
    return cpf_reload() == OK ? r : EGENERIC;
}

static void init_mine(void)
{
    for (int i = 0; i < FZ_GRANTS; i++)
        mine[i] = -1;
    mine_init = 1;
}

/* Make a grant in a free place of `mine` (direct, indirect or magic). */
static int make(void)
{
    uint32_t n = fz_len();
    vir_bytes a = fz_addr(&n);
    unsigned k = fz_below(FZ_GRANTS);
    uint32_t access = fz_below(4) ? 1 + fz_below(3) : fz_rand();
    cp_grant_id_t g;
    if (!mine_init)
        init_mine();
    if (mine[k] != -1 && cpf_revoke(mine[k]) != OK)
        return EGENERIC;                     /* our own live grant must revoke */
    mine[k] = -1;
    switch (fz_below(3)) {
    case 0: g = cpf_grant_direct(granter(), a, n, access); break;
    case 1: g = cpf_grant_indirect(granter(), granter(), grant_id()); break;
    default: g = cpf_grant_magic(granter(), granter(), a, n, access);
    }
    if (g < 0)
        return g;
    mine[k] = g;
    return OK;
}

static int revoke(void)
{
    if (!mine_init)
        init_mine();
    unsigned k = fz_below(FZ_GRANTS);
    cp_grant_id_t g = mine[k] != -1 && fz_below(4) ? mine[k] : grant_id();
    int r = cpf_revoke(g);
    if (r == OK) {
        for (int i = 0; i < FZ_GRANTS; i++)
            if (mine[i] == g)
                mine[i] = -1;
    }
    return r;
}

/* The grants still live at the end (the leak check revokes them first). */
void fz_revoke_all(void)
{
    for (int i = 0; mine_init && i < FZ_GRANTS; i++)
        if (mine[i] != -1)
            cpf_revoke(mine[i]), mine[i] = -1;
}

#define CP_ERRS OK, EINVAL, EPERM, EFAULT, EBADSRCDST, EDEADSRCDST, ELOOP, ECALLDENIED
const struct fz_row fz_grant_rows[] = {
    { "SYS_SAFECOPYFROM", copy_from, FZ_ALL, { CP_ERRS, FZ_END } },
    { "SYS_SAFECOPYTO", copy_to, FZ_ALL, { CP_ERRS, FZ_END } },
    { "SYS_VSAFECOPY", vcopy, FZ_ALL, { CP_ERRS, E2BIG, FZ_END } },
    { "SYS_SETGRANT", setgrant, FZ_ALL, { OK, EINVAL, EFAULT, E2BIG, FZ_END } },
    { "cpf_grant_*", make, FZ_ALL, { OK, EINVAL, ENOSPC, EFAULT, FZ_END } },
    { "cpf_revoke", revoke, FZ_ALL, { OK, EINVAL, FZ_END } },
};
const unsigned fz_grant_n = sizeof(fz_grant_rows) / sizeof(fz_grant_rows[0]);
