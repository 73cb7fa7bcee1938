/* cow.c: copy-on-write.
 *
 * VM_COPY_AS maps the pages of one address space into another without
 * copying them: both page-table entries lose write access and get the COW
 * mark (VMMAP_COW, a PTE bit the CPU ignores), and the frame's count goes
 * up by one.  A write on either side then faults, and cow_break() gives the
 * writer a page of its own: a copy when others still share the frame, or
 * the frame itself, writable again, when the writer is its last user.
 * Pages that were read-only before (text) stay read-only and unmarked on
 * both sides: a write to them still kills.  A page shared by safemap
 * (VMMAP_SMAP, smap.c) is copied for the destination, never COW-shared:
 * that would split the mapping.  Kernel-pool frames (programs
 * started before VM) are never shared: the destination gets a copy.
 *
 * cow_share() is a COW safecopy's VMR_COW_SHARE (the kernel's cowcopy.c):
 * the same sharing between two live processes at two addresses, in
 * batches of VMSHARE_MAX pages (SYS_VMSHARE: one kernel call a batch, all
 * or nothing; the per-page calls cost ten times a plain copy).  A batch
 * with a source page in the kernel's pool (a program loaded before VM ran)
 * goes page by page: that page first moves to a VM frame (adopt).  When a
 * batch fails, the earlier ones stay shared and the kernel copies the
 * whole range byte-wise (a write to a shared page then breaks it first).
 * Counts cannot saturate (frame_ref's 0xffff): each mapping of a frame
 * needs its own page and the pool holds fewer than 65535.
 *
 * cow_check() is VM_CHECK: the invariant "every frame's reference count
 * equals the number of its mappings", counted through the kernel. */
#include <string.h>
#include "vm.h"

int cow_break(endpoint_t ep, uint32_t va, uint32_t frame)
{
    uint32_t f, old;
    int r;

    if (frame_count(frame) == 1)                  /* the last user: keep it */
        return vk_protect(ep, va, 4096, VMMAP_WRITE);
    if (!(f = frame_alloc()))
        return ENOMEM;
    r = vk_map(ep, va, f, VMMAP_COPY | VMMAP_REPLACE | VMMAP_WRITE, ep, va, &old);
    if (r != OK) {
        frame_unref(f);
        return r;
    }
    frame_unref(old);
    vm_stats.cows++;
    return OK;
}

/* One page of VM_COPY_AS. */
static int share_page(endpoint_t src, endpoint_t dst, uint32_t va, uint32_t frame, uint32_t flags)
{
    uint32_t old, f, want = (flags & (VMMAP_WRITE | VMMAP_COW)) ? VMMAP_COW : 0;
    int r;

    if (flags & (VMMAP_KPOOL | VMMAP_SMAP | VMMAP_PHYS)) {  /* not ours to share, safemap'ed,
                                                     or a device page (the child gets a snapshot): copy */
        if (!(f = frame_alloc()))
            return ENOMEM;
        r = vk_map(dst, va, f, VMMAP_COPY | VMMAP_REPLACE | (flags & VMMAP_WRITE), src, va, &old);
        if (r != OK) {
            frame_unref(f);
            return r;
        }
        frame_unref(old);
        return OK;
    }
    if (want && (r = vk_protect(src, va, 4096, VMMAP_COW)) != OK)
        return r;
    if ((r = vk_map(dst, va, frame, VMMAP_REPLACE | want, NONE, 0, &old)) != OK)
        return r;
    frame_ref(frame);
    frame_unref(old);
    return OK;
}

int cow_copy_as(endpoint_t src, endpoint_t dst, uint32_t va, uint32_t len)
{
    struct vmproc *sp = vmp_get(src), *dp = vmp_get(dst);
    uint32_t end = va + len, a = va, frame, flags;
    int r;

    if (!sp || !dp)
        return ESRCH;
    if (src == dst || len == 0 || (va & 4095) || (len & 4095) || end < va)
        return EINVAL;
    while (vk_query(src, VMQ_NEXT, &a, &frame, &flags) == OK && a < end && a >= va) {
        if ((r = share_page(src, dst, a, frame, flags)) != OK)
            return r;
        a += 4096;
        if (a == 0)
            break;
    }
    if (va < sp->brk && end > sp->heap_start && dp->heap_start == sp->heap_start)
        dp->brk = sp->brk;
    return OK;
}

/* Give ep a writable page of its own at va if it is copy-on-write. */
static int unshare_page(endpoint_t ep, uint32_t va)
{
    uint32_t q = va, frame, flags;
    if (vk_query(ep, VMQ_PAGE, &q, &frame, &flags) != OK || !(flags & VMMAP_COW))
        return OK;
    return cow_break(ep, va, frame);
}

/* VM_FORK: the parent's window, and the message buffer unshared on both
 * sides (the parent's first, so the child's break finds the frame its
 * own and just gets write access back). */
