/* sc_cow.c: copy-on-write safecopy (docs/grants.md, "COW safecopy").
 *
 * A copy of at least the crossover (`cowmin=` on the command line; the
 * suite's runs give it, so that the sizes below straddle it)
 * whose two addresses share their in-page offset gets its whole pages
 * shared through VM; the head and tail pages are copied.  VM counts the
 * pages it shared (vm_info VM_INFO_SHARED), so each test knows exactly
 * how many pages were shared: all the whole pages with COW on, none with
 * `cow=0` on the kernel command line (the safecopy/nocow run).  Every copy
 * must land exactly either way, guards untouched, and a write by either
 * side afterwards must leave the other side's bytes alone.  The free
 * frames (VM's pool plus the kernel's: a shared kernel-pool page moves to
 * VM's pool) are as many at the end as at the start: no frame leaked. */
#include <string.h>
#include <vm.h>
#include "sct.h"

#define G 64u                                  /* guard bytes around a copy */
static int cow_on;
static uint32_t crossover;
static uint32_t start_free;

static uint32_t info(int word)
{
    uint32_t w[VM_INFO_WORDS] = { 0 };
    vm_info(w);
    return w[word];
}

static int cow_mode(void)
{
    static struct kinfo k;
    sys_kinfo(&k);
    k.cmdline[sizeof(k.cmdline) - 1] = 0;
    const char *c = strstr(k.cmdline, "cowmin=");
    for (c = c ? c + 7 : "16384"; *c >= '0' && *c <= '9'; c++)
        crossover = crossover * 10 + (uint32_t)(*c - '0');
    return strstr(k.cmdline, "cow=0") == NULL;
}

/* Copy n bytes from the peer's buffer at off (filled with seed) into big +
 * off (same in-page offset); check the bytes, the guards and how many
 * pages VM shared.  OK, or why not in *why. */
static int cow_from(cp_grant_id_t g, uint32_t off, uint32_t n, uint32_t seed, const char **why)
{
    uint32_t first = (off + PAGE - 1) & ~(PAGE - 1), end = (off + n) & ~(PAGE - 1);
    uint32_t want = cow_on && n >= crossover && end > first ? (end - first) / PAGE : 0;
    memset(big + off - G, 0xaa, n + 2 * G);
    uint32_t s0 = info(VM_INFO_SHARED);
    int r = sys_safecopyfrom(peer, g, off, (vir_bytes)big + off, n);
    uint32_t shared = info(VM_INFO_SHARED) - s0;
    if (r != OK)
        return *why = "copy failed", r;
    for (uint32_t i = 0; i < n; i++)
        if (big[off + i] != gp_byte(seed, off + i))
            return *why = "wrong byte", EGENERIC;
    if (big[off - 1] != 0xaa || big[off + n] != 0xaa)
        return *why = "guard changed", EGENERIC;
    return shared == want ? OK : (*why = "shared pages", EGENERIC);
}

static void sizes(cp_grant_id_t g)
{
    static const uint32_t offs[] = { PAGE, PAGE + 100, 2 * PAGE - 1 };
    static const uint32_t lens[] = { 12288, 16383, 16384, 16385, 20480, 65536 + 300, 1u << 20 };
    const char *why = "";
    int r = OK;
    uint32_t bad_off = 0, bad_n = 0;
    gt_req(peer, GP_FILL, 21, 0, (int32_t)(2u << 20), 0, 0, NULL);
    for (unsigned i = 0; i < 3 && r == OK; i++)
        for (unsigned j = 0; j < 7 && r == OK; j++)
            if ((r = cow_from(g, offs[i], lens[j], 21, &why)) != OK)
                bad_off = offs[i], bad_n = lens[j];
    LT_CHECK(S, "cow_sizes_around_crossover", r == OK, "off %u n %u: %s (%d)", bad_off, bad_n, why, r);
}

/* After a shared copy, each side writes its own copy: the other keeps its
 * bytes (the write broke the sharing). */
