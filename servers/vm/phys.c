/* phys.c: VM_MAPPHYS, device memory mapped into the process that asked
 * (lantern/vm.h; the tty driver's VGA text buffer, docs/tty.md).
 *
 * Who may: any process, for itself, for a physical range RS's resource
 * table granted it (its priv's mem[], with CHECK_MEM); anyone else, or a
 * range outside what it holds, gets EPERM and nothing is mapped.  The
 * kernel checks the same grant again for every page (SYS_VMMAP
 * VMMAP_PHYS): VM cannot map RAM or another driver's device either.
 *
 * Where: at the address the caller gives, or (va 0) right under the
 * stack's reserve, below any earlier device mapping.  The lowest device
 * page (vmproc.phys_lo) caps the heap: the break can never grow into it.
 * All or nothing: a page already mapped (EEXIST) or a kernel refusal
 * unmaps the pages this request mapped.  Device pages are no frames of
 * VM's: no counts, and the kernel forgets them when the process dies. */
#include <string.h>
#include "vm.h"

/* Does the caller's priv hold [base, base + len) in one mem[] range? */
static int holds(endpoint_t who, uint32_t base, uint32_t len)
{
    struct priv_info pi;
    if (sys_getpriv(who, &pi) != OK || !(pi.flags & CHECK_MEM))
        return 0;
    for (uint32_t i = 0; i < pi.nr_mem && i < NR_MEM_RANGE; i++)
        if (base >= pi.mem[i].base && base + len - 1 <= pi.mem[i].limit)
            return 1;
    return 0;
}

/* The heap's ceiling: the stack's reserve, or the lowest device page. */
uint32_t vmp_heap_limit(const struct vmproc *vp)
{
    uint32_t lim = vp->stack_top - VM_STACK_MAX;
    return vp->phys_lo && vp->phys_lo < lim ? vp->phys_lo : lim;
}

/* The address to map at: the caller's (checked) or VM's pick. */
static int place(const struct vmproc *vp, uint32_t want, uint32_t len, uint32_t *va)
{
    uint32_t lo = (vp->brk + 4095) & ~4095u, hi = vmp_heap_limit(vp);
    if (!want)
        want = hi - len;
    if ((want & 4095) || hi < len || want < lo || want > hi - len)
        return want & 4095 ? EINVAL : ENOMEM;
    *va = want;
    return OK;
}

static void unmap_pages(endpoint_t ep, uint32_t va, uint32_t n)
{
    uint32_t old;
    for (uint32_t i = 0; i < n; i++)
        vk_unmap(ep, va + i * 4096, &old);      /* a device page: old is 0 */
}

int phys_map(endpoint_t who, uint32_t base, uint32_t len, uint32_t want, uint32_t *va)
{
    struct vmproc *vp = vmp_get(who);
    uint32_t old, i;
    int r = OK;

    if ((base & 4095) || (len & 4095) || len == 0 || len > VM_MAPPHYS_MAX ||
        base + len < base)
        return EINVAL;
    if (!vp)
        return ESRCH;
    if (!holds(who, base, len))
        return EPERM;
    if ((r = place(vp, want, len, va)) != OK)
        return r;
    for (i = 0; i < len / 4096 && r == OK; i++)
        r = vk_map(who, *va + i * 4096, base + i * 4096, VMMAP_WRITE | VMMAP_PHYS, NONE, 0, &old);
    if (r != OK) {
        unmap_pages(who, *va, i - 1);           /* the failed page was not mapped */
        return r;
    }
    if (!vp->phys_lo || *va < vp->phys_lo)
        vp->phys_lo = *va;
    return OK;
}
