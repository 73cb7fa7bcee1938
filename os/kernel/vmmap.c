/* vmmap.c: the page-table mechanism behind VM's kernel calls.
 *
 * VM decides, the kernel does: these functions change one process's page
 * table the way a SYS_VM* call (system/do_vm.c) asked, and read it back.
 * VM cannot touch physical memory, so zeroing and copying a frame happen
 * here, through the identity map.
 *
 * Invariants:
 *   - a pool frame (mem_in_pool) is mapped only by these functions, and
 *     only where VM said; a kernel-pool frame (a program started before VM)
 *     is never handed to VM: unmapping or replacing one frees it here;
 *   - a device page (VMMAP_PHYS, PTE_PHYS) is never freed nor handed to
 *     VM: unmapping, replacing or reaping it only drops the entry;
 *   - page tables always come from the kernel pool; an emptied one stays
 *     until the address space dies (reap, vm.c);
 *   - a change to the address space that is loaded drops the stale TLB
 *     entry (invlpg); any other address space is loaded with a CR3 write,
 *     which flushes its user entries (schedule(), proc.c).
 */
#include "kernel.h"
#include "memory.h"
#include "proc.h"
#include "vmreq.h"

/* The entry of va in pd, creating its page table when `create` (ENOMEM
 * when the kernel pool is empty); NULL if there is none. */
static uint32_t *pte_of(uint32_t *pd, vir_bytes va, int create)
{
    uint32_t t = va >> 22;

    if (!(pd[t] & PTE_P)) {
        phys_bytes npt;
        if (!create || !(npt = page_alloc()))
            return NULL;
        pd[t] = npt | PTE_P | PTE_W | PTE_U;
    }
    return &((uint32_t *)(pd[t] & ~0xfffu))[(va >> 12) & 1023];
}

static void tlb_drop(const struct proc *p, vir_bytes va)
{
    if (read_cr3() == p->p_cr3)
        invlpg(va);
}

static uint32_t pte_flags(uint32_t pte)
{
    if (pte & PTE_PHYS)
        return VMMAP_PHYS | ((pte & PTE_W) ? VMMAP_WRITE : 0);
    return ((pte & PTE_W) ? VMMAP_WRITE : 0) | ((pte & PTE_COW) ? VMMAP_COW : 0) |
           ((pte & PTE_SMAP) ? VMMAP_SMAP : 0) | (mem_in_pool(pte & ~0xfffu) ? 0 : VMMAP_KPOOL);
}

/* What an old mapping's frame becomes: VM's frame goes back to VM, a
 * kernel-pool frame is freed here (0 to VM), device memory (PTE_PHYS) is
 * nobody's to free (0 to VM). */
static phys_bytes drop_frame(uint32_t pte)
{
    phys_bytes pa = pte & ~0xfffu;
    if (pte & PTE_PHYS)
        return 0;
    if (mem_in_pool(pa))
        return pa;
    page_free(pa);
    return 0;
}

int vmmap_map(struct proc *p, vir_bytes va, phys_bytes frame, uint32_t flags,
              phys_bytes src, phys_bytes *old)
{
    uint32_t *pte = pte_of(p->p_pgdir, va, 1);

    *old = 0;
    if (!pte)
        return ENOMEM;
    if ((*pte & PTE_P) && !(flags & VMMAP_REPLACE))
        return EEXIST;
    if (flags & VMMAP_ZERO)
        memset((void *)frame, 0, PAGE_SIZE);
    else if (flags & VMMAP_COPY)
        memcpy((void *)frame, (const void *)src, PAGE_SIZE);
    if (*pte & PTE_P)
        *old = drop_frame(*pte);
    *pte = frame | PTE_P | PTE_U | ((flags & VMMAP_WRITE) ? PTE_W : 0) |
           ((flags & VMMAP_COW) ? PTE_COW : 0) | ((flags & VMMAP_SMAP) ? PTE_SMAP : 0) |
           ((flags & VMMAP_PHYS) ? PTE_PHYS | PTE_PCD | PTE_PWT : 0);
    tlb_drop(p, va);
    return OK;
}

int vmmap_unmap(struct proc *p, vir_bytes va, phys_bytes *old)
{
    uint32_t *pte = pte_of(p->p_pgdir, va, 0);

    if (!pte || !(*pte & PTE_P))
        return EFAULT;
    *old = drop_frame(*pte);
    *pte = 0;
    tlb_drop(p, va);
    return OK;
}

/* The page at va: its frame and VMMAP_* flags; EFAULT if none. */
int vmmap_query(struct proc *p, vir_bytes va, phys_bytes *frame, uint32_t *flags)
{
    uint32_t *pte = pte_of(p->p_pgdir, va, 0);

    if (!pte || !(*pte & PTE_P))
        return EFAULT;
    *frame = *pte & ~0xfffu;
    *flags = pte_flags(*pte);
    return OK;
}

/* The first mapped page at or above *va: ENOENT when none.  Skips whole
 * missing page tables, so a walk of an address space is quick. */
