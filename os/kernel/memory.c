/* memory.c: physical page allocator, kernel identity map, per-process page
 * directories, and checked user copies.
 *
 * Invariants:
 *   - physical memory below KERNEL_MAP_LIMIT is identity-mapped, supervisor
 *     only and global, in every page directory, so the kernel can touch any
 *     page by its physical address whatever CR3 holds; the one exception is
 *     the trace window (the HOT_DATA page, trace.h), which kernel_remap_page()
 *     (memory.h) points at the ring page being written;
 *   - user pages live only above USER_BASE, so kernel and user mappings never
 *     share a page table;
 *   - a page is either free in the bitmap or owned by exactly one user page
 *     table, a page directory, or a kernel structure (trace ring, tables);
 *   - once VM has taken the user-frame pool (mem_pool_take), its frames are
 *     VM's: marked used here, never allocated or freed by the kernel, and
 *     mapped only where VM says (vmmap.c).
 */
#include "kernel.h"
#include "memory.h"
#include "proc.h"
#include "cpu.h"
#include "arch.h"
#include "check.h"

#define MAX_PAGES   (KERNEL_MAP_LIMIT / PAGE_SIZE)
#define KERNEL_PDES (KERNEL_MAP_LIMIT >> 22)

static uint32_t page_used[MAX_PAGES / 32];        /* 1 = in use or not RAM */
static uint32_t total_pages, free_pages, next_search;

static uint32_t kernel_pgdir[1024] __attribute__((aligned(4096)));
static uint32_t kernel_pgtables[KERNEL_PDES][1024] __attribute__((aligned(4096)));

void mem_init(phys_bytes free_start, phys_bytes mem_end)
{
    uint32_t first = PAGE_ROUND_UP(free_start) / PAGE_SIZE;
    uint32_t last = (mem_end > KERNEL_MAP_LIMIT ? KERNEL_MAP_LIMIT : mem_end) / PAGE_SIZE;

    memset(page_used, 0xff, sizeof(page_used));
    for (uint32_t i = first; i < last; i++)
        map_clear(page_used, i);
    total_pages = last;
    free_pages = last > first ? last - first : 0;
    next_search = first;
}

static phys_bytes take_page(uint32_t i)
{
    map_set(page_used, i);
    free_pages--;
    CHECK_FRAME_TAKEN(i * PAGE_SIZE);   /* CHECK=1: still poisoned? (check.c) */
    memset((void *)(i * PAGE_SIZE), 0, PAGE_SIZE);
    return i * PAGE_SIZE;
}

phys_bytes page_alloc(void)
{
    for (uint32_t n = 0; n < total_pages; n++) {
        uint32_t i = next_search++;
        if (next_search >= total_pages)
            next_search = 0;
        if (!map_test(page_used, i))
            return take_page(i);
    }
    return 0;
}

phys_bytes pages_alloc_contig(uint32_t npages)
{
    uint32_t run = 0;
    for (uint32_t i = 0; i < total_pages; i++) {
        run = map_test(page_used, i) ? 0 : run + 1;
        if (run == npages) {
            uint32_t first = i + 1 - npages;
            for (uint32_t j = first; j <= i; j++)
                take_page(j);
            return first * PAGE_SIZE;
        }
    }
    return 0;
}

void page_free(phys_bytes pa)
{
    uint32_t i = pa / PAGE_SIZE;
    if (pa % PAGE_SIZE || i >= total_pages || !map_test(page_used, i) || mem_in_pool(pa))
        panic("page_free: bad page %#x", pa);
    map_clear(page_used, i);
    free_pages++;
    CHECK_FRAME_FREED(pa);              /* CHECK=1: poison it (check.c) */
}

uint32_t mem_free_kb(void) { return free_pages * (PAGE_SIZE / 1024); }
uint32_t mem_total_kb(void) { return total_pages * (PAGE_SIZE / 1024); }

/* The identity map: 4 KiB pages for the first 4 MiB (page 0 stays unmapped
 * to catch NULL), 4 MiB pages above when the CPU has PSE.  A large page
 * makes every kernel TLB miss one page-table read instead of two; under
 * QEMU, whose software TLB is flushed by every CR3 load, that is a
 * measurable share of each IPC round trip (docs/benchmarks.md). */
void paging_init(void)
{
    uint32_t a, b, c, d;
    int global = 0, pse;

    cpuid(1, &a, &b, &c, &d);
    if (d & (1u << 13)) {                 /* PGE: keep kernel TLB entries across CR3 loads */
        write_cr4(read_cr4() | (1u << 7));
        global = PTE_G;
    }
    pse = (d >> 3) & 1;
    if (pse)
        write_cr4(read_cr4() | (1u << 4));
    for (uint32_t t = 0; t < KERNEL_PDES; t++) {
        if (pse && t > 0) {
            kernel_pgdir[t] = (t << 22) | PTE_P | PTE_W | PTE_PS | global;
            continue;
        }
        for (uint32_t i = 0; i < 1024; i++)
            kernel_pgtables[t][i] = ((t * 1024 + i) * PAGE_SIZE) | PTE_P | PTE_W | global;
        kernel_pgdir[t] = (uint32_t)kernel_pgtables[t] | PTE_P | PTE_W;
    }
    kernel_pgtables[0][0] = 0;            /* page 0 unmapped: catches NULL in the kernel */
    write_cr3((uint32_t)kernel_pgdir);
    write_cr0(read_cr0() | 0x80010000u);  /* PG and WP (kernel honours read-only pages) */
}

/* The page-table entry of a 4 KiB kernel page below 4 MiB, for the trace
 * window (kernel_remap_page() in memory.h). */
