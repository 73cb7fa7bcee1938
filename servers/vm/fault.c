/* fault.c: the kernel's requests to VM (lantern/vm.h, SYS_VMREQUEST).
 *
 * The kernel NOTIFYs VM when a process waits for it (a page fault, a copy
 * fault, a spawn) or an address space died.  VM takes every pending
 * request, answers each with SYS_VMRESUME, then reaps the dead address
 * spaces.  VM never blocks while doing so: every call here is a kernel
 * call that returns at once.
 *
 * A fault is resolved when (checked in this order):
 *   - the page is mapped and the access is allowed: nothing to do (a copy
 *     fault can find a page another request mapped meanwhile);
 *   - a write hits a copy-on-write page: cow_break();
 *   - the page is missing and lies in the heap (below brk) or the stack
 *     window: a zeroed frame, writable.
 * Anything else is refused (EFAULT): a user fault then stops the process
 * with the fault printed, a kernel copy returns EFAULT. */
#include <stdio.h>
#include "vm.h"
#include "check.h"

struct vm_stats vm_stats;

static int map_zero(endpoint_t ep, uint32_t va)
{
    uint32_t f = frame_alloc(), old;
    int r;
    if (!f)
        return ENOMEM;
    if ((r = vk_map(ep, va, f, VMMAP_ZERO | VMMAP_WRITE, NONE, 0, &old)) != OK)
        frame_unref(f);
    return r;
}

int vm_resolve(endpoint_t ep, uint32_t va, int write)
{
    uint32_t page = va & ~4095u, q = page, frame, flags;
    struct vmproc *vp;

    if (vk_query(ep, VMQ_PAGE, &q, &frame, &flags) == OK) {
        if (!write || (flags & VMMAP_WRITE))
            return OK;
        return (flags & VMMAP_COW) ? cow_break(ep, page, frame) : EFAULT;
    }
    if (!(vp = vmp_get(ep)) || !(vmp_in_heap(vp, va) || vmp_in_stack(vp, va)))
        return EFAULT;
    return map_zero(ep, page);
}

/* One page of a new program: mapped zeroed, or made writable when a
 * writable segment shares it with the one before. */
int spawn_page(endpoint_t ep, uint32_t va, int writable)
{
    uint32_t q = va, frame, flags, old;
    uint32_t f;
    int r;

    if (vk_query(ep, VMQ_PAGE, &q, &frame, &flags) == OK)
        return writable && !(flags & VMMAP_WRITE) ? vk_protect(ep, va, 4096, VMMAP_WRITE) : OK;
    if (!(f = frame_alloc()))
        return ENOMEM;
    r = vk_map(ep, va, f, VMMAP_ZERO | (writable ? VMMAP_WRITE : 0), NONE, 0, &old);
    if (r != OK)
        frame_unref(f);
    return r;
}

static int spawn(const struct vm_request *rq)
{
    int r = OK;

    for (uint32_t i = 0; i < rq->nseg && i < VMR_MAX_SEGS && r == OK; i++) {
        const struct vm_segment *s = &rq->seg[i];
        for (uint32_t a = s->va & ~4095u; a < s->va + s->len && r == OK; a += 4096)
            r = spawn_page(rq->endpoint, a, s->writable);
    }
    for (uint32_t a = rq->stack_top - VM_STACK_INIT; a < rq->stack_top && r == OK; a += 4096)
        r = spawn_page(rq->endpoint, a, 1);
    vmp_set(rq->endpoint, rq->window, rq->heap_start, rq->stack_top);
    return r;
}

static void serve(const struct vm_request *rq)
{
    int r;

    if (rq->kind == VMR_SPAWN)
        r = spawn(rq);
    else if (rq->kind == VMR_COW_SHARE)
        r = cow_share(rq->cow_src, rq->cow_sva, rq->target, rq->addr, rq->cow_pages);
    else if (rq->kind == VMR_SAFEMAP)
        r = smap_map(rq);
    else if (rq->kind == VMR_SAFEREVMAP)
        r = smap_revoke(rq->endpoint, rq->smap_gid);
    else if (rq->kind == VMR_SAFEUNMAP)
        r = smap_unmap(rq->endpoint, rq->addr);
    else
        r = vm_resolve(rq->target, rq->addr, rq->write != 0);
    if (rq->kind == VMR_PAGEFAULT || rq->kind == VMR_COPYFAULT)
        r == OK ? vm_stats.faults++ : vm_stats.kills++;
    if ((r = vk_resume(rq->endpoint, r)) != OK && r != ESRCH)
        printf("vm: resuming %d failed: %d\n", rq->endpoint, r);
}

void vm_reap_all(void)
{
    static uint32_t buf[256];
    uint32_t n;
    int more = 1;

    while (more && vk_reap(buf, 256, &n, &more) == OK) {
        for (uint32_t i = 0; i < n; i++)
            frame_unref(buf[i]);
        vm_stats.reaped += n;
    }
}

void vm_serve_kernel(void)
{
    struct vm_request rq;
    uint32_t reaped = vm_stats.reaped;

    while (vk_request(&rq) == OK)
        serve(&rq);
    vm_reap_all();
    smap_sweep();              /* mappings of processes that died */
    if (vm_stats.reaped != reaped)
        VM_CHECK_NOW();        /* CHECK=1 only: the counts after an exit (check.c) */
}