static void breaks(cp_grant_id_t g)
{
    const char *why = "";
    uint32_t n = 64 * PAGE;
    gt_req(peer, GP_FILL, 22, 0, (int32_t)(n + 2 * PAGE), 0, 0, NULL);
    int r = cow_from(g, PAGE, n, 22, &why);
    memset(big + PAGE, 0x5c, n);                  /* the grantee writes */
    uint8_t want[256];
    for (uint32_t i = 0; i < 256; i++)
        want[i] = gp_byte(22, PAGE + n - 256 + i);
    uint32_t got = (uint32_t)gt_req(peer, GP_SUM, 0, 0, 256, 0, peer_buf + PAGE + n - 256, NULL);
    LT_CHECK(S, "cow_grantee_write_breaks", r == OK && got == gp_sum(want, 256),
             "%s (%d), granter sum %x", why, r, got);
    r = cow_from(g, PAGE, n, 22, &why);
    gt_req(peer, GP_FILL, 23, 0, (int32_t)(n + 2 * PAGE), 0, 0, NULL);   /* the granter writes */
    int ok = r == OK;
    for (uint32_t i = 0; ok && i < n; i += 97)
        ok = big[PAGE + i] == gp_byte(22, PAGE + i);
    LT_CHECK(S, "cow_granter_write_breaks", ok, "%s (%d)", why, r);
}

/* Towards the granter (SAFECOPYTO): the granter's pages become ours. */
static void copy_to(void)
{
    uint32_t n = 32 * PAGE;
    cp_grant_id_t g = gt_req(peer, GP_GRANT, me, 0, (int32_t)(n + 2 * PAGE), CPF_WRITE, 0, NULL);
    gt_fill(big + PAGE, n, 24);
    uint32_t s0 = info(VM_INFO_SHARED);
    int r = sys_safecopyto(peer, g, PAGE, (vir_bytes)big + PAGE, n);
    uint32_t shared = info(VM_INFO_SHARED) - s0;
    uint32_t got = (uint32_t)gt_req(peer, GP_SUM, 0, 0, (int32_t)n, 0, peer_buf + PAGE, NULL);
    memset(big + PAGE, 0, n);                     /* ours changes, the peer's not */
    uint32_t after = (uint32_t)gt_req(peer, GP_SUM, 0, 0, (int32_t)n, 0, peer_buf + PAGE, NULL);
    gt_fill(big + PAGE, n, 24);
    LT_CHECK(S, "cow_copy_to_granter", r == OK && got == gp_sum(big + PAGE, n) && after == got &&
             shared == (cow_on ? 32u : 0u), "%d, shared %u", r, shared);
    gt_req(peer, GP_REVOKE, g, 0, 0, 0, 0, NULL);
}

/* A revoked grant fails before anything is shared; different in-page
 * offsets are never shared. */
static void refusals(cp_grant_id_t g)
{
    cp_grant_id_t dead = gt_req(peer, GP_GRANT, me, 0, (int32_t)(1u << 20), CPF_READ, 0, NULL);
    gt_req(peer, GP_REVOKE, dead, 0, 0, 0, 0, NULL);
    gt_req(peer, GP_FILL, 23, 0, (int32_t)(66 * PAGE), 0, 0, NULL);
    uint32_t s0 = info(VM_INFO_SHARED);
    int r1 = sys_safecopyfrom(peer, dead, 0, (vir_bytes)big, 1u << 20);
    int r2 = sys_safecopyfrom(peer, g, PAGE, (vir_bytes)big + PAGE + 8, 64 * PAGE);
    uint32_t shared = info(VM_INFO_SHARED) - s0;
    LT_CHECK(S, "cow_refused_cases", r1 == EPERM && r2 == OK && shared == 0 &&
             big[PAGE + 8] == gp_byte(23, PAGE), "%d %d shared %u", r1, r2, shared);
}

void sc_cow_tests(void)
{
    cow_on = cow_mode();
    memset(big, 0, (2u << 20) + 2 * PAGE);         /* every page ours and touched */
    gt_req(peer, GP_FILL, 20, 0, (int32_t)((2u << 20) + 2 * PAGE), 0, 0, NULL);
    start_free = info(VM_INFO_FREE) + info(VM_INFO_KFREE);
    cp_grant_id_t g = gt_req(peer, GP_GRANT, me, 0, (int32_t)((2u << 20) + 2 * PAGE), CPF_READ, 0, NULL);
    sizes(g);
    breaks(g);
    copy_to();
    refusals(g);
    /* every shared page made private again on both sides: the same frames */
    memset(big, 0, (2u << 20) + 2 * PAGE);
    gt_req(peer, GP_FILL, 20, 0, (int32_t)((2u << 20) + 2 * PAGE), 0, 0, NULL);
    uint32_t end_free = info(VM_INFO_FREE) + info(VM_INFO_KFREE);
    LT_CHECK(S, "cow_no_frame_leaked", end_free == start_free, "free %u -> %u", start_free, end_free);
    gt_req(peer, GP_REVOKE, g, 0, 0, 0, 0, NULL);
}