uint32_t *kernel_pte(vir_bytes va)
{
    uint32_t *pte = &kernel_pgtables[0][va >> PAGE_SHIFT];
    if (va >= (1u << 22) || va % PAGE_SIZE || !(*pte & PTE_P))
        panic("kernel_pte: %#x is not a mapped 4 KiB kernel page", va);
    return pte;
}

uint32_t kernel_cr3(void)
{
    return (uint32_t)kernel_pgdir;
}

uint32_t *pgdir_create(void)
{
    uint32_t *pd = (uint32_t *)page_alloc();
    if (pd)
        memcpy(pd, kernel_pgdir, KERNEL_PDES * sizeof(uint32_t));
    return pd;
}

void pgdir_destroy(uint32_t *pd)
{
    for (uint32_t t = USER_BASE >> 22; t < 1024; t++) {
        if (!(pd[t] & PTE_P))
            continue;
        uint32_t *pt = (uint32_t *)(pd[t] & ~0xfffu);
        for (int i = 0; i < 1024; i++)
            if (pt[i] & PTE_P)
                page_free(pt[i] & ~0xfffu);
        page_free((phys_bytes)pt);
    }
    page_free((phys_bytes)pd);
}

int map_user_page(uint32_t *pd, vir_bytes va, phys_bytes pa, int writable)
{
    uint32_t t = va >> 22;
    uint32_t *pt;

    if (va < USER_BASE || va >= USER_LIMIT)
        return EINVAL;
    if (!(pd[t] & PTE_P)) {
        phys_bytes npt = page_alloc();
        if (!npt)
            return ENOMEM;
        pd[t] = npt | PTE_P | PTE_W | PTE_U;
    }
    pt = (uint32_t *)(pd[t] & ~0xfffu);
    if (pt[(va >> 12) & 1023] & PTE_P)
        return EEXIST;
    pt[(va >> 12) & 1023] = pa | PTE_P | PTE_U | (writable ? PTE_W : 0);
    return OK;
}

/* Make a mapped user page writable (exec: a page two segments share). */
void user_allow_write(uint32_t *pd, vir_bytes va)
{
    phys_bytes pa = user_lookup(pd, va, 0);
    if (pa)
        ((uint32_t *)(pd[va >> 22] & ~0xfffu))[(va >> 12) & 1023] |= PTE_W;
}


/* vm_copy_walk() for anything but a message inside one page. */
COLD static int vm_copy_pages(struct proc *p, vir_bytes uva, char *k, size_t n, int to_user)
{
    while (n > 0) {
        phys_bytes pa = user_lookup(p->p_pgdir, uva, to_user);
        size_t chunk = PAGE_SIZE - (uva & (PAGE_SIZE - 1));
        if (!pa)
            return EFAULT;
        if (chunk > n)
            chunk = n;
        if (to_user)
            memcpy((void *)pa, k, chunk);
        else
            memcpy(k, (const void *)pa, chunk);
        uva += chunk;
        k += chunk;
        n -= chunk;
    }
    return OK;
}

/* A copy to or from a process whose address space is not the one loaded:
 * walk its page table, copy through the identity map (memory.h has the
 * other case).  A message inside one page, the common case, takes one
 * lookup and an inline copy.  Not in the hot page: the round trip copies
 * each message straight into the receiver's frame (ipc.c). */
int vm_copy_walk(struct proc *p, vir_bytes uva, void *kbuf, size_t n, int to_user)
{
    phys_bytes pa;
    if (uva + n < uva)
        return EFAULT;
    if (n != sizeof(message) || (uva & (PAGE_SIZE - 1)) > PAGE_SIZE - sizeof(message))
        return vm_copy_pages(p, uva, kbuf, n, to_user);
    if (!(pa = user_lookup(p->p_pgdir, uva, to_user)))
        return EFAULT;
    if (to_user)
        __builtin_memcpy((void *)pa, kbuf, sizeof(message));
    else
        __builtin_memcpy(kbuf, (const void *)pa, sizeof(message));
    return OK;
}

/* ---- the user-frame pool (VM's, lantern/vm.h) ---------------------------
 * At SYS_VMPOOL the kernel hands VM the frames [pool_first, pool_end): every
 * one of them free, all above the highest frame in use, and leaving at
 * least `reserve` free frames below for the kernel pool (page directories
 * and tables).  They are marked used in the bitmap, so page_alloc() never
 * returns one again; page_free() refuses them (they are VM's to free). */
static uint32_t pool_first, pool_end;

int mem_pool_take(uint32_t reserve, phys_bytes *first, phys_bytes *end)
{
    uint32_t top = total_pages, below = 0, lo;

    while (top > 0 && !map_test(page_used, top - 1))
        top--;
    for (uint32_t i = 0; i < top; i++)
        below += !map_test(page_used, i);
    lo = top + (below < reserve ? reserve - below : 0);
    if (pool_end || lo + 256 > total_pages)
        return pool_end ? EBUSY : ENOMEM;
    for (uint32_t i = lo; i < total_pages; i++)
        map_set(page_used, i);
    free_pages -= total_pages - lo;
    pool_first = lo;
    pool_end = total_pages;
    *first = lo * PAGE_SIZE;
    *end = total_pages * PAGE_SIZE;
    return OK;
}

int mem_in_pool(phys_bytes pa)
{
    uint32_t i = pa / PAGE_SIZE;
    return i >= pool_first && i < pool_end;
}

uint32_t mem_kernel_pool_pages(void) { return pool_first; }
uint32_t mem_kernel_free_pages(void) { return free_pages; }
