/* sm_bad.c: bad input to the safemap calls, each row with its documented
 * error (lantern/safemap.h), libsys's checks and the kernel's (raw calls
 * that bypass libsys), the refusals for a user process, and no frame or
 * record left behind by any of it. */
#include <string.h>
#include <unistd.h>
#include <vm.h>
#include "sp.h"

static uint8_t bbuf[4 * PAGE] __attribute__((aligned(4096)));
static uint8_t own[PAGE] __attribute__((aligned(4096)));

static int raw(int call, uint32_t ep, uint32_t gid, uint32_t off, uint32_t addr, uint32_t bytes,
               uint32_t flags)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[SMAP_EP] = ep;
    m.m_u.m_u32[SMAP_GID] = gid;
    m.m_u.m_u32[SMAP_OFFSET] = off;
    m.m_u.m_u32[SMAP_ADDR] = addr;
    m.m_u.m_u32[SMAP_BYTES] = bytes;
    m.m_u.m_u32[SMAP_FLAGS] = flags;
    return kernel_call(call, &m);
}

static int rmap(cp_grant_id_t g, uint32_t off, uint32_t addr, uint32_t bytes, uint32_t flags)
{
    return raw(SYS_SAFEMAP, (uint32_t)peer, (uint32_t)g, off, addr, bytes, flags);
}

#define ROW(name, got, want) LT_CHECK(S, name, (got) == (want), "%d, want %d", (got), (want))

static cp_grant_id_t grant(endpoint_t to, uint32_t off, uint32_t bytes, uint32_t access)
{
    return sp_req(peer, SP_GRANT, to, (int32_t)off, (int32_t)bytes, (int32_t)access, 0, NULL);
}

static void alignment_rows(cp_grant_id_t g)
{
    uint32_t b = (uint32_t)bbuf;
    ROW("bad_offset_unaligned_libsys", sys_safemap(peer, g, 100, b, PAGE, 0), EINVAL);
    ROW("bad_offset_unaligned_kernel", rmap(g, 100, b, PAGE, 0), EINVAL);
    ROW("bad_addr_unaligned_kernel", rmap(g, 0, b + 8, PAGE, 0), EINVAL);
    ROW("bad_len_zero_kernel", rmap(g, 0, b, 0, 0), EINVAL);
    ROW("bad_len_unaligned_kernel", rmap(g, 0, b, 100, 0), EINVAL);
    ROW("bad_too_many_pages", rmap(g, 0, b, (SAFEMAP_MAX_PAGES + 1) * PAGE, 0), EINVAL);
    ROW("bad_flags", rmap(g, 0, b, PAGE, 0x2), EINVAL);
}

static void grant_rows(cp_grant_id_t g)
{
    uint32_t b = (uint32_t)bbuf;
    cp_grant_id_t other = grant(PM_ENDPOINT, 0, 4 * PAGE, CPF_READ | CPF_MAP);
    cp_grant_id_t ro = grant(me, 0, 4 * PAGE, CPF_READ | CPF_MAP);
    cp_grant_id_t nomap = grant(me, 0, 4 * PAGE, CPF_READ | CPF_WRITE);
    cp_grant_id_t dead = grant(me, 0, 4 * PAGE, CPF_READ | CPF_MAP);
    sp_req(peer, SP_REVOKE, dead, 0, 0, 0, 0, NULL);
    ROW("bad_wrong_grantee", sys_safemap(peer, other, 0, b, PAGE, 0), EPERM);
    ROW("bad_wrong_access", sys_safemap(peer, ro, 0, b, PAGE, 1), EPERM);
    ROW("bad_out_of_range", sys_safemap(peer, g, 2 * PAGE, b, 3 * PAGE, 0), EPERM);
    ROW("bad_not_cpf_map", sys_safemap(peer, nomap, 0, b, PAGE, 0), EPERM);
    ROW("bad_revoked_grant", sys_safemap(peer, dead, 0, b, PAGE, 0), EPERM);
    ROW("bad_gid_malformed", sys_safemap(peer, -1, 0, b, PAGE, 0), EINVAL);
    ROW("bad_granter_endpoint", sys_safemap(ANY, g, 0, b, PAGE, 0), EBADSRCDST);
    sp_req(peer, SP_REVOKE, other, 0, 0, 0, 0, NULL);
    sp_req(peer, SP_REVOKE, ro, 0, 0, 0, 0, NULL);
    sp_req(peer, SP_REVOKE, nomap, 0, 0, 0, 0, NULL);
}

