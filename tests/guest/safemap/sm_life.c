/* sm_life.c: the lifetime rules of safemap (docs/grants.md "safemap"):
 * a revocation while the grantee is writing its mapping, the exit of the
 * granter and of the grantee with live mappings, indirect chains (any
 * link revokes; a link's exit leaves the mapping, section 4.7), VM's
 * record limit (ENOSPC) with one revoke undoing a thousand mappings, and
 * the break that may not come down over a mapping.  Each test checks that
 * VM's free frames and live mappings come back (deadline poll) and the
 * counts (VM_CHECK). */
#include <string.h>
#include <unistd.h>
#include <vm.h>
#include <lantern/vm.h>
#include "sp.h"

#define BUF   (4 * PAGE)
#define MANY  (SAFEMAP_MAX + 1)

static uint8_t lbuf[BUF] __attribute__((aligned(4096)));
static uint8_t big[MANY * PAGE] __attribute__((aligned(4096)));
static uint32_t free0, smaps0;

#define LW (*(volatile uint32_t *)lbuf)

static void baseline(void)
{
    free0 = sp_free();
    smaps0 = sp_info(VM_INFO_SMAPS);
}

static int settled(void) { return sp_settled(free0, smaps0); }

/* Wait (deadline) until VM holds `n` live mappings. */
static int smaps_become(uint32_t n)
{
    for (int t = 0; t < SP_DEADLINE; t++) {
        if (sp_info(VM_INFO_SMAPS) == n)
            return 1;
        sp_tick();
    }
    return 0;
}

/* A copy of smap_peer as a system process with the safemap calls. */
static endpoint_t spawn_peer(void)
{
    static const int calls[] = { SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM,
        SYS_TRACECTL, SYS_SETGRANT, SYS_SAFEMAP, SYS_SAFEREVMAP, SYS_SAFEUNMAP, -1 };
    struct priv_info pi;
    endpoint_t ep;

    if (sys_spawn_args("smap_peer", NULL, 0, &ep) != OK)
        return NONE;
    memset(&pi, 0, sizeof(pi));
    pi.flags = SYS_PROC | PREEMPTIBLE | DYN_PRIV_ID;
    pi.trap_mask = IPC_ALL_OPS;
    memset(pi.ipc_to, 0xff, sizeof(pi.ipc_to));
    for (int i = 0; calls[i] >= 0; i++)
        kcall_allow(&pi, calls[i]);
    if (sys_privctl(ep, PRIV_SET_SYS, &pi) != OK || sys_privctl(ep, PRIV_ALLOW, NULL) != OK) {
        sys_kill(ep, 1);
        return NONE;
    }
    return ep;
}

/* Wait (deadline) until ep has exited. */
static int gone(endpoint_t ep)
{
    struct priv_info pi;
    for (int t = 0; t < SP_DEADLINE; t++) {
        if (sys_getpriv(ep, &pi) != OK)
            return 1;
        sp_tick();
    }
    return 0;
}

/* The granter revokes (cpf_revoke, on a timer) while we keep writing
 * through the mapping: no fault, no hole, and the granter keeps a value we
 * wrote before the revocation, never one after. */
static void t_revoke_in_use(void)
{
    baseline();
    cp_grant_id_t g = sp_req(peer, SP_GRANT, me, 0, BUF, CPF_READ | CPF_WRITE | CPF_MAP, 0, NULL);
    int r = sys_safemap(peer, g, 0, (vir_bytes)lbuf, BUF, 1);
    uint32_t i = 0;
    int rv = sp_req(peer, SP_REVOKE_IN, g, 3, 0, 0, 0, NULL), done = 0;
    for (int t = 0; r == OK && t < SP_DEADLINE && !done; t++) {
        for (int k = 0; k < 2000; k++)
            LW = ++i;
        done = sp_info(VM_INFO_SMAPS) == smaps0;
        if (!done)
            sp_tick();                     /* poll interval inside the deadline */
    }
    LW = 0xdeadu;
    uint32_t got = (uint32_t)sp_req(peer, SP_GET, 0, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "revoke_while_in_use", r == OK && rv == OK && done && got >= 1 && got <= i &&
             LW == 0xdeadu && settled(), "map %d, revoked %d, G %u of %u", r, done, got, i);
}

/* The granter (a forked child of ours) exits with our mapping live: the
 * record goes, we keep the pages, writable, and nothing leaks. */
