/* do_vm.c: the kernel calls only VM may make (SYS_VMPOOL..SYS_VMREAP,
 * SYS_VMSHARE).
 *
 * Who may call: the process that took the frame pool with SYS_VMPOOL, and
 * nobody else: every other caller gets ECALLDENIED, whatever its kernel-call
 * mask says (RS's kc_all lines give test programs every call).  SYS_VMPOOL
 * itself is for module "vm" in its fixed slot (VM_PROC_NR), once.
 * The arguments and errors are in lantern/vm.h; the mechanism in vmmap.c
 * and vmreq.c.  Every argument is checked here: a frame outside the pool,
 * an address outside user space or not page aligned is EINVAL; a dead or
 * bad endpoint ESRCH. */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "system.h"
#include "vmreq.h"
#include "grant.h"
#include "trace.h"

#define W(m, i) ((m)->m_u.m_u32[i])

static int is_vm(const struct proc *caller)
{
    return vm_proc && caller == vm_proc;
}

static int user_page(vir_bytes va)
{
    return va >= USER_BASE && va < USER_LIMIT && !(va & (PAGE_SIZE - 1));
}

/* The live process named by word 0 (or word i), with an address space. */
static int target(message *m, int i, struct proc **p)
{
    if (endpoint_lookup((endpoint_t)W(m, i), p) != OK || iskernelp(*p) || !(*p)->p_pgdir ||
        *p == vm_proc)
        return ESRCH;
    return OK;
}

int do_VMPOOL(struct proc *caller, message *m)
{
    phys_bytes first, end;
    int r;

    if (vm_proc)
        return caller == vm_proc ? EBUSY : ECALLDENIED;
    if (caller->p_nr != VM_PROC_NR || !(caller->p_misc_flags & MF_BOOT))
        return ECALLDENIED;
    if ((r = mem_pool_take(vm_kernel_reserve(), &first, &end)) != OK)
        return r;
    vm_take_pool(caller);
    W(m, 0) = first;
    W(m, 1) = end;
    W(m, 2) = mem_kernel_pool_pages();
    W(m, 3) = mem_kernel_free_pages();
    return OK;
}

/* COW_BREAK: p's copy-on-write page at va became its own (a copy of the
 * shared frame, or the frame itself when p was its last user).  No grant
 * is involved: grant fields are NONE/0; bytes is the page, addr the va. */
static void trace_cow_break(struct proc *p, vir_bytes va, int r)
{
    TRACE(COW_BREAK, (uint32_t)p->p_endpoint, (uint32_t)NONE, (uint32_t)p->p_endpoint, 0, 0,
          PAGE_SIZE, (uint32_t)r, CPF_WRITE, 0, (uint32_t)NONE, 0, va);
}

/* A write fault's break of a COW page: VM replaces it with a copy of itself
 * (VMMAP COPY|REPLACE|WRITE from the same page), or gives one page write
 * access back (VMPROTECT WRITE). */
static int is_cow_page(struct proc *p, vir_bytes va)
{
    phys_bytes frame;
    uint32_t flags;
    return vmmap_query(p, va, &frame, &flags) == OK && (flags & VMMAP_COW);
}

/* Is the page at frame inside one of p's memory ranges (lantern/priv.h's
 * mem[], from RS's resource table)?  Only a priv with CHECK_MEM has any. */
static int holds_page(const struct proc *p, phys_bytes frame)
{
    const struct priv_info *pi = p->p_priv ? &p->p_priv->pi : NULL;
    if (!pi || !(pi->flags & CHECK_MEM))
        return 0;
    for (uint32_t i = 0; i < pi->nr_mem; i++)
        if (frame >= pi->mem[i].base && frame + PAGE_SIZE - 1 <= pi->mem[i].limit)
            return 1;
    return 0;
}

/* VMMAP_PHYS: map device memory (uncached) that RS granted the target.
 * The kernel checks the grant itself, so even VM cannot map RAM or another
 * program's device: EPERM.  Never a pool frame, never zeroed or copied
 * into (EINVAL).  The VGA text buffer's first mapping ends the kernel's
 * own VGA output (its messages stay on COM1): the screen is the tty's. */
static int map_phys(struct proc *p, vir_bytes va, phys_bytes frame, uint32_t flags,
                    uint32_t *old_out)
{
    phys_bytes old = 0;
    if (!user_page(va) || (frame & (PAGE_SIZE - 1)) || mem_in_pool(frame) ||
        (flags & ~(uint32_t)(VMMAP_WRITE | VMMAP_PHYS)))
        return EINVAL;
    if (!holds_page(p, frame))
        return EPERM;
    if (frame >= VGA_MEM_BASE && frame < VGA_MEM_END)
        console_vga_off();
    int r = vmmap_map(p, va, frame, flags, 0, &old);
    *old_out = old;
    return r;
}

int do_VMMAP(struct proc *caller, message *m)
{
    struct proc *p, *src = NULL;
    phys_bytes frame = W(m, 2), from = 0, old;
    uint32_t flags = W(m, 3), sflags = 0;
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if ((r = target(m, 0, &p)) != OK)
        return r;
    if (flags & VMMAP_PHYS)
        return map_phys(p, W(m, 1), frame, flags, &W(m, 6));
    if (!user_page(W(m, 1)) || (frame & (PAGE_SIZE - 1)) || !mem_in_pool(frame) ||
        (flags & ~(uint32_t)(VMMAP_WRITE | VMMAP_ZERO | VMMAP_COPY | VMMAP_REPLACE | VMMAP_COW |
                             VMMAP_SMAP)))
        return EINVAL;
    if (flags & VMMAP_COPY) {
        if ((r = target(m, 4, &src)) != OK)
            return r;
        if (!user_page(W(m, 5)) || vmmap_query(src, W(m, 5), &from, &sflags) != OK)
            return EFAULT;
    }
    int cow = (flags & VMMAP_COPY) && (flags & VMMAP_REPLACE) && src == p && W(m, 5) == W(m, 1) &&
              (sflags & VMMAP_COW);
    r = vmmap_map(p, W(m, 1), frame, flags, from, &old);
    W(m, 6) = old;
    if (cow)
        trace_cow_break(p, W(m, 1), r);
    return r;
}