/* The caller's range: only data or heap, never twice; the owner's page
 * protection wins over the grant; no mapping of one's own memory. */
static void place_rows(cp_grant_id_t g)
{
    uint32_t b = (uint32_t)bbuf, hole = (b & 0xff000000u) + 0x800000u;
    message info;
    ROW("bad_dest_not_data_or_heap", sys_safemap(peer, g, 0, hole, PAGE, 0), EFAULT);
    int r = sys_safemap(peer, g, 0, b, 4 * PAGE, 0);
    int again = sys_safemap(peer, g, 0, b + PAGE, PAGE, 0);
    int u = sys_safeunmap(b);
    LT_CHECK(S, "bad_overlap_ebusy", r == OK && again == EBUSY && u == OK, "%d %d %d", r, again, u);
    sp_req(peer, SP_INFO, 0, 0, 0, 0, 0, &info);
    cp_grant_id_t t = sp_req(peer, SP_GRANT_ABS, me, 0, PAGE, CPF_READ | CPF_WRITE | CPF_MAP,
                             info.m_u.m1.p2, NULL);
    int w = sys_safemap(peer, t, 0, b, PAGE, 1), ro = sys_safemap(peer, t, 0, b, PAGE, 0);
    int u2 = sys_safeunmap(b);
    sp_req(peer, SP_REVOKE, t, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "bad_write_map_of_readonly_page", w == EFAULT && ro == OK && u2 == OK,
             "writable %d, read-only %d, unmap %d", w, ro, u2);
    cp_grant_id_t mine = cpf_grant_direct(me, (vir_bytes)own, PAGE, CPF_READ | CPF_MAP);
    ROW("bad_map_own_memory", sys_safemap(me, mine, 0, b, PAGE, 0), EINVAL);
    cpf_revoke(mine);
}

static void undo_rows(void)
{
    uint32_t b = (uint32_t)bbuf;
    ROW("bad_unmap_nothing_there", sys_safeunmap(b), ENOENT);
    int k = raw(SYS_SAFEUNMAP, 0, 0, 0, b + 4, 0, 0), l = sys_safeunmap(b + 4);
    LT_CHECK(S, "bad_unmap_unaligned", k == EINVAL && l == EINVAL, "kernel %d libsys %d", k, l);
    int m = sys_saferevmap(-1), n = sys_saferevmap(GRANT_ID(5, 3));
    LT_CHECK(S, "bad_revmap_malformed_gid", m == EINVAL && n == OK, "%d, unused id %d", m, n);
}

/* A user process (our forked child) may not map or unmap (ECALLDENIED);
 * revoking its own grants' mappings it may. */
static void user_row(cp_grant_id_t g)
{
    int pid = fork();
    if (pid == 0) {
        int a = sys_safemap(peer, g, 0, (vir_bytes)bbuf, PAGE, 0);
        int b = sys_safeunmap((vir_bytes)bbuf);
        int c = sys_saferevmap(GRANT_ID(1, 0));
        _exit((a == ECALLDENIED ? 0 : 1) | (b == ECALLDENIED ? 0 : 2) | (c == OK ? 0 : 4));
    }
    int st = sp_wait(pid);
    LT_CHECK(S, "user_process_refused", pid > 0 && st == 0, "status %#x", st);
}

void sm_bad_tests(void)
{
    memset(bbuf, 0, sizeof(bbuf));
    memset(own, 0, sizeof(own));
    uint32_t free0 = sp_free(), smaps0 = sp_info(VM_INFO_SMAPS);
    cp_grant_id_t g = grant(me, 0, 4 * PAGE, CPF_READ | CPF_WRITE | CPF_MAP);
    alignment_rows(g);
    grant_rows(g);
    place_rows(g);
    undo_rows();
    user_row(g);
    sp_req(peer, SP_REVOKE, g, 0, 0, 0, 0, NULL);
    LT_CHECK(S, "bad_input_no_leak", sp_settled(free0, smaps0), "free %u -> %u, mappings %u",
             free0, sp_free(), sp_info(VM_INFO_SMAPS));
}
