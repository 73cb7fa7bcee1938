/* gt_random.c: many random requests (a small, seeded fuzz run).  Granters,
 * ids, offsets, lengths and our own addresses are drawn from good and bad
 * values (kernel addresses, unmapped pages, values near 2^32); every answer
 * must be one of the documented errors, nothing may crash, and afterwards
 * an ordinary copy still works.  Our own buffer is a scratch area, or an
 * address the kernel must refuse, so an accepted copy never lands on our
 * stack or data. */
#include <string.h>
#include "gtt.h"

#define ROUNDS 3000
extern char _end[];
static uint8_t scratch[2 * PAGE] __attribute__((aligned(4096)));
static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8 ^ seed << 13;
}

static uint32_t pick(const uint32_t *v, uint32_t n) { return v[rnd() % n]; }

static int documented(int r)
{
    return r == OK || r == EINVAL || r == EPERM || r == EFAULT || r == EBADSRCDST ||
           r == EDEADSRCDST || r == ELOOP;
}

static uint32_t some_len(void)
{
    static const uint32_t lens[] = { 0, 1, 16, PAGE, PAGE + 1, 0x7fffffff, 0xffffffff, 0x10000 };
    return rnd() % 2 ? rnd() % (2 * PAGE) : pick(lens, 8);
}

/* A copy with random arguments; its result. */
static int one(const cp_grant_id_t *ids, uint32_t nids)
{
    const uint32_t granters[] = { (uint32_t)peer, (uint32_t)me, ANY, NONE, SELF, (uint32_t)SYSTEM,
                                  (uint32_t)magic, 0x7fffffff, 0x80000000u, rnd() };
    const uint32_t addrs[] = { (uint32_t)scratch + rnd() % PAGE, 0, 0x100000, (uint32_t)_end,
                               (uint32_t)_end + 8, 0xfffffff0u, 0xffc00000u, rnd() & ~0x3fffffffu };
    endpoint_t g = (endpoint_t)pick(granters, 10);
    cp_grant_id_t id = rnd() % 4 ? ids[rnd() % nids] : (cp_grant_id_t)rnd();
    uint32_t off = rnd() % 3 ? rnd() % PAGE : rnd(), n = some_len();
    vir_bytes a = pick(addrs, rnd() % 3 ? 1 : 8);
    if (a == (uint32_t)scratch && n > PAGE)            /* stay inside scratch */
        n = PAGE;
    if (a >= (uint32_t)scratch && a < (uint32_t)scratch + 2 * PAGE && n > PAGE)
        n = PAGE;
    switch (rnd() % 3) {
    case 0: return sys_safecopyfrom(g, id, off, a, n);
    case 1: return sys_safecopyto(g, id, off, a, n);
    }
    struct vscp_vec v[2] = {
        { .v_from = g, .v_to = SELF, .v_gid = id, .v_offset = off, .v_addr = a, .v_bytes = n },
        { .v_from = rnd() % 2 ? SELF : g, .v_to = rnd() % 2 ? SELF : g, .v_gid = id,
          .v_offset = off, .v_addr = (uint32_t)scratch, .v_bytes = rnd() % PAGE },
    };
    return sys_vsafecopy(v, 1 + rnd() % 2);
}

void gt_random_test(void)
{
    cp_grant_id_t ids[8];
    int bad = OK, where = -1;
    ids[0] = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ | CPF_WRITE, 0, NULL);
    ids[1] = gt_req(peer, GP_GRANT, ANY, PAGE, PAGE, CPF_READ, 0, NULL);
    ids[2] = gt_req(peer, GP_GRANT, me, 0, 16, CPF_WRITE, 0, NULL);
    ids[3] = cpf_grant_direct(me, (vir_bytes)scratch, PAGE, CPF_READ | CPF_WRITE);
    ids[4] = cpf_grant_indirect(me, peer, ids[0]);
    ids[5] = cpf_grant_indirect(me, me, ids[4]);
    ids[6] = GRANT_ID(1, 0);
    ids[7] = -1;
    for (int i = 0; i < ROUNDS && bad == OK; i++) {
        int r = one(ids, 8);
        if (!documented(r)) {
            bad = r;
            where = i;
        }
    }
    int after = sys_safecopyfrom(peer, ids[0], 0, (vir_bytes)scratch, PAGE);
    LT_CHECK(S, "random_requests", bad == OK && after == OK,
             "request %d gave %d; a copy afterwards: %d", where, bad, after);
}
