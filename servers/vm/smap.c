/* smap.c: safemap's mappings (lantern/safemap.h, docs/grants.md "safemap").
 *
 * The kernel checked the grant and parked the caller; here VM does the
 * mapping and keeps one record per live mapping: the grantee and its
 * range, the owner and its range, and the chain of (granter, grant id)
 * links it was made through.  The records are the only state besides the
 * page tables; the frames' counts stay exact (each mapping of a frame is
 * one count, as everywhere in VM).
 *
 * The pages of a mapping carry the VMMAP_SMAP mark on both sides (a PTE
 * bit the CPU ignores): a COW safecopy copies such pages instead of
 * sharing them (kernel cowcopy.c, vmmap_share), and a fork gives its child
 * a copy of them (cow.c), so a mapping is never silently split.  Before a
 * page is shared its COW sharing, if any, is broken on the owner's side,
 * so both really use one frame (the seed's COW_SMAP case).
 *
 * Undoing a mapping (unmap, revoke) gives the grantee a private copy of
 * each page as it is now, at the same address; the owner's page keeps its
 * frame and loses the mark once no other record covers it.  Exits: a dead
 * grantee's records go (its frames came back through the reap); a dead
 * owner leaves each grantee the frames, now its own alone (mark cleared,
 * no copy needed).  smap_sweep() runs after every reap.
 *
 * Limits: SAFEMAP_MAX records in all (ENOSPC), SAFEMAP_MAX_PAGES pages a
 * mapping (the kernel refuses more: EINVAL).  A record is dropped only
 * once its pages are undone: a private copy that cannot get a frame
 * (ENOMEM) leaves the record, and the mapping, as it was.
 */
#include <string.h>
#include <lantern/safemap.h>
#include "vm.h"

struct smap_rec {
    endpoint_t grantee, owner;          /* grantee 0: a free record */
    uint32_t addr, owner_va, pages;
    uint32_t nlinks;
    endpoint_t link_ep[VMR_SMAP_LINKS];
    int32_t link_gid[VMR_SMAP_LINKS];
};

static struct smap_rec recs[SAFEMAP_MAX];
static uint32_t nrecs;
static uint32_t top;           /* every live record lies below: loops stop here */

uint32_t smap_count(void) { return nrecs; }

static int live(const struct smap_rec *r) { return r->pages != 0; }

static int overlaps(uint32_t a, uint32_t na, uint32_t b, uint32_t nb)
{
    return a < b + nb * 4096 && b < a + na * 4096;
}

/* Does some record other than `skip` map the owner's page va? */
static int owner_page_mapped(endpoint_t owner, uint32_t va, const struct smap_rec *skip)
{
    for (uint32_t i = 0; i < top; i++) {
        const struct smap_rec *r = &recs[i];
        if (r != skip && live(r) && r->owner == owner && overlaps(r->owner_va, r->pages, va, 1))
            return 1;
    }
    return 0;
}

/* Set or clear the mark of one page, keeping its write bit. */
static int mark(endpoint_t ep, uint32_t va, int on)
{
    uint32_t q = va, frame, flags;
    int r;
    if ((r = vk_query(ep, VMQ_PAGE, &q, &frame, &flags)) != OK)
        return r;
    return vk_protect(ep, va, 4096, (flags & VMMAP_WRITE) | VMMAP_SMAP_SET | (on ? VMMAP_SMAP : 0));
}

/* The owner's page va, ready to share: present, its own frame (COW broken,
 * a kernel-pool page moved to a VM frame).  *writable: may be mapped
 * writable (a read-only page, text, is shared read-only at most). */
static int owner_page(endpoint_t owner, uint32_t va, uint32_t *frame, int *writable)
{
    uint32_t q = va, flags;
    int r;

    if (vk_query(owner, VMQ_PAGE, &q, frame, &flags) != OK || (flags & VMMAP_COW)) {
        if ((r = vm_resolve(owner, va, 1)) != OK)
            return r == ESRCH ? EDEADSRCDST : r;
        q = va;
        if ((r = vk_query(owner, VMQ_PAGE, &q, frame, &flags)) != OK)
            return r == ESRCH ? EDEADSRCDST : EFAULT;
    }
    if ((flags & VMMAP_KPOOL) && (r = cow_adopt(owner, va, frame, &flags)) != OK)
        return r;
    *writable = (flags & VMMAP_WRITE) != 0;
    return OK;
}

