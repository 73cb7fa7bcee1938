/* region.c: what VM knows of each process: its window, heap and stack.
 *
 * One record per process slot, tagged with the endpoint.  A record whose
 * endpoint is not the one asked about belongs to an earlier occupant of the
 * slot (a dead process: its frames come back through SYS_VMREAP, not
 * through here), so it is rebuilt from the kernel's VMQ_LAYOUT.  That is
 * also how VM learns the processes started before it.
 *
 * The regions of a window (lantern/vm.h): segments at the bottom (mapped
 * when the program starts), the heap from heap_start to brk (pages appear
 * on first touch), and the stack from stack_top down to stack_top -
 * VM_STACK_MAX (the same).  The heap may never reach into the stack's
 * reserve, nor into a device mapping (phys.c): brk <= vmp_heap_limit(). */
#include <string.h>
#include "vm.h"

static struct vmproc vmp[NR_PROCS];

void vmp_set(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top)
{
    struct vmproc *vp = &vmp[ENDPOINT_NR(ep)];
    vp->ep = ep;
    vp->window = window;
    vp->heap_start = vp->brk = heap;
    vp->stack_top = stack_top;
    vp->phys_lo = 0;
}

struct vmproc *vmp_get(endpoint_t ep)
{
    int nr = ENDPOINT_NR(ep);
    uint32_t window, heap, top;

    if (nr < 0 || nr >= NR_PROCS)
        return NULL;
    if (vmp[nr].ep == ep && vmp[nr].stack_top)
        return &vmp[nr];
    if (vk_layout(ep, &window, &heap, &top) != OK)
        return NULL;
    vmp_set(ep, window, heap, top);
    return &vmp[nr];
}

int vmp_in_heap(const struct vmproc *vp, uint32_t va)
{
    return va >= vp->heap_start && va < vp->brk;
}

int vmp_in_stack(const struct vmproc *vp, uint32_t va)
{
    return va < vp->stack_top && va >= vp->stack_top - VM_STACK_MAX && va >= vp->brk;
}

/* Lowering the break gives back the pages wholly above it. */
static void shrink(struct vmproc *vp, uint32_t from, uint32_t to)
{
    for (uint32_t a = (from + 4095) & ~4095u; a < to; a += 4096) {
        uint32_t old;
        if (vk_unmap(vp->ep, a, &old) == OK)
            frame_unref(old);
    }
}

int vmp_brk(endpoint_t ep, uint32_t want, uint32_t *now)
{
    struct vmproc *vp = vmp_get(ep);

    if (!vp)
        return ESRCH;
    if (want != 0) {
        if (want < vp->heap_start || want > vmp_heap_limit(vp))
            return ENOMEM;
        if (want < vp->brk && !smap_brk_ok(ep, want))
            return EBUSY;              /* a safemap mapping lies above (smap.c) */
        if (want < vp->brk)
            shrink(vp, want, (vp->brk + 4095) & ~4095u);
        vp->brk = want;
    }
    *now = vp->brk;
    return OK;
}