static void t_granter_exit(void)
{
    endpoint_t cep = NONE;
    message m;

    baseline();
    int pid = sp_fork(&cep);
    if (pid == 0) {                          /* the child: the granter */
        memset(&m, 0, sizeof(m));
        m.m_u.m1.i1 = cpf_grant_direct(me, (vir_bytes)big, 2 * PAGE, CPF_READ | CPF_WRITE | CPF_MAP);
        *(volatile uint32_t *)big = 77;
        m.m_type = SP_GO;
        ipc_sendrec(me, &m);                 /* users: SENDREC and RECEIVE only */
        _exit(0);
    }
    int rc = pid > 0 ? ipc_receive(cep, &m) : -1;
    int r = rc == OK ? sys_safemap(cep, m.m_u.m1.i1, 0, (vir_bytes)lbuf, 2 * PAGE, 1) : rc;
    int saw = LW;
    memset(&m, 0, sizeof(m));
    m.m_type = SP_GO;
    int st = r == OK && ipc_send(cep, &m) == OK ? sp_wait(pid) : -1;
    int swept = smaps_become(smaps0);
    LW = 79;
    LT_CHECK(S, "granter_exit_keeps_pages", r == OK && saw == 77 && st == 0 && swept &&
             LW == 79 && sys_safeunmap((vir_bytes)lbuf) == ENOENT && settled(),
             "map %d saw %d status %#x swept %d", r, saw, st, swept);
}

/* The grantee (a spawned peer) exits with a live mapping of ours. */
static void t_grantee_exit(void)
{
    baseline();
    endpoint_t p2 = spawn_peer();
    cp_grant_id_t g = cpf_grant_direct(p2, (vir_bytes)lbuf, BUF, CPF_READ | CPF_MAP);
    LW = 55;
    int r = sp_req(p2, SP_MAP, me, g, BUF, 0, 0, NULL);
    LW = 56;
    int32_t saw = sp_req(p2, SP_MGET, 0, 0, 0, 0, 0, NULL);
    int live = smaps_become(smaps0 + 1);
    sp_req(p2, SP_EXIT, 0, 0, 0, 0, 0, NULL);
    int died = gone(p2), swept = smaps_become(smaps0);
    LW = 57;
    int rv = cpf_revoke(g);
    LT_CHECK(S, "grantee_exit_drops_records", p2 != NONE && r == OK && saw == 56 && live &&
             died && swept && LW == 57 && rv == OK && settled(), "p2 %d map %d saw %d live %d "
             "died %d swept %d", p2, r, saw, live, died, swept);
}

/* A write to a read-only mapping is a fault VM refuses (not a COW copy):
 * the writer (a spawned peer) is stopped, our page keeps its value, and
 * the dead grantee's record goes. */
static void t_readonly_write(void)
{
    baseline();
    endpoint_t p2 = spawn_peer();
    cp_grant_id_t g = cpf_grant_direct(p2, (vir_bytes)lbuf, PAGE, CPF_READ | CPF_MAP);
    LW = 66;
    int r = sp_req(p2, SP_MAP, me, g, PAGE, 0, 0, NULL);
    int32_t saw = sp_req(p2, SP_MGET, 0, 0, 0, 0, 0, NULL);
    int w = sp_req(p2, SP_MSET, 0, 0, 67, 0, 0, NULL);      /* the peer faults: an IPC error */
    int died = gone(p2), swept = smaps_become(smaps0);
    int rv = cpf_revoke(g);
    LT_CHECK(S, "readonly_mapping_write_stops_writer", p2 != NONE && r == OK && saw == 66 &&
             w != OK && died && swept && LW == 66 && rv == OK && settled(),
             "map %d saw %d write %d died %d swept %d ours %u", r, saw, w, died, swept, LW);
}

