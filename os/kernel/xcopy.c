/* xcopy.c: copies between two processes' address spaces.
 *
 * A safe copy moves bytes between the caller and a granter whose address
 * space is not loaded.  Both sides are walked in their page tables
 * (user_lookup) and copied through the identity map, so nothing here can
 * fault, whatever CR3 holds.
 *
 * Invariant: a copy is all or nothing.  Every page of both ranges is
 * checked first (present, user, and writable on the destination side: a
 * WRITE grant never lets the kernel write into a read-only page), and only
 * then is a byte copied.  The kernel is not preemptible and there is one
 * CPU, so no mapping changes between the check and the copy.  A page the
 * check finds missing is noted (note_copy_fault, vmreq.h) before anything
 * has moved: kernel_call() then asks VM for it and runs the call again.
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "grant.h"
#include "vmreq.h"

GRANT_TEXT int xcopy_range_ok(struct proc *p, vir_bytes va, uint32_t n, int write)
{
    vir_bytes last;

    if (n == 0)
        return 1;
    last = va + n - 1;
    if (last < va || !p->p_pgdir)
        return 0;
    /* pg never wraps: it stops at last's page, which is below 2^32 */
    for (vir_bytes pg = PAGE_ROUND_DOWN(va); ; pg += PAGE_SIZE) {
        if (!user_lookup(p->p_pgdir, pg, write))
            return note_copy_fault(p, pg, write), 0;
        if (pg == PAGE_ROUND_DOWN(last))
            return 1;
    }
}

GRANT_TEXT static uint32_t min3(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Copy n bytes between physical addresses through the identity map, inline
 * (no call into another code page); overlapping ranges (a process that
 * granted itself) go through memmove. */
GRANT_TEXT static void phys_copy(phys_bytes d, phys_bytes s, uint32_t n)
{
    uint32_t words = n / 4, rest = n % 4;
    if (d < s + n && s < d + n) {
        memmove((void *)d, (const void *)s, n);
        return;
    }
    __asm__ volatile("rep movsl\n\tmovl %3, %%ecx\n\trep movsb"
                     : "+D"(d), "+S"(s), "+c"(words) : "r"(rest) : "memory");
}

/* Does [a, a + n) lie inside one page? */
GRANT_TEXT static inline int in_one_page(vir_bytes a, uint32_t n)
{
    return n <= PAGE_SIZE - (a & (PAGE_SIZE - 1));
}

/* The common small copy, one page on each side: its two lookups are the
 * whole check, both done before the copy. */
GRANT_TEXT static int xcopy_small(struct proc *src, vir_bytes sa, struct proc *dst, vir_bytes da,
                                  uint32_t n)
{
    phys_bytes ps, pd;
    if (!src->p_pgdir || !dst->p_pgdir)
        return EFAULT;
    ps = user_lookup(src->p_pgdir, sa, 0);
    pd = user_lookup(dst->p_pgdir, da, 1);
    if (unlikely(!ps || !pd)) {
        if (!ps)
            note_copy_fault(src, sa, 0);
        else
            note_copy_fault(dst, da, 1);
        return EFAULT;
    }
    phys_copy(pd, ps, n);
    return OK;
}

GRANT_TEXT int xcopy(struct proc *src, vir_bytes sa, struct proc *dst, vir_bytes da, uint32_t n)
{
    if (n && in_one_page(sa, n) && in_one_page(da, n))
        return xcopy_small(src, sa, dst, da, n);
    if (!xcopy_range_ok(src, sa, n, 0) || !xcopy_range_ok(dst, da, n, 1))
        return EFAULT;
    while (n > 0) {
        phys_bytes ps = user_lookup(src->p_pgdir, sa, 0);
        phys_bytes pd = user_lookup(dst->p_pgdir, da, 1);
        uint32_t chunk = min3(PAGE_SIZE - (sa & (PAGE_SIZE - 1)),
                              PAGE_SIZE - (da & (PAGE_SIZE - 1)), n);
        if (!ps || !pd)                  /* cannot happen after the check */
            return EFAULT;
        phys_copy(pd, ps, chunk);
        sa += chunk;
        da += chunk;
        n -= chunk;
    }
    return OK;
}