/* Map one page of the owner at gva in the grantee, marked on both sides. */
static int map_page(endpoint_t owner, uint32_t ova, endpoint_t grantee, uint32_t gva, int write)
{
    uint32_t frame, old;
    int writable, r;

    if ((r = owner_page(owner, ova, &frame, &writable)) != OK)
        return r;
    if (write && !writable)
        return EFAULT;                      /* the page protection wins over the grant */
    if ((r = mark(owner, ova, 1)) != OK)
        return r == ESRCH ? EDEADSRCDST : r;
    r = vk_map(grantee, gva, frame, VMMAP_REPLACE | VMMAP_SMAP | (write ? VMMAP_WRITE : 0), NONE,
               0, &old);
    if (r != OK)
        return r;
    frame_ref(frame);
    frame_unref(old);
    return OK;
}

/* The grantee's page va becomes a private copy of what it shows now. */
static int privatize(endpoint_t ep, uint32_t va)
{
    uint32_t q = va, frame, flags, f, old;
    int r;

    if (vk_query(ep, VMQ_PAGE, &q, &frame, &flags) != OK || !(flags & VMMAP_SMAP))
        return OK;                          /* nothing of ours there any more */
    if (!(f = frame_alloc()))
        return ENOMEM;
    r = vk_map(ep, va, f, VMMAP_COPY | VMMAP_REPLACE | (flags & VMMAP_WRITE), ep, va, &old);
    if (r != OK)
        return frame_unref(f), r;
    frame_unref(old);
    return OK;
}

/* Undo `pages` pages of a mapping: the grantee's copies (unless it is
 * gone), then the owner's marks no other record needs. */
static int undo_pages(const struct smap_rec *rec, uint32_t pages, int grantee_alive)
{
    int r;

    for (uint32_t i = 0; grantee_alive && i < pages; i++)
        if ((r = privatize(rec->grantee, rec->addr + i * 4096)) != OK)
            return r;
    for (uint32_t i = 0; i < pages; i++)
        if (!owner_page_mapped(rec->owner, rec->owner_va + i * 4096, rec))
            mark(rec->owner, rec->owner_va + i * 4096, 0);   /* a dead owner: ESRCH */
    return OK;
}

static void forget(struct smap_rec *rec)
{
    memset(rec, 0, sizeof(*rec));
    nrecs--;
    while (top && !live(&recs[top - 1]))
        top--;
}

static int drop(struct smap_rec *rec, int grantee_alive)
{
    int r = undo_pages(rec, rec->pages, grantee_alive);
    if (r == OK)
        forget(rec);
    return r;
}

/* The caller's range must lie in its data or heap, and in no mapping of its. */
static int dest_ok(endpoint_t ep, uint32_t addr, uint32_t pages)
{
    struct vmproc *vp = vmp_get(ep);

    if (!vp)
        return ESRCH;
    if (addr < vp->window || addr + pages * 4096 > vp->brk || addr + pages * 4096 < addr)
        return EFAULT;
    for (uint32_t i = 0; i < top; i++)
        if (live(&recs[i]) && recs[i].grantee == ep && overlaps(recs[i].addr, recs[i].pages, addr, pages))
            return EBUSY;
    return OK;
}

static struct smap_rec *free_rec(void)
{
    for (uint32_t i = 0; i < SAFEMAP_MAX; i++)
        if (!live(&recs[i]))
            return &recs[i];
    return NULL;
}

static void fill(struct smap_rec *rec, const struct vm_request *rq)
{
    rec->grantee = rq->endpoint;
    rec->owner = rq->cow_src;
    rec->addr = rq->addr;
    rec->owner_va = rq->cow_sva;
    rec->nlinks = rq->smap_nlinks < VMR_SMAP_LINKS ? rq->smap_nlinks : VMR_SMAP_LINKS;
    for (uint32_t i = 0; i < rec->nlinks; i++) {
        rec->link_ep[i] = rq->smap_link_ep[i];
        rec->link_gid[i] = rq->smap_link_gid[i];
    }
}

