/* safecopy_test: the `safecopy` run; sct.h says what it checks.  This
 * file: the sizes of MINIX's test/safecopy (1 B to 64 KiB, and 4 MiB) in
 * both directions, aligned and unaligned, with guard bytes around every
 * copy; zero bytes; a grant to oneself; vectors. */
#include <string.h>
#include "sct.h"

endpoint_t me, peer;
uint8_t big[BIG] __attribute__((aligned(4096)));
#define MAXSZ 65536u
#define GUARD 64u
uint32_t peer_buf;

/* Copy sizes 1, 2, 4, ... MAXSZ from peer's fill (seed 5) at grant offset
 * off into big + shift; every copy must land exactly, guards untouched. */
static int sizes_from(cp_grant_id_t g, uint32_t off, uint32_t shift, uint32_t *bad)
{
    for (uint32_t n = 1; n <= MAXSZ; n *= 2) {
        memset(big, 0xaa, MAXSZ + 2 * GUARD);
        int r = sys_safecopyfrom(peer, g, off, (vir_bytes)big + GUARD + shift, n);
        uint8_t *d = big + GUARD + shift;
        int ok = r == OK && d[-1] == 0xaa && d[n] == 0xaa;
        for (uint32_t i = 0; ok && i < n; i++)
            ok = d[i] == gp_byte(5, off + i);
        if (!ok) {
            *bad = n;
            return r == OK ? EGENERIC : r;
        }
    }
    return OK;
}

/* The same towards the peer: fill seed 7 there, copy ours (seed 6), and
 * compare the sums of the copy and of the GUARD bytes after it. */
static int sizes_to(cp_grant_id_t g, uint32_t off, uint32_t shift, uint32_t *bad)
{
    gt_fill(big, MAXSZ + GUARD, 6);
    for (uint32_t n = 1; n <= MAXSZ; n *= 2) {
        gt_req(peer, GP_FILL, 7, 0, (int32_t)(MAXSZ + 2 * GUARD), 0, 0, NULL);
        int r = sys_safecopyto(peer, g, off, (vir_bytes)big + shift, n);
        uint32_t got = (uint32_t)gt_req(peer, GP_SUM, 0, 0, (int32_t)n, 0, peer_buf + off, NULL);
        uint32_t after = (uint32_t)gt_req(peer, GP_SUM, 0, 0, GUARD, 0, peer_buf + off + n, NULL);
        uint8_t want_after[GUARD];
        for (uint32_t i = 0; i < GUARD; i++)
            want_after[i] = gp_byte(7, off + n + i);
        if (r != OK || got != gp_sum(big + shift, n) || after != gp_sum(want_after, GUARD)) {
            *bad = n;
            return r == OK ? EGENERIC : r;
        }
    }
    return OK;
}

static void size_tests(void)
{
    uint32_t bad = 0;
    cp_grant_id_t gr = gt_req(peer, GP_GRANT, me, 0, (int32_t)(MAXSZ + GUARD), CPF_READ, 0, NULL);
    cp_grant_id_t gw = gt_req(peer, GP_GRANT, me, 0, (int32_t)(MAXSZ + GUARD), CPF_WRITE, 0, NULL);
    gt_req(peer, GP_FILL, 5, 0, (int32_t)(MAXSZ + GUARD), 0, 0, NULL);
    int r = sizes_from(gr, 0, 0, &bad);
    LT_CHECK(S, "sizes_from_aligned", r == OK, "%u bytes: %d", bad, r);
    r = sizes_from(gr, 3, 1, &bad);
    LT_CHECK(S, "sizes_from_unaligned", r == OK, "%u bytes: %d", bad, r);
    r = sizes_to(gw, 0, 0, &bad);
    LT_CHECK(S, "sizes_to_aligned", r == OK, "%u bytes: %d", bad, r);
    r = sizes_to(gw, 5, 3, &bad);
    LT_CHECK(S, "sizes_to_unaligned", r == OK, "%u bytes: %d", bad, r);
    int z = sys_safecopyfrom(peer, gr, 0, (vir_bytes)big, 0);
    LT_CHECK(S, "zero_bytes", z == OK, "%d", z);
}

