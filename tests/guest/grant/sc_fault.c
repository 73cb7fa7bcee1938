/* sc_fault.c: revocation while grants are in use, and page faults in the
 * middle of a copy.
 *
 * Without a VM server a page that is not there is an error, not a fault to
 * serve: the kernel checks every page of both ranges before copying, so a
 * copy that meets an unmapped (or, for writing, read-only) page returns
 * EFAULT and has changed nothing on either side (docs/grants.md). */
#include <string.h>
#include "sct.h"

extern char _end[];
static uint32_t peer_end, peer_text;

/* Element 0 writes zeros over the peer's table entry of grant g (the peer
 * lent us that entry); element 1 then uses g.  Each element reads its grant
 * afresh, so the revocation counts at once, inside one call. */
static void revoke_inside_vector(void)
{
    message t;
    cp_grant_id_t g = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ, 0, NULL);
    gt_req(peer, GP_TABLE, 0, 0, 0, 0, 0, &t);
    cp_grant_id_t gt = gt_req(peer, GP_GRANT_ABS, me, 0, sizeof(cp_grant_t), CPF_WRITE,
                              t.m_u.m1.p1 + GRANT_SLOT(g) * sizeof(cp_grant_t), NULL);
    static uint8_t zeros[sizeof(cp_grant_t)];
    int before = sys_safecopyfrom(peer, g, 0, (vir_bytes)big, 16);
    struct vscp_vec v[2] = {
        { .v_from = SELF, .v_to = peer, .v_gid = gt, .v_addr = (vir_bytes)zeros, .v_bytes = sizeof(zeros) },
        { .v_from = peer, .v_to = SELF, .v_gid = g, .v_addr = (vir_bytes)big, .v_bytes = 16 },
    };
    int r = sys_vsafecopy(v, 2);
    LT_CHECK(S, "revoke_inside_vector", before == OK && r == EPERM && v[0].v_result == OK &&
             v[1].v_result == EPERM, "before %d; %d: %d %d", before, r, v[0].v_result, v[1].v_result);
}

/* The looper (a spawned copy) copies through its grant until it fails,
 * then tries 200 more times; it reports how many copies worked before,
 * the first error and how many worked after it. */
void sc_looper(endpoint_t parent)
{
    message m = { .m_type = GT_REPORT };
    int ok = 0, later = 0, err = OK;
    ipc_receive(parent, &m);                           /* the grant id */
    cp_grant_id_t g = m.m_u.m1.i1;
    for (uint32_t deadline = sys_uptime() + GT_WAIT_TICKS; (int32_t)(deadline - sys_uptime()) > 0; ) {
        err = sys_safecopyfrom(peer, g, 0, (vir_bytes)big, 64);
        if (err != OK)
            break;
        if (++ok == 1) {
            m.m_type = GT_REPORT;
            ipc_send(parent, &m);                      /* started: revoke now */
        }
    }
    for (int i = 0; i < 200; i++)
        later += sys_safecopyfrom(peer, g, 0, (vir_bytes)big, 64) == OK;
    m.m_type = GT_DONE;
    m.m_u.m1.i1 = ok;
    m.m_u.m1.i2 = err;
    m.m_u.m1.i3 = later;
    ipc_send(parent, &m);
}

static void revoke_while_in_use(void)
{
    message m = { .m_type = GT_REPORT };
    endpoint_t c = gt_spawn("safecopy_test", ROLE_LOOPER, 0, NULL);
    cp_grant_id_t g = gt_req(peer, GP_GRANT, c, 0, PAGE, CPF_READ, 0, NULL);
    int rv = EGENERIC, got = 0;
    m.m_u.m1.i1 = g;
    if (c != NONE && ipc_send(c, &m) == OK &&
        wait_message(c, GT_REPORT, GT_WAIT_TICKS, &m) == OK) {
        rv = gt_req(peer, GP_REVOKE, g, 0, 0, 0, 0, NULL);
        got = wait_message(c, GT_DONE, GT_WAIT_TICKS, &m) == OK;
    }
    LT_CHECK(S, "revoke_while_in_use", got && rv == OK && m.m_u.m1.i1 >= 1 &&
             m.m_u.m1.i2 == EPERM && m.m_u.m1.i3 == 0,
             "revoke %d; %d copies, then %d, then %d more worked", rv, m.m_u.m1.i1,
             m.m_u.m1.i2, m.m_u.m1.i3);
}

static uint32_t peer_sum(uint32_t addr, uint32_t n)
{
    return (uint32_t)gt_req(peer, GP_SUM, 0, 0, (int32_t)n, 0, addr, NULL);
}

/* A grant over the peer's last mapped page and the unmapped one after it. */
static void fault_tests(void)
{
    uint32_t start = peer_end - PAGE;
    cp_grant_id_t gr = gt_req(peer, GP_GRANT_ABS, me, 0, 2 * PAGE, CPF_READ, start, NULL);
    cp_grant_id_t gw = gt_req(peer, GP_GRANT_ABS, me, 0, 2 * PAGE, CPF_WRITE, start, NULL);
    memset(big, 0x5a, 2 * PAGE);
    int r = sys_safecopyfrom(peer, gr, 0, (vir_bytes)big, 2 * PAGE);
    int intact = 1;
    for (uint32_t i = 0; i < 2 * PAGE; i++)
        intact &= big[i] == 0x5a;
    LT_CHECK(S, "fault_mid_copy_from", gr >= 0 && r == EFAULT && intact, "%d, ours %s", r,
             intact ? "untouched" : "changed");
    uint32_t before = peer_sum(start, PAGE);
    gt_fill(big, 2 * PAGE, 21);              /* differs from what the peer has */
    r = sys_safecopyto(peer, gw, 0, (vir_bytes)big, 2 * PAGE);
    LT_CHECK(S, "fault_mid_copy_to", r == EFAULT && peer_sum(start, PAGE) == before,
             "%d, the mapped page %s", r, peer_sum(start, PAGE) == before ? "untouched" : "changed");
    r = sys_safecopyfrom(peer, gr, 0, (vir_bytes)big, PAGE);
    LT_CHECK(S, "mapped_part_ok", r == OK, "%d", r);
    /* our own side: the copy would run past our _end */
    uint8_t *mine = (uint8_t *)((uintptr_t)_end - 100);
    __asm__("" : "+r"(mine));             /* an address gcc does not track */
    memset(mine, 0x33, 100);
    r = sys_safecopyfrom(peer, gr, 0, (vir_bytes)mine, 200);
    int ours = 1;
    for (int i = 0; i < 100; i++)
        ours &= mine[i] == 0x33;
    LT_CHECK(S, "fault_own_buffer", r == EFAULT && ours, "%d", r);
}

/* A WRITE grant over the peer's code: the kernel honours the page's
 * protection, whatever the grant says. */
static void readonly_test(void)
{
    cp_grant_id_t g = gt_req(peer, GP_GRANT_ABS, me, 0, 64, CPF_WRITE, peer_text, NULL);
    uint32_t before = peer_sum(peer_text, 64);
    memset(big, 0xcc, 64);
    int r = sys_safecopyto(peer, g, 0, (vir_bytes)big, 64);
    LT_CHECK(S, "readonly_granter_page", g >= 0 && r == EFAULT && peer_sum(peer_text, 64) == before,
             "%d", r);
}

void sc_fault_tests(void)
{
    message info;
    gt_req(peer, GP_INFO, 0, 0, 0, 0, 0, &info);
    peer_end = info.m_u.m1.p2;
    peer_text = info.m_u.m1.p3;
    revoke_inside_vector();
    revoke_while_in_use();
    fault_tests();
    readonly_test();
}