/* VMR_SAFEMAP.  A failure half-way undoes the pages done so far. */
int smap_map(const struct vm_request *rq)
{
    struct smap_rec *rec;
    uint32_t i;
    int r;

    if ((r = dest_ok(rq->endpoint, rq->addr, rq->cow_pages)) != OK)
        return r;
    if (!(rec = free_rec()))
        return ENOSPC;
    if (!vmp_get(rq->cow_src))
        return EDEADSRCDST;
    fill(rec, rq);
    for (i = 0, r = OK; i < rq->cow_pages && r == OK; i++)
        r = map_page(rq->cow_src, rq->cow_sva + i * 4096, rq->endpoint, rq->addr + i * 4096,
                     rq->smap_write != 0);
    if (r != OK) {
        undo_pages(rec, i, 1);
        memset(rec, 0, sizeof(*rec));
        return r;
    }
    rec->pages = rq->cow_pages;
    nrecs++;
    if ((uint32_t)(rec - recs) >= top)
        top = (uint32_t)(rec - recs) + 1;
    return OK;
}

static int has_link(const struct smap_rec *rec, endpoint_t ep, int32_t gid)
{
    for (uint32_t i = 0; i < rec->nlinks; i++)
        if (rec->link_ep[i] == ep && rec->link_gid[i] == gid)
            return 1;
    return 0;
}

/* VMR_SAFEREVMAP: every mapping with link (caller, gid).  The first error
 * is the result; the other matches are still undone. */
int smap_revoke(endpoint_t caller, int32_t gid)
{
    int first = OK;

    for (uint32_t i = 0; i < top; i++) {
        if (!live(&recs[i]) || !has_link(&recs[i], caller, gid))
            continue;
        int r = drop(&recs[i], 1);
        if (first == OK)
            first = r;
    }
    return first;
}

/* VMR_SAFEUNMAP: the caller's mapping that starts at addr. */
int smap_unmap(endpoint_t caller, uint32_t addr)
{
    for (uint32_t i = 0; i < top; i++)
        if (live(&recs[i]) && recs[i].grantee == caller && recs[i].addr == addr)
            return drop(&recs[i], 1);
    return ENOENT;
}

/* May ep's break come down to `to`?  Not below one of its mappings. */
int smap_brk_ok(endpoint_t ep, uint32_t to)
{
    for (uint32_t i = 0; i < top; i++)
        if (live(&recs[i]) && recs[i].grantee == ep && recs[i].addr + recs[i].pages * 4096 > to)
            return 0;
    return 1;
}

static int alive(endpoint_t ep)
{
    uint32_t w, h, t;
    return vk_layout(ep, &w, &h, &t) == OK;
}

/* A dead owner's page in a grantee: the grantee's own frame now (mark
 * cleared), or a private copy while others still map the frame (another
 * grantee of the same pages, or the owner not reaped yet). */
static void orphan_page(endpoint_t ep, uint32_t va)
{
    uint32_t q = va, frame, flags;

    if (vk_query(ep, VMQ_PAGE, &q, &frame, &flags) != OK || !(flags & VMMAP_SMAP))
        return;
    if (frame_count(frame) > 1 && privatize(ep, va) == OK)
        return;
    mark(ep, va, 0);
}

/* After a reap: records of dead processes go.  A dead grantee's frames
 * came back through the reap; a dead owner's grantee keeps the pages. */
void smap_sweep(void)
{
    for (uint32_t i = 0; nrecs && i < top; i++) {
        struct smap_rec *rec = &recs[i];
        if (!live(rec))
            continue;
        if (!alive(rec->grantee)) {
            drop(rec, 0);
        } else if (!alive(rec->owner)) {
            for (uint32_t p = 0; p < rec->pages; p++)
                orphan_page(rec->grantee, rec->addr + p * 4096);
            forget(rec);
        }
    }
}
