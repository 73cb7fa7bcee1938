/* grant_test: the `grant` run; gtt.h says what it checks.  This file: the
 * grant semantics (direct, ANY, revocation, generations, indirect chains,
 * magic grants, cpf_lookup). */
#include <string.h>
#include "gtt.h"

endpoint_t me, peer, magic;
static uint8_t page[PAGE] __attribute__((aligned(4096)));

/* A fresh grant of peer's buf[off, off + len) to `to`. */
static cp_grant_id_t peer_grant(endpoint_t to, uint32_t off, uint32_t len, uint32_t access)
{
    return gt_req(peer, GP_GRANT, to, (int32_t)off, (int32_t)len, (int32_t)access, 0, NULL);
}

static int read_page(endpoint_t granter, cp_grant_id_t g)
{
    memset(page, 0, PAGE);
    return sys_safecopyfrom(granter, g, 0, (vir_bytes)page, PAGE);
}

static void direct_tests(void)
{
    cp_grant_id_t g;
    int r;
    gt_req(peer, GP_FILL, 1, 0, PAGE, 0, 0, NULL);
    g = peer_grant(me, 0, PAGE, CPF_READ);
    r = read_page(peer, g);
    LT_CHECK(S, "direct_from", r == OK && gt_check(page, PAGE, 1), "gid %d: %d", g, r);
    gt_fill(page, PAGE, 2);
    g = peer_grant(me, PAGE, PAGE, CPF_WRITE);
    r = sys_safecopyto(peer, g, 0, (vir_bytes)page, PAGE);
    message info;
    gt_req(peer, GP_INFO, 0, 0, 0, 0, 0, &info);
    uint32_t sum = (uint32_t)gt_req(peer, GP_SUM, 0, 0, PAGE, 0, info.m_u.m1.p1 + PAGE, NULL);
    LT_CHECK(S, "direct_to", r == OK && sum == gp_sum(page, PAGE), "%d, sum %#x", r, sum);
    g = peer_grant(ANY, 0, PAGE, CPF_READ);
    r = read_page(peer, g);
    LT_CHECK(S, "any_grantee", r == OK && gt_check(page, PAGE, 1), "%d", r);
}

static void revoke_tests(void)
{
    cp_grant_id_t g1, g2;
    int before, rv, after, r1, r2, stale_rv;

    g1 = peer_grant(me, 0, PAGE, CPF_READ);
    before = read_page(peer, g1);
    rv = gt_req(peer, GP_REVOKE, g1, 0, 0, 0, 0, NULL);
    after = read_page(peer, g1);
    LT_CHECK(S, "revoke_at_once", before == OK && rv == OK && after == EPERM,
             "before %d, revoke %d, after %d", before, rv, after);
    g2 = peer_grant(me, 0, PAGE, CPF_READ);                  /* takes g1's slot */
    r1 = read_page(peer, g1);
    r2 = read_page(peer, g2);
    LT_CHECK(S, "stale_id_after_reuse", GRANT_SLOT(g1) == GRANT_SLOT(g2) && g1 != g2 &&
             r1 == EPERM && r2 == OK, "g1 %#x g2 %#x: %d %d", g1, g2, r1, r2);
    stale_rv = gt_req(peer, GP_REVOKE, g1, 0, 0, 0, 0, NULL);
    r2 = read_page(peer, g2);
    LT_CHECK(S, "stale_revoke_refused", stale_rv == EINVAL && r2 == OK,
             "revoke(stale) %d, new grant %d", stale_rv, r2);
    gt_req(peer, GP_REVOKE, g2, 0, 0, 0, 0, NULL);
}

/* A chain of n indirect grants in our own table, each to ourselves, ending
 * at peer's grant g; the last link's id. */
static cp_grant_id_t chain(cp_grant_id_t g, int n)
{
    cp_grant_id_t link = cpf_grant_indirect(me, peer, g);
    for (int i = 1; i < n; i++)
        link = cpf_grant_indirect(me, me, link);
    return link;
}