/* Through an intermediate: G grants P, P passes it on to us. */
static void t_indirect(void)
{
    baseline();
    endpoint_t p = spawn_peer();
    cp_grant_id_t g1 = sp_req(peer, SP_GRANT, p, 0, BUF, CPF_READ | CPF_WRITE | CPF_MAP, 0, NULL);
    cp_grant_id_t gi = sp_req(p, SP_INDIRECT, me, peer, g1, 0, 0, NULL);
    sp_req(peer, SP_SET, 0, 0, 61, 0, 0, NULL);
    int r1 = sys_safemap(p, gi, 0, (vir_bytes)lbuf, BUF, 1), saw1 = LW;
    int v1 = sp_req(p, SP_REVMAP, gi, 0, 0, 0, 0, NULL), u1 = smaps_become(smaps0);
    sp_req(peer, SP_SET, 0, 0, 62, 0, 0, NULL);
    LT_CHECK(S, "indirect_link_revokes", r1 == OK && saw1 == 61 && v1 == OK && u1 && LW == 61,
             "map %d saw %d revmap %d undone %d now %d", r1, saw1, v1, u1, LW);
    int r2 = sys_safemap(p, gi, 0, (vir_bytes)lbuf, BUF, 1), saw2 = LW;
    int v2 = sp_req(peer, SP_REVMAP, g1, 0, 0, 0, 0, NULL), u2 = smaps_become(smaps0);
    LT_CHECK(S, "indirect_owner_revokes", r2 == OK && saw2 == 62 && v2 == OK && u2,
             "map %d saw %d revmap %d undone %d", r2, saw2, v2, u2);
    int r3 = sys_safemap(p, gi, 0, (vir_bytes)lbuf, BUF, 1);
    sp_req(p, SP_EXIT, 0, 0, 0, 0, 0, NULL);
    int died = gone(p);
    sp_req(peer, SP_SET, 0, 0, 63, 0, 0, NULL);
    int still = sp_info(VM_INFO_SMAPS) == smaps0 + 1 && LW == 63;
    int dead = sys_safemap(p, gi, 0, (vir_bytes)lbuf + BUF / 2, PAGE, 0);
    int u3 = sys_safeunmap((vir_bytes)lbuf);
    sp_req(peer, SP_REVOKE, g1, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "indirect_link_exit_keeps_mapping", r3 == OK && died && still &&
             dead == EDEADSRCDST && u3 == OK && settled(), "map %d died %d still %d dead %d "
             "unmap %d", r3, died, still, dead, u3);
}

/* VM's records: SAFEMAP_MAX in all, then ENOSPC; one revoke undoes all. */
static void t_many(void)
{
    baseline();
    cp_grant_id_t g = sp_req(peer, SP_GRANT, me, 0, PAGE, CPF_READ | CPF_MAP, 0, NULL);
    uint32_t room = SAFEMAP_MAX - smaps0, ok = 0;
    memset(big, 1, sizeof(big));
    sp_req(peer, SP_SET, 0, 0, 88, 0, 0, NULL);
    for (uint32_t i = 0; i < room; i++)
        ok += sys_safemap(peer, g, 0, (vir_bytes)big + i * PAGE, PAGE, 0) == OK;
    int full = sys_safemap(peer, g, 0, (vir_bytes)big + room * PAGE, PAGE, 0);
    int seen = *(volatile uint32_t *)(big + (room - 1) * PAGE) == 88;
    LT_CHECK(S, "records_limit_enospc", ok == room && full == ENOSPC && seen, "%u of %u, then %d",
             ok, room, full);
    int rv = sp_req(peer, SP_REVMAP, g, 0, 0, 0, 0, NULL);
    sp_req(peer, SP_SET, 0, 0, 89, 0, 0, NULL);
    int kept = *(volatile uint32_t *)big == 88;
    sp_req(peer, SP_REVOKE, g, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "one_revoke_undoes_all", rv == OK && kept && settled(), "revmap %d kept %d", rv, kept);
}

static int set_brk(uint32_t to)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = VM_BRK;
    m.m_u.m1.i1 = (int32_t)to;
    int r = ipc_sendrec(VM_ENDPOINT, &m);
    return r != OK ? r : m.m_type;
}

/* A mapping in the heap: the break may not come down over it (EBUSY). */
static void t_brk(void)
{
    baseline();
    uint32_t old = (uint32_t)sbrk(0), a = (old + 2 * PAGE - 1) & ~(PAGE - 1);
    int up = set_brk(a + PAGE);
    cp_grant_id_t g = sp_req(peer, SP_GRANT, me, 0, PAGE, CPF_READ | CPF_MAP, 0, NULL);
    int r = sys_safemap(peer, g, 0, a, PAGE, 0);
    int down = set_brk(old);
    int u = sys_safeunmap(a);
    int down2 = set_brk(old);
    sp_req(peer, SP_REVOKE, g, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "brk_below_mapping_ebusy", up == OK && r == OK && down == EBUSY && u == OK &&
             down2 == OK && settled(), "up %d map %d down %d unmap %d down %d", up, r, down, u,
             down2);
}

void sm_life_tests(void)
{
    memset(lbuf, 0, BUF);
    t_revoke_in_use();
    t_granter_exit();
    t_grantee_exit();
    t_readonly_write();
    t_indirect();
    t_many();
    t_brk();
}