int do_VMUNMAP(struct proc *caller, message *m)
{
    struct proc *p;
    phys_bytes old = 0;
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if ((r = target(m, 0, &p)) != OK)
        return r;
    if (!user_page(W(m, 1)))
        return EINVAL;
    r = vmmap_unmap(p, W(m, 1), &old);
    W(m, 6) = old;
    return r;
}

int do_VMQUERY(struct proc *caller, message *m)
{
    struct proc *p;
    phys_bytes frame = 0;
    uint32_t flags = 0, op = W(m, 3);
    vir_bytes va = W(m, 1);
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if (op == VMQ_KPOOL) {                   /* no process: the kernel's pool */
        W(m, 1) = mem_kernel_pool_pages();
        W(m, 2) = mem_kernel_free_pages();
        return OK;
    }
    if ((r = target(m, 0, &p)) != OK)
        return r;
    if (op == VMQ_LAYOUT) {
        W(m, 1) = p->p_window;
        W(m, 2) = p->p_heap_start;
        W(m, 4) = p->p_window + USER_WINDOW;
        return OK;
    }
    if (op != VMQ_PAGE && op != VMQ_NEXT)
        return EINVAL;
    if (op == VMQ_NEXT && va < USER_BASE)
        va = USER_BASE;
    if (va >= USER_LIMIT)
        return op == VMQ_NEXT ? ENOENT : EINVAL;
    if (va < USER_BASE)
        return EINVAL;
    r = op == VMQ_PAGE ? vmmap_query(p, PAGE_ROUND_DOWN(va), &frame, &flags)
                       : vmmap_next(p, &va, &frame, &flags);
    W(m, 1) = va;
    W(m, 2) = frame;
    W(m, 3) = flags;
    return r;
}

int do_VMPROTECT(struct proc *caller, message *m)
{
    struct proc *p;
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if ((r = target(m, 0, &p)) != OK)
        return r;
    if (!user_page(W(m, 1)) || W(m, 2) > USER_LIMIT - W(m, 1) ||
        (W(m, 3) & ~(uint32_t)(VMMAP_WRITE | VMMAP_COW | VMMAP_SMAP | VMMAP_SMAP_SET)))
        return EINVAL;
    int cow = W(m, 2) == PAGE_SIZE && W(m, 3) == VMMAP_WRITE && is_cow_page(p, W(m, 1));
    W(m, 6) = vmmap_protect(p, W(m, 1), W(m, 2), W(m, 3));
    if (cow)
        trace_cow_break(p, W(m, 1), OK);
    return OK;
}

/* SYS_VMSHARE (lantern/vm.h): [0] source, [1] its va, [2] destination,
 * [3] its va, [4] pages (1..VMSHARE_MAX), [5] VM's buffer of 2 words a page. */
int do_VMSHARE(struct proc *caller, message *m)
{
    static uint32_t out[2 * VMSHARE_MAX];       /* one CPU, no preemption */
    struct proc *src, *dst;
    uint32_t pages = W(m, 4);
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if ((r = target(m, 0, &src)) != OK || (r = target(m, 2, &dst)) != OK)
        return r;
    if (src == dst || !user_page(W(m, 1)) || !user_page(W(m, 3)) || pages == 0 ||
        pages > VMSHARE_MAX || pages * PAGE_SIZE > USER_LIMIT - W(m, 1) ||
        pages * PAGE_SIZE > USER_LIMIT - W(m, 3))
        return EINVAL;
    /* VM's buffer is in its .bss, always mapped (VM never faults): the
     * copy-out cannot fail after the tables changed */
    if (!xcopy_range_ok(caller, W(m, 5), pages * 8, 1))
        return EFAULT;
    if ((r = vmmap_share(src, W(m, 1), dst, W(m, 3), pages, out)) != OK)
        return r;
    return vm_copy_out(caller, W(m, 5), out, pages * 8);
}

int do_VMREQUEST(struct proc *caller, message *m)
{
    struct vm_request rq;
    int r;

    if (!is_vm(caller))
        return ECALLDENIED;
    if ((r = vm_next_request(&rq)) != OK)
        return r;
    return vm_copy_out(caller, m->m_u.m1.p1, &rq, sizeof(rq));
}

int do_VMRESUME(struct proc *caller, message *m)
{
    if (!is_vm(caller))
        return ECALLDENIED;
    return vm_resume((endpoint_t)W(m, 0), (int)W(m, 1));
}

int do_VMREAP(struct proc *caller, message *m)
{
    static uint32_t buf[256];          /* one CPU, no preemption */
    uint32_t room = (uint32_t)m->m_u.m1.i1;
    int more;

    if (!is_vm(caller))
        return ECALLDENIED;
    if (room == 0)
        return EINVAL;
    if (room > ARRAY_SIZE(buf))
        room = ARRAY_SIZE(buf);
    m->m_u.m1.i2 = (int32_t)vm_reap(buf, room, &more);
    m->m_u.m1.i3 = more;
    /* The frames are out of the tables: they go to VM whatever happens. */
    return vm_copy_out(caller, m->m_u.m1.p1, buf, (uint32_t)m->m_u.m1.i2 * sizeof(uint32_t));
}