int vmmap_next(struct proc *p, vir_bytes *va, phys_bytes *frame, uint32_t *flags)
{
    for (uint64_t a = PAGE_ROUND_DOWN(*va); a < USER_LIMIT; ) {
        if (!(p->p_pgdir[a >> 22] & PTE_P)) {
            a = (a + (1u << 22)) & ~(uint64_t)((1u << 22) - 1);
            continue;
        }
        if (vmmap_query(p, (vir_bytes)a, frame, flags) == OK) {
            *va = (vir_bytes)a;
            return OK;
        }
        a += PAGE_SIZE;
    }
    return ENOENT;
}

/* Set W and COW of every mapped page of [va, va + len) to `flags`; SMAP
 * too when flags has VMMAP_SMAP_SET (VM's safemap marks), else it stays. */
uint32_t vmmap_protect(struct proc *p, vir_bytes va, uint32_t len, uint32_t flags)
{
    uint32_t changed = 0;

    for (uint64_t a = PAGE_ROUND_DOWN(va); a < (uint64_t)va + len && a < USER_LIMIT;
         a += PAGE_SIZE) {
        uint32_t *pte = pte_of(p->p_pgdir, (vir_bytes)a, 0);
        if (!pte || !(*pte & PTE_P))
            continue;
        uint32_t keep = (flags & VMMAP_SMAP_SET) ? (uint32_t)(PTE_W | PTE_COW | PTE_SMAP)
                                                 : (uint32_t)(PTE_W | PTE_COW);
        *pte = (*pte & ~keep) | ((flags & VMMAP_WRITE) ? PTE_W : 0) |
               ((flags & VMMAP_COW) ? PTE_COW : 0) |
               ((flags & VMMAP_SMAP_SET) && (flags & VMMAP_SMAP) ? PTE_SMAP : 0);
        tlb_drop(p, (vir_bytes)a);
        changed++;
    }
    return changed;
}

/* Are all `pages` pages at sva in src pool frames, and all of dst's at dva
 * present and writable or COW (a page an earlier COW copy shared: it is
 * the destination's to replace; a read-only page is not)?  EAGAIN: a kernel-pool source page (VM adopts it
 * page by page); EFAULT: a page missing or read-only. */
static int share_check(struct proc *src, vir_bytes sva, struct proc *dst, vir_bytes dva,
                       uint32_t pages)
{
    for (uint32_t i = 0; i < pages; i++) {
        uint32_t *s = pte_of(src->p_pgdir, sva + i * PAGE_SIZE, 0);
        uint32_t *d = pte_of(dst->p_pgdir, dva + i * PAGE_SIZE, 0);
        if (!s || !(*s & PTE_P) || !d || !(*d & PTE_P) || !(*d & (PTE_W | PTE_COW)))
            return EFAULT;
        if ((*s | *d) & (PTE_SMAP | PTE_PHYS))   /* safemap'ed or device memory: never COW-shared */
            return EFAULT;
        if (!mem_in_pool(*s & ~0xfffu))
            return EAGAIN;      /* kernel pool (VM adopts it) or device memory (VM refuses) */
    }
    return OK;
}

/* SYS_VMSHARE: each source page becomes read-only + COW (a read-only page
 * stays as it is), and the destination maps the same frame read-only +
 * COW.  All or nothing: everything is checked first.  out gets, per page,
 * the shared frame and the destination's old frame (0: none for VM), so VM
 * can bump and drop its counts right after. */
int vmmap_share(struct proc *src, vir_bytes sva, struct proc *dst, vir_bytes dva,
                uint32_t pages, uint32_t *out)
{
    int r = share_check(src, sva, dst, dva, pages);

    for (uint32_t i = 0; r == OK && i < pages; i++) {
        vir_bytes s_va = sva + i * PAGE_SIZE, d_va = dva + i * PAGE_SIZE;
        uint32_t *s = pte_of(src->p_pgdir, s_va, 0), *d = pte_of(dst->p_pgdir, d_va, 0);
        if (*s & PTE_W)
            *s = (*s & ~(uint32_t)PTE_W) | PTE_COW;
        tlb_drop(src, s_va);
        out[2 * i] = *s & ~0xfffu;
        out[2 * i + 1] = drop_frame(*d);
        *d = out[2 * i] | PTE_P | PTE_U | PTE_COW;
        tlb_drop(dst, d_va);
    }
    return r;
}

/* Take up to `room` pool frames out of the dead page directory pd into
 * buf, freeing kernel-pool frames and emptied page tables on the way.
 * Returns how many; *done says pd itself is now free. */
uint32_t vmmap_reap(uint32_t *pd, uint32_t *buf, uint32_t room, int *done)
{
    uint32_t n = 0;

    for (uint32_t t = USER_BASE >> 22; t < (USER_LIMIT >> 22); t++) {
        uint32_t *pt = (uint32_t *)(pd[t] & ~0xfffu);
        if (!(pd[t] & PTE_P))
            continue;
        for (int i = 0; i < 1024; i++) {
            if (!(pt[i] & PTE_P))
                continue;
            if (pt[i] & PTE_PHYS) {
                /* device memory: nobody's frame, just forget it */
            } else if (mem_in_pool(pt[i] & ~0xfffu)) {
                if (n == room)
                    return *done = 0, n;
                buf[n++] = pt[i] & ~0xfffu;
            } else {
                page_free(pt[i] & ~0xfffu);
            }
            pt[i] = 0;
        }
        page_free((phys_bytes)pt);
        pd[t] = 0;
    }
    *done = 1;
    return n;
}
