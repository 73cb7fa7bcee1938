/* sm_seed.c: MINIX test/safemap's six scenarios (minix-seed-spec.md 6.3)
 * and the seed's COW case (a COW-eligible safecopy of a mapped range is a
 * copy).  G = smap_peer, the granter, R = us.  The grant covers G's first
 * 4 pages with READ | WRITE | MAP; every map is the whole 16 KiB at offset
 * 0, writable, into rbuf.  Unlike the reference each scenario starts and
 * ends with no live mapping, so each can check for leaks on its own. */
#include <string.h>
#include <unistd.h>
#include <vm.h>
#include "sp.h"

#define BUF (4 * PAGE)

static uint8_t rbuf[BUF] __attribute__((aligned(4096)));
static uint8_t cbuf[BUF] __attribute__((aligned(4096)));
static cp_grant_id_t g;
static uint32_t free0, smaps0;

#define RW (*(volatile uint32_t *)rbuf)

static int32_t gget(void) { return sp_req(peer, SP_GET, 0, 0, 0, 0, 0, NULL); }
static void gset(uint32_t v) { sp_req(peer, SP_SET, 0, 0, (int32_t)v, 0, 0, NULL); }
static int map(void) { return sys_safemap(peer, g, 0, (vir_bytes)rbuf, BUF, 1); }
static int unmap(void) { return sys_safeunmap((vir_bytes)rbuf); }
static int settled(void) { return sp_settled(free0, smaps0); }

static void baseline(void)
{
    free0 = sp_free();
    smaps0 = sp_info(VM_INFO_SMAPS);
}

/* 1 MAP: R sees G's 20; R's 10 reaches G, and unmap keeps it there. */
static void t_map(void)
{
    baseline();
    gset(20);
    int r = map(), saw = RW;
    RW = 10;
    int u = unmap();
    int32_t got = gget();
    LT_CHECK(S, "map_sees_granter", r == OK && saw == 20, "map %d, saw %d", r, saw);
    LT_CHECK(S, "map_write_reaches_granter", u == OK && got == 10 && settled(),
             "unmap %d, G sees %d", u, got);
}

/* 2 UNMAP: after the unmap R has a private copy; a new map sees G again. */
static void t_unmap(void)
{
    baseline();
    gset(20);
    int priv = RW;
    int r = map(), now = RW;
    int32_t got = gget();
    int u = unmap();
    LT_CHECK(S, "unmap_leaves_private_copy", priv == 10 && r == OK && now == 20 && got == 20 &&
             u == OK && settled(), "R saw %d, map %d, then %d, G %d, unmap %d", priv, r, now,
             got, u);
}

/* 3 REVOKE: R keeps a snapshot from the revoke on; its writes stay its own. */
static void t_revoke(void)
{
    baseline();
    int r = map();
    int rv = sp_req(peer, SP_REVMAP, g, 0, 0, 0, 0, NULL);
    gset(21);
    int snap = RW;
    RW = 10;
    int32_t got = gget();
    int u = unmap();                  /* nothing left to unmap */
    LT_CHECK(S, "revoke_leaves_snapshot", r == OK && rv == OK && snap == 20, "map %d revmap %d R %d",
             r, rv, snap);
    LT_CHECK(S, "revoke_then_writes_private", got == 21 && u == ENOENT && settled(),
             "G %d, unmap %d", got, u);
}

/* 4 SMAP_COW: a fork of R while mapped: the child gets a private copy (it
 * keeps 10), R's mapping stays shared with G (R sees G's 20). */
static void t_smap_cow(void)
{
    endpoint_t cep = NONE;
    message go;

    baseline();
    int r = map();
    RW = 10;
    int32_t g10 = gget();
    int pid = sp_fork(&cep);
    if (pid == 0) {
        while (ipc_receive(ANY, &go) != OK || go.m_type != SP_GO)
            ;
        _exit(RW != 10);
    }
    gset(20);
    memset(&go, 0, sizeof(go));
    go.m_type = SP_GO;
    int s = pid > 0 ? ipc_send(cep, &go) : -1;
    int st = s == OK ? sp_wait(pid) : -1;
    int saw = RW;
    int32_t got = gget();
    int u = unmap();
    LT_CHECK(S, "smap_cow_parent_still_shared", r == OK && g10 == 10 && saw == 20 && got == 20,
             "map %d, G %d/%d, R %d", r, g10, got, saw);
    LT_CHECK(S, "smap_cow_child_private", pid > 0 && st == 0 && u == OK && settled(),
             "pid %d, status %#x, unmap %d", pid, st, u);
}

/* 5 COW_SMAP: G forked (its pages COW-shared with its child); R maps: VM
 * breaks G's COW first, so R shares G's pages, not the child's. */