int cow_fork(endpoint_t parent, endpoint_t child, uint32_t msg)
{
    struct vmproc *vp = vmp_get(parent);
    int r;

    if (!vp)
        return ESRCH;
    if ((r = cow_copy_as(parent, child, vp->window, VM_WINDOW)) != OK)
        return r;
    for (uint32_t a = msg & ~4095u; a < msg + MESSAGE_SIZE_VM && r == OK; a += 4096)
        if ((r = unshare_page(parent, a)) == OK)
            r = unshare_page(child, a);
    return r;
}

/* A kernel-pool source page becomes a VM frame first (a copy, in place:
 * the kernel frees its frame), so that it can be shared like the rest. */
int cow_adopt(endpoint_t src, uint32_t sva, uint32_t *frame, uint32_t *flags)
{
    uint32_t f = frame_alloc(), old;
    int r;

    if (!f)
        return ENOMEM;
    r = vk_map(src, sva, f, VMMAP_COPY | VMMAP_REPLACE | (*flags & VMMAP_WRITE), src, sva, &old);
    if (r != OK)
        return frame_unref(f), r;
    frame_unref(old);
    *frame = f;
    *flags &= ~VMMAP_KPOOL;
    return OK;
}

/* One page: the source's frame read-only + COW on both sides. */
static int share_one(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva)
{
    uint32_t q = sva, frame, flags, old;
    int r;

    if ((r = vk_query(src, VMQ_PAGE, &q, &frame, &flags)) != OK)
        return r;
    if (flags & (VMMAP_SMAP | VMMAP_PHYS))        /* safemap'ed or device memory: never COW-shared */
        return EFAULT;
    if ((flags & VMMAP_KPOOL) && (r = cow_adopt(src, sva, &frame, &flags)) != OK)
        return r;
    if ((flags & VMMAP_WRITE) && (r = vk_protect(src, sva, 4096, VMMAP_COW)) != OK)
        return r;
    if ((r = vk_map(dst, dva, frame, VMMAP_REPLACE | VMMAP_COW, NONE, 0, &old)) != OK)
        return r;
    frame_ref(frame);
    frame_unref(old);
    vm_stats.shared++;
    return OK;
}

/* Up to VMSHARE_MAX pages in one kernel call, then the counts.  EAGAIN
 * (a kernel-pool page among them): page by page, adopting those. */
static int share_batch(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva, uint32_t n)
{
    static uint32_t out[2 * VMSHARE_MAX];
    int r = vk_share(src, sva, dst, dva, n, out);

    if (r == EAGAIN) {
        for (uint32_t i = 0; i < n; i++)
            if ((r = share_one(src, sva + i * 4096, dst, dva + i * 4096)) != OK)
                return r;
        return OK;
    }
    for (uint32_t i = 0; r == OK && i < n; i++) {
        frame_ref(out[2 * i]);
        frame_unref(out[2 * i + 1]);
    }
    if (r == OK)
        vm_stats.shared += n;
    return r;
}

int cow_share(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva, uint32_t pages)
{
    int r;

    if (src == dst || (sva & 4095) || (dva & 4095) || pages == 0 || pages > (1u << 20))
        return EINVAL;
    for (uint32_t i = 0; i < pages; i += VMSHARE_MAX) {
        uint32_t n = pages - i < VMSHARE_MAX ? pages - i : VMSHARE_MAX;
        if ((r = share_batch(src, sva + i * 4096, dst, dva + i * 4096, n)) != OK)
            return r;
    }
    return OK;
}

/* Count every mapping of every live process (one walk). */
static void count_mappings(uint16_t *seen)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);

    memset(seen, 0, 65536 * sizeof(seen[0]));
    for (int i = 0; i < n; i++) {
        uint32_t a = 0, frame, flags;
        while (vk_query(tab[i].endpoint, VMQ_NEXT, &a, &frame, &flags) == OK) {
            if (frame_in_pool(frame))
                seen[frame_index(frame)]++;
            if ((a += 4096) == 0)
                break;
        }
    }
}

/* Compare with the counts.  VM is preemptible: a process that dies during
 * the walk leaves frames no walk sees but VM still counts, until reaped;
 * so the walk is done again when a reap after it found anything. */
int cow_check(uint32_t *bad_frame)
{
    static uint16_t seen[65536];
    uint32_t reaped;
    int tries = 0;

    do {
        vm_reap_all();
        reaped = vm_stats.reaped;
        count_mappings(seen);
        vm_reap_all();
    } while (vm_stats.reaped != reaped && ++tries < 8);
    for (uint32_t i = 0; i < frames_total() && i < 65536; i++)
        if (seen[i] != frame_count(frame_at(i))) {
            *bad_frame = frame_at(i);
            return EIO;
        }
    return OK;
}
