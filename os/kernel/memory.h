/* memory.h: physical pages, page tables and copies to and from processes. */
#ifndef MEMORY_H
#define MEMORY_H

#include "kernel.h"
#include "proc.h"
#include "arch.h"
#include "cpu.h"

#define KERNEL_MAP_LIMIT  0x10000000u   /* identity map (and usable RAM) below 256 MiB */
#define USER_BASE         0x40000000u   /* user windows live above 1 GiB */
#define USER_LIMIT        0xffc00000u
#define USER_WINDOW       0x01000000u   /* 16 MiB per program, see image/linkmap.txt */
#define USER_STACK_SIZE   0x00010000u

#define PTE_P  0x001
#define PTE_W  0x002
#define PTE_U  0x004
#define PTE_G  0x100
#define PTE_COW 0x200  /* available bit: a copy-on-write page (VM's mark) */
#define PTE_SMAP 0x400 /* available bit: a page shared by safemap (VM's mark) */
#define PTE_PHYS 0x800 /* available bit: device memory (VMMAP_PHYS): never freed, never VM's */
#define PTE_PWT 0x008  /* write-through */
#define PTE_PCD 0x010  /* cache disabled */
#define PTE_PS 0x080   /* in a PDE: a 4 MiB page */

void mem_init(phys_bytes free_start, phys_bytes mem_end);
phys_bytes page_alloc(void);             /* zeroed page, or 0 when out of memory */
phys_bytes pages_alloc_contig(uint32_t npages);   /* zeroed, page aligned, or 0 */
void page_free(phys_bytes pa);
uint32_t mem_free_kb(void);
uint32_t mem_total_kb(void);
/* The user-frame pool VM takes (SYS_VMPOOL): OK, EBUSY (taken), ENOMEM. */
int mem_pool_take(uint32_t reserve, phys_bytes *first, phys_bytes *end);
int mem_in_pool(phys_bytes pa);          /* a frame of VM's pool? */
uint32_t mem_kernel_pool_pages(void);    /* frames below the pool */
uint32_t mem_kernel_free_pages(void);

void paging_init(void);
uint32_t *kernel_pte(vir_bytes va);      /* of a 4 KiB kernel page below 4 MiB */

/* Point kernel page va, whose entry is pte (kernel_pte()), at frame pa.
 * Every page directory shares the kernel's page tables, so one store moves
 * it in every address space; invlpg drops this CPU's stale entry (global or
 * not), and the others go with the next CR3 load.  Inline: the trace
 * window turns a page every 60 records (trace.c). */
static inline void kernel_remap_page(uint32_t *pte, vir_bytes va, phys_bytes pa)
{
    *pte = pa | (*pte & 0xfffu);
    invlpg(va);
}
uint32_t kernel_cr3(void);               /* page directory with kernel mappings only */
uint32_t *pgdir_create(void);            /* kernel mappings only; NULL if no memory */
void pgdir_destroy(uint32_t *pgdir);     /* frees user pages and tables too */
int map_user_page(uint32_t *pgdir, vir_bytes va, phys_bytes pa, int writable);
void user_allow_write(uint32_t *pgdir, vir_bytes va);   /* va must be mapped */
/* The physical address behind user address va of a page directory, if the
 * page is present, user and (write) writable; 0 if not.  Inline: the IPC
 * path uses it (proc.h says why). */
static inline phys_bytes user_lookup(uint32_t *pd, vir_bytes va, int write)
{
    uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
    uint32_t pde, pte;

    if (va < USER_BASE || va >= USER_LIMIT)
        return 0;
    pde = pd[va >> 22];
    if ((pde & need) != need)
        return 0;
    pte = ((uint32_t *)(pde & ~0xfffu))[(va >> 12) & 1023];
    if ((pte & need) != need)
        return 0;
    return (pte & ~0xfffu) | (va & 0xfff);
}

/* Copies between kernel memory and a process's user space: OK or EFAULT
 * (bytes before the faulting page may have been copied).  When p's address
 * space is the one loaded (the caller of a trap), the copy goes through the
 * user address itself once it is known to lie in user space: the MMU checks
 * the rest, and a fault resumes in user_copy_fault (usercopy.S says why).
 * Otherwise vm_copy_walk() checks p's page table page by page.  Inline for
 * the IPC path (proc.h says why). */
int vm_copy_walk(struct proc *p, vir_bytes uva, void *kbuf, size_t n, int to_user);

static inline int vm_copy(struct proc *p, vir_bytes uva, void *kbuf, size_t n, int to_user)
{
    if (p->p_cr3 != read_cr3())
        return vm_copy_walk(p, uva, kbuf, n, to_user);
    if (uva < USER_BASE || uva > USER_LIMIT || n > USER_LIMIT - uva)
        return EFAULT;
    if (to_user)
        return user_copy((void *)uva, kbuf, n) ? EFAULT : OK;
    return user_copy(kbuf, (const void *)uva, n) ? EFAULT : OK;
}

/* The IPC path knows which case it is in, and skips the CR3 read (a helper
 * call under QEMU) and the other branch: in a trap the caller's address
 * space is the one loaded (schedule() loaded it to resume the caller), and
 * the kernel delivers to a process's buffer by walking its page table,
 * which is right whatever CR3 holds. */
static inline int vm_copy_from_caller(vir_bytes uva, void *kbuf, size_t n)
{
    if (uva < USER_BASE || uva > USER_LIMIT || n > USER_LIMIT - uva)
        return EFAULT;
    return user_copy(kbuf, (const void *)uva, n) ? EFAULT : OK;
}

/* May the kernel write a message to the caller's buffer at uva?  Probed
 * through the caller's own mapping (user_probe_write), first and last byte. */
static inline int vm_msg_writable(vir_bytes uva)
{
    if (uva < USER_BASE || uva > USER_LIMIT - sizeof(message) || user_probe_write((void *)uva))
        return 0;
    return PAGE_ROUND_DOWN(uva) == PAGE_ROUND_DOWN(uva + sizeof(message) - 1) ||
           !user_probe_write((void *)(uva + sizeof(message) - 1));
}

/* The same for one message, with the copy inline (user_copy_msg). */
static inline int vm_copy_msg_from_caller(vir_bytes uva, message *m)
{
    if (uva < USER_BASE || uva > USER_LIMIT - sizeof(message))
        return EFAULT;
    return user_copy_msg(m, (const void *)uva) ? EFAULT : OK;
}

static inline int vm_copy_in(struct proc *p, vir_bytes src, void *dst, size_t n)
{
    return vm_copy(p, src, dst, n, 0);
}

static inline int vm_copy_out(struct proc *p, vir_bytes dst, const void *src, size_t n)
{
    return vm_copy(p, dst, (void *)src, n, 1);
}

#endif
