/* cowcopy.c: copy-on-write safecopy (docs/grants.md, "COW safecopy").
 *
 * A SYS_SAFECOPYFROM/TO of at least `cow_crossover` bytes whose two
 * addresses have the same in-page offset shares the whole pages inside the
 * range instead of copying them: the kernel cannot do that alone (VM owns
 * the frames and their counts), so it parks the caller with a VMR_COW_SHARE
 * request naming both sides; VM maps each source frame read-only + COW in
 * both address spaces and answers.  The call then runs again from scratch
 * (grants checked again) with MF_COWDONE: only the partial head and tail
 * pages are copied byte-wise.  When VM refused (ENOMEM, a side gone), the
 * rerun has MF_COWSKIP and copies everything byte-wise.
 *
 * Invariants:
 *   - only whole pages strictly inside the range are shared; a partial
 *     head or tail page is always copied (MINIX's race: a shared tail page
 *     would hand the destination bytes beyond the copy);
 *   - both flags live until the call completes (system.c clears them), so
 *     a copy fault in the head or tail during the rerun cannot start a
 *     second share;
 *   - vsafecopy never shares (each element stays one atomic byte copy);
 *   - a range with a safemap'ed page (VMMAP_SMAP) on either side is
 *     copied byte-wise, never shared (the seed's case).
 * `cow=0` on the kernel command line turns sharing off; `cowmin=N` sets
 * the crossover (default COW_CROSSOVER_DEFAULT, measured by bench/grant:
 * cow_crossover_bytes, docs/benchmarks.md). */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "trace.h"
#include "grant.h"
#include "vmreq.h"

#define COW_CROSSOVER_DEFAULT (40u * 1024)     /* bench/grant, 2026-12-03: 40960 */

static int cow_state = -1;            /* -1 not read yet, 0 off, 1 on */
static uint32_t cow_crossover;

static uint32_t opt_uint(const char *v, uint32_t dflt)
{
    uint32_t n = 0;
    if (!v || *v < '0' || *v > '9')
        return dflt;
    while (*v >= '0' && *v <= '9')
        n = n * 10 + (uint32_t)(*v++ - '0');
    return n;
}

static int cow_enabled(void)
{
    if (cow_state < 0) {
        cow_state = opt_uint(boot_option("cow"), 1) != 0;
        cow_crossover = opt_uint(boot_option("cowmin"), COW_CROSSOVER_DEFAULT);
        if (cow_crossover < PAGE_SIZE)
            cow_crossover = PAGE_SIZE;
    }
    return cow_state;
}

/* The whole pages of [a, a + n): first and end (first == end: none). */
static void whole_pages(vir_bytes a, uint32_t n, vir_bytes *first, vir_bytes *end)
{
    *first = (a + PAGE_SIZE - 1) & ~(vir_bytes)(PAGE_SIZE - 1);
    *end = (a + n) & ~(vir_bytes)(PAGE_SIZE - 1);
    if (*end < *first)
        *end = *first;
}

static void trace_share(struct proc *caller, const struct grant_use *u, uint32_t pages, int r)
{
    TRACE(COW_SHARE, (uint32_t)caller->p_endpoint, (uint32_t)u->granter,
          (uint32_t)caller->p_endpoint, (uint32_t)u->gid, u->offset, u->bytes, (uint32_t)r,
          u->access, pages, u->owner ? (uint32_t)u->owner->p_endpoint : (uint32_t)NONE,
          caller->p_recv_call_id, u->owner ? u->addr : 0);
}

/* The rerun after VM shared the middle: copy the head and the tail. */
static int copy_ends(struct proc *src, vir_bytes sa, struct proc *dst, vir_bytes da, uint32_t n)
{
    vir_bytes first, end;
    int r;

    whole_pages(sa, n, &first, &end);
    if ((r = xcopy(src, sa, dst, da, (uint32_t)(first - sa))) != OK)
        return r;
    return xcopy(src, end, dst, da + (end - sa), (uint32_t)(sa + n - end));
}

/* The destination's whole pages may be replaced when writable or COW (a
 * page an earlier COW copy shared: demanding it writable would make VM
 * break it first, a page copy for nothing).  A missing page: a copy fault. */
static int dst_pages_ok(struct proc *dst, vir_bytes first, vir_bytes end)
{
    phys_bytes frame;
    uint32_t flags;

    for (vir_bytes pg = first; pg < end; pg += PAGE_SIZE)
        if (vmmap_query(dst, pg, &frame, &flags) != OK || !(flags & (VMMAP_WRITE | VMMAP_COW))) {
            note_copy_fault(dst, pg, 1);
            return 0;
        }
    return 1;
}

/* Is some page of [first, end) of p shared by safemap?  Such pages are
 * copied, never COW-shared: sharing them COW would silently split the
 * mapping (the seed's case, minix-seed-spec.md 3.10). */
static int smap_pages(struct proc *p, vir_bytes first, vir_bytes end)
{
    phys_bytes frame;
    uint32_t flags;

    for (vir_bytes pg = first; pg < end; pg += PAGE_SIZE)
        if (vmmap_query(p, pg, &frame, &flags) == OK && (flags & VMMAP_SMAP))
            return 1;
    return 0;
}

/* Called after grant_verify() passed.  Returns 0: copy byte-wise as usual;
 * 1: done here, *result is the call's result (EDONTREPLY: parked for VM). */
int cow_safecopy(struct proc *caller, const struct grant_use *u, vir_bytes addr, int *result)
{
    int rd = u->access == CPF_READ;
    struct proc *src = rd ? u->owner : caller, *dst = rd ? caller : u->owner;
    vir_bytes sa = rd ? u->addr : addr, da = rd ? addr : u->addr, first, end;

    if (caller->p_misc_flags & MF_COWSKIP)
        return 0;
    if (caller->p_misc_flags & MF_COWDONE) {
        *result = copy_ends(src, sa, dst, da, u->bytes);
        trace_share(caller, u, 0, *result);
        return 1;
    }
    whole_pages(sa, u->bytes, &first, &end);
    if (!cow_enabled() || u->bytes < cow_crossover || first == end || src == dst ||
        ((sa ^ da) & (PAGE_SIZE - 1)) || !vm_proc || src == vm_proc || dst == vm_proc)
        return 0;
    if (!xcopy_range_ok(src, sa, u->bytes, 0) || !xcopy_range_ok(dst, da, (uint32_t)(first - sa), 1) ||
        !xcopy_range_ok(dst, da + (end - sa), (uint32_t)(sa + u->bytes - end), 1) ||
        !dst_pages_ok(dst, da + (first - sa), da + (end - sa))) {
        *result = EFAULT;                     /* a copy fault: VM maps, then again */
        return 1;
    }
    if (smap_pages(src, first, end) || smap_pages(dst, da + (first - sa), da + (end - sa)))
        return 0;                             /* safemap'ed: a plain copy */
    vm_cow_request(caller, src, first, dst, da + (first - sa), (uint32_t)((end - first) / PAGE_SIZE));
    *result = EDONTREPLY;
    return 1;
}