static void big_test(void)
{
    cp_grant_id_t g = gt_req(peer, GP_GRANT, me, 0, (int32_t)BIG, CPF_READ, 0, NULL);
    gt_req(peer, GP_FILL, 8, 0, (int32_t)BIG, 0, 0, NULL);
    uint32_t want = (uint32_t)gt_req(peer, GP_SUM, 0, 0, (int32_t)BIG, 0, peer_buf, NULL);
    memset(big, 0, BIG);
    int r = sys_safecopyfrom(peer, g, 0, (vir_bytes)big, BIG);
    LT_CHECK(S, "copy_4m", r == OK && gp_sum(big, BIG) == want, "%d", r);
    gt_req(peer, GP_REVOKE, g, 0, 0, 0, 0, NULL);
}

/* A process may grant itself; an overlapping copy moves like memmove. */
static void self_test(void)
{
    static uint8_t want[128];
    gt_fill(big, 128, 11);
    memmove(want + 8, big, 64);
    cp_grant_id_t g = cpf_grant_direct(me, (vir_bytes)big, 128, CPF_READ);
    int r = sys_safecopyfrom(me, g, 0, (vir_bytes)big + 8, 64);
    LT_CHECK(S, "self_grant_overlap", r == OK && !memcmp(big + 8, want + 8, 64), "%d", r);
    cpf_revoke(g);
}

static void vector_tests(void)
{
    cp_grant_id_t gr = gt_req(peer, GP_GRANT, me, 0, 2 * PAGE, CPF_READ, 0, NULL);
    cp_grant_id_t gw = gt_req(peer, GP_GRANT, me, 2 * PAGE, PAGE, CPF_WRITE, 0, NULL);
    cp_grant_id_t dead = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ, 0, NULL);
    gt_req(peer, GP_REVOKE, dead, 0, 0, 0, 0, NULL);
    gt_req(peer, GP_FILL, 12, 0, 3 * PAGE, 0, 0, NULL);
    memset(big, 0, 3 * PAGE);
    gt_fill(big + 2 * PAGE, 300, 13);
    struct vscp_vec v[4] = {
        { .v_from = peer, .v_to = SELF, .v_gid = gr, .v_offset = 10, .v_addr = (vir_bytes)big, .v_bytes = 100 },
        { .v_from = SELF, .v_to = peer, .v_gid = gw, .v_offset = 0, .v_addr = (vir_bytes)big + 2 * PAGE, .v_bytes = 300 },
        { .v_from = peer, .v_to = SELF, .v_gid = gr, .v_offset = 1, .v_addr = (vir_bytes)big + 200, .v_bytes = PAGE },
        { .v_from = SELF, .v_to = SELF, .v_gid = gr, .v_addr = (vir_bytes)big, .v_bytes = 1 },
    };
    int r = sys_vsafecopy(v, 3);
    uint32_t sum = (uint32_t)gt_req(peer, GP_SUM, 0, 0, 300, 0, peer_buf + 2 * PAGE, NULL);
    int ok = r == OK && v[0].v_result == OK && v[1].v_result == OK && v[2].v_result == OK &&
             big[0] == gp_byte(12, 10) && big[200 + PAGE - 1] == gp_byte(12, PAGE) &&
             sum == gp_sum(big + 2 * PAGE, 300);
    LT_CHECK(S, "vsafecopy_mixed", ok, "%d: %d %d %d", r, v[0].v_result, v[1].v_result, v[2].v_result);
    v[1].v_gid = dead;
    v[0].v_result = v[1].v_result = v[2].v_result = v[3].v_result = 99;
    memset(big + 200, 0, PAGE);
    r = sys_vsafecopy(v, 4);
    ok = r == EPERM && v[0].v_result == OK && v[1].v_result == EPERM && v[2].v_result == OK &&
         v[3].v_result == EINVAL && big[200 + PAGE - 1] == gp_byte(12, PAGE);
    LT_CHECK(S, "vsafecopy_each_result", ok, "%d: %d %d %d %d", r, v[0].v_result, v[1].v_result,
             v[2].v_result, v[3].v_result);
}

int main(void)
{
    struct whoami_info w;
    message info;
    sef_startup();
    sys_whoami(&w);
    me = w.endpoint;
    peer = sys_find_proc("grant_peer");
    if (w.spawn_arg == ROLE_LOOPER) {
        sc_looper(w.parent);
        return 0;
    }
    ltest_plan(S, 9 + SC_FAULT_TESTS + SC_COW_TESTS);
    gt_req(peer, GP_INFO, 0, 0, 0, 0, 0, &info);
    peer_buf = info.m_u.m1.p1;
    size_tests();
    big_test();
    self_test();
    vector_tests();
    sc_fault_tests();
    sc_cow_tests();
    ltest_finish();
}