static void t_cow_smap(void)
{
    baseline();
    gset(21);
    int pid = sp_req(peer, SP_FORK, 0, 0, 22, 0, 0, NULL);
    RW = 10;
    int r = map();
    int st = sp_req(peer, SP_RELEASE, 0, 0, 0, 0, 0, NULL);
    int32_t got = gget();
    int saw = RW;
    gset(23);
    int later = RW;
    int u = unmap();
    LT_CHECK(S, "cow_smap_granter_keeps_its_own", pid > 0 && st == 0 && got == 21,
             "pid %d, child status %#x, G %d", pid, st, got);
    LT_CHECK(S, "cow_smap_grantee_shares_granter", r == OK && saw == 21 && later == 23 &&
             u == OK && settled(), "map %d, R %d then %d, unmap %d", r, saw, later, u);
}

/* 6 COW_SMAP2: a (COW) safecopy into G, then a map of the same pages. */
static void t_cow_smap2(void)
{
    baseline();
    memset(rbuf, 0, BUF);
    RW = 10;
    int c = sys_safecopyto(peer, g, 0, (vir_bytes)rbuf, BUF);
    int r = map(), saw = RW;
    int32_t got = gget();
    gset(24);
    int later = RW;
    int u = unmap();
    LT_CHECK(S, "cow_smap2_copy_then_map", c == OK && r == OK && saw == 10 && got == 10 &&
             later == 24 && u == OK && settled(), "copy %d map %d R %d G %d later %d unmap %d",
             c, r, saw, got, later, u);
}

/* The seed's case: a COW-eligible safecopy of a safemap'ed range is a
 * plain copy.  A control copy of unmapped pages is shared (COW is on). */
static void t_cow_of_mapped(void)
{
    baseline();
    cp_grant_id_t g2 = sp_req(peer, SP_GRANT, me, (int32_t)(8 * PAGE), BUF, CPF_READ, 0, NULL);
    uint32_t s0 = sp_info(VM_INFO_SHARED);
    int c1 = sys_safecopyfrom(peer, g2, 0, (vir_bytes)cbuf, BUF);
    uint32_t control = sp_info(VM_INFO_SHARED) - s0;
    gset(29);
    int r = sys_safemap(peer, g, 0, (vir_bytes)rbuf, BUF, 0);
    s0 = sp_info(VM_INFO_SHARED);
    int c2 = sys_safecopyfrom(peer, g, 0, (vir_bytes)cbuf, BUF);
    uint32_t shared = sp_info(VM_INFO_SHARED) - s0;
    gset(30);
    int map_sees = RW, copy_sees = *(volatile uint32_t *)cbuf;
    int u = unmap();
    sp_req(peer, SP_REVOKE, g2, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "cow_safecopy_control_shares", c1 == OK && control == 4, "copy %d, shared %u",
             c1, control);
    LT_CHECK(S, "cow_safecopy_of_mapped_copies", r == OK && c2 == OK && shared == 0 &&
             map_sees == 30 && copy_sees == 29, "map %d copy %d shared %u, map %d copy %d",
             r, c2, shared, map_sees, copy_sees);
    LT_CHECK(S, "cow_safecopy_of_mapped_no_leak", u == OK && settled(), "unmap %d", u);
}

/* cpf_revoke of a CPF_MAP grant undoes its mappings first (libsys). */
static void t_cpf_revoke(void)
{
    baseline();
    cp_grant_id_t g3 = sp_req(peer, SP_GRANT, me, 0, BUF, CPF_READ | CPF_MAP, 0, NULL);
    gset(40);
    int r = sys_safemap(peer, g3, 0, (vir_bytes)rbuf, BUF, 0);
    int live = (int)(sp_info(VM_INFO_SMAPS) - smaps0);
    int rv = sp_req(peer, SP_REVOKE, g3, 0, 0, 0, 0, NULL);
    gset(41);
    int saw = RW;
    LT_CHECK(S, "cpf_revoke_undoes_mappings", r == OK && live == 1 && rv == OK && saw == 40 &&
             unmap() == ENOENT && settled(), "map %d live %d revoke %d R %d", r, live, rv, saw);
}

void sm_seed_tests(void)
{
    memset(rbuf, 0, BUF);                      /* our pages, touched */
    memset(cbuf, 0, BUF);
    g = sp_req(peer, SP_GRANT, me, 0, BUF, CPF_READ | CPF_WRITE | CPF_MAP, 0, NULL);
    t_map();
    t_unmap();
    t_revoke();
    t_smap_cow();
    t_cow_smap();
    t_cow_smap2();
    t_cow_of_mapped();
    t_cpf_revoke();
    sp_req(peer, SP_REVOKE, g, 0, 0, 0, 0, NULL);
}