static void indirect_tests(void)
{
    cp_grant_id_t g = peer_grant(me, 0, PAGE, CPF_READ);
    cp_grant_id_t c1 = chain(g, 1), c5 = chain(g, GRANT_MAX_DEPTH), c6 = chain(g, GRANT_MAX_DEPTH + 1);
    int r1 = read_page(me, c1);
    int ok1 = r1 == OK && gt_check(page, PAGE, 1);
    int r5 = read_page(me, c5);
    int ok5 = r5 == OK && gt_check(page, PAGE, 1);
    int r6 = read_page(me, c6);
    LT_CHECK(S, "indirect_chain", ok1 && ok5, "1 link: %d, %d links: %d", r1,
             GRANT_MAX_DEPTH, r5);
    /* a cycle: a grant that names itself (its id is the freed slot's next) */
    cp_grant_id_t x = cpf_grant_indirect(me, me, GRANT_ID(1, 0));
    cp_grant_id_t self_id = GRANT_ID(GRANT_GEN(x) + 1, GRANT_SLOT(x));
    cpf_revoke(x);
    cp_grant_id_t a = cpf_grant_indirect(me, me, self_id);
    int rc = read_page(me, a);
    LT_CHECK(S, "indirect_too_deep", r6 == ELOOP && a == self_id && rc == ELOOP,
             "%d links: %d, cycle: %d", GRANT_MAX_DEPTH + 1, r6, rc);
    int rto = sys_safecopyto(me, c1, 0, (vir_bytes)page, 16);
    LT_CHECK(S, "indirect_no_widening", rto == EPERM && r1 == OK, "write through READ: %d", rto);
    cp_grant_id_t other = peer_grant(PM_ENDPOINT, 0, PAGE, CPF_READ);
    cp_grant_id_t via = cpf_grant_indirect(me, peer, other);
    int rw = read_page(me, via);
    LT_CHECK(S, "indirect_wrong_grantee", rw == EPERM, "a grant to pm passed on: %d", rw);
}

static void magic_tests(void)
{
    message info;
    cp_grant_id_t g;
    int r, ru;

    gt_req(peer, GP_INFO, 0, 0, 0, 0, 0, &info);
    gt_req(peer, GP_FILL, 3, 0, PAGE, 0, 0, NULL);
    /* grant_magic (MAGIC_GRANTS) lends peer's first page to us */
    g = gt_req(magic, GP_MAGIC, me, peer, PAGE, CPF_READ, info.m_u.m1.p1, NULL);
    r = read_page(magic, g);
    LT_CHECK(S, "magic_privileged", r == OK && gt_check(page, PAGE, 3), "gid %d: %d", g, r);
    gt_req(magic, GP_INFO, 0, 0, 0, 0, 0, &info);
    g = gt_req(peer, GP_MAGIC, me, magic, PAGE, CPF_READ, info.m_u.m1.p1, NULL);
    ru = read_page(peer, g);
    LT_CHECK(S, "magic_unprivileged", g >= 0 && ru == EPERM, "gid %d: %d", g, ru);
}

static void lookup_tests(void)
{
    endpoint_t from = NONE, to = NONE;
    cp_grant_id_t g = cpf_grant_direct(peer, (vir_bytes)page, PAGE, CPF_READ);
    int r = cpf_lookup(g, &from, &to);
    cpf_revoke(g);
    int rr = cpf_lookup(g, NULL, NULL);
    LT_CHECK(S, "cpf_lookup", r == OK && from == SELF && to == peer && rr == EINVAL,
             "%d (%d, %d), revoked %d", r, from, to, rr);
}

/* The table grows past its first GRANT_FIRST_ENTRIES slots, ids stay valid. */
static void growth_test(void)
{
    cp_grant_id_t first = cpf_grant_direct(me, (vir_bytes)page, PAGE, CPF_READ);
    uint32_t before = cpf_table_size();
    for (uint32_t i = 0; i < 3 * GRANT_FIRST_ENTRIES; i++)
        cpf_grant_direct(me, (vir_bytes)page, 16, CPF_READ);
    gt_fill(page, PAGE, 9);
    static uint8_t copy[PAGE];
    int r = sys_safecopyfrom(me, first, 0, (vir_bytes)copy, PAGE);
    LT_CHECK(S, "table_growth", cpf_table_size() > before && r == OK && gt_check(copy, PAGE, 9),
             "size %u -> %u, old grant %d", before, cpf_table_size(), r);
}

void gt_semantics_tests(void)
{
    direct_tests();
    revoke_tests();
    indirect_tests();
    magic_tests();
    lookup_tests();
    growth_test();
}

int main(void)
{
    struct whoami_info w;
    sef_startup();
    sys_whoami(&w);
    me = w.endpoint;
    if (w.spawn_arg) {
        gt_role(w.spawn_arg, w.parent);
        return 0;
    }
    peer = sys_find_proc("grant_peer");
    magic = sys_find_proc("grant_magic");
    ltest_plan(S, GT_SEMANTICS_TESTS + gt_matrix_rows() + GT_ROLES_TESTS + 1);
    gt_semantics_tests();
    gt_matrix_tests();
    gt_roles_tests();
    gt_random_test();
    ltest_finish();
}
