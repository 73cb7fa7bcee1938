/* vm.h: the VM server's protocol and the kernel calls only VM may make.
 *
 * VM (servers/vm) owns the pool of user frames and decides every user
 * mapping made after it started; the kernel keeps the mechanism (page
 * tables, TLB, copies).  docs/vm.md has the design and the pictures.
 *
 * Two halves:
 *   1. Requests to VM (message types 0xC00-0xC3F, VM_MTYPE_TABLE), sent
 *      with SENDREC to VM_ENDPOINT.  Each says who may make it.
 *   2. Kernel calls SYS_VM* (kcall.h, numbers 16-23): only the process that
 *      took the pool (SYS_VMPOOL) may make them; anyone else gets
 *      ECALLDENIED, even when its kernel-call mask has the call.
 */
#ifndef LANTERN_VM_H
#define LANTERN_VM_H

#include <lantern/types.h>
#include <lantern/priv.h>

/* VM's fixed slot: the kernel starts module "vm" there (like rs, pm, init),
 * so every client knows its endpoint (VM_PROC_NR is in priv.h with the
 * other fixed slots).  VM is never restarted. */
#define VM_ENDPOINT   ((endpoint_t)VM_PROC_NR)

/* ---- requests to VM ----------------------------------------------------
 *
 * VM_INFO     everyone.  Reply: m_u32[0] total pool frames, [1] free,
 *             [2] used (total - free), [3] kernel-pool frames (page tables,
 *             page directories, processes started before VM), [4] kernel-
 *             pool frames free now, [5] page faults resolved, [6] faults that
 *             killed, [7] COW copies made, [8] frames reaped from dead
 *             address spaces, [9] pages shared by COW safecopies
 *             (docs/grants.md), [10] live safemap mappings (records,
 *             lantern/safemap.h).
 * VM_BRK      the caller, for itself: m1.i1 = new break address (0: only
 *             ask).  Reply: OK, m1.i1 = the break now.  ENOMEM when the
 *             break would leave the heap window (below the stack's reserve,
 *             VM_STACK_MAX under the window top) or lie below the heap start.
 *             Pages between the old and new break appear on first touch;
 *             lowering the break frees the pages above it.  EBUSY: a
 *             safemap mapping of the caller lies above the new break.
 * VM_COPY_AS  admin (RS, or a program RS gave TEST_PROC; else EPERM):
 *             m1.i1 = source endpoint, m1.i2 = destination endpoint,
 *             m1.p1 = start address, m1.p2 = length.  Every page mapped in
 *             [start, start + length) of the source is mapped at the same
 *             address in the destination, copy-on-write: both sides lose
 *             write access and share the frame (its reference count goes
 *             up); the first write on either side copies it (or, when the
 *             writer is the last user, just gets write access back).  A
 *             page the destination had there is dropped first.  Pages of
 *             the kernel pool (programs started before VM) are copied at
 *             once instead.  The destination's break follows the source's
 *             when the range covers the heap.  Errors: EINVAL (bad range,
 *             same endpoint), ESRCH (no such process), ENOMEM (no frames;
 *             pages done so far stay), EPERM.  PM's fork will use it.
 * VM_FORK     PM only (else EPERM): m1.i1 = parent, m1.i2 = child (a new
 *             slot from SYS_FORK), m1.p1 = the message buffer both wait
 *             on.  VM_COPY_AS of the parent's whole 16 MiB window into the
 *             child, then the pages of the message buffer are unshared
 *             (each side gets its own, writable), since the kernel writes
 *             PM's replies there without taking a fault.  Errors as
 *             VM_COPY_AS; on an error PM ends the child.
 * VM_CHECK    admin: compare every frame's reference count with the number
 *             of mappings the kernel has of it (SYS_VMQUERY walks).  Reply
 *             OK, or EIO with m1.i1 = the first frame that disagrees.
 */
#define VM_RQ_BASE   0xC00
#define VM_INFO      0xC00
#define VM_BRK       0xC01
#define VM_COPY_AS   0xC02
#define VM_CHECK     0xC03
#define VM_FORK      0xC20
/* exec's block, 0xC21-0xC2F (docs/processes.md), PM only (else EPERM):
 * VM_EXEC_RESET m_u32[0] = process, [1] its new window, [2] heap start,
 *               [3] stack top.  Every page it has is dropped (the old image
 *               is gone: exec's point of no return), the layout is the new
 *               one, and VM_STACK_INIT bytes of stack under the top are
 *               mapped (the arguments go there).  EINVAL: a bad layout.
 * VM_EXEC_SEG   m_u32[0] = process, [1] address, [2] length, [3] 1 when
 *               writable: zeroed pages for one segment (a page shared with
 *               the previous segment is kept, made writable if needed).
 *               EINVAL outside the window; ENOMEM: no frames. */
#define VM_USER_BASE  0x40000000u    /* user windows: [VM_USER_BASE, VM_USER_LIMIT) */
#define VM_USER_LIMIT 0xff000000u
#define VM_EXEC_RESET 0xC21
#define VM_EXEC_SEG   0xC22
/* VM_MAPPHYS (branch vga, docs/tty.md): the caller, for itself, for a
 *             physical range RS's resource table granted it (its priv's
 *             mem[]; else EPERM, nothing mapped).  m_u32[0] = physical
 *             base, [1] = length, [2] = address wanted (0: VM picks, under
 *             the stack's reserve).  Reply m_u32[0] = the address.  The
 *             pages are writable and uncached; the heap can never grow
 *             over them.  Errors: EINVAL (base, length or address not page
 *             aligned, length 0 or over VM_MAPPHYS_MAX), ENOMEM (no room
 *             between the break and the stack's reserve, or the address
 *             given is outside it; or no page table), EEXIST (a page
 *             already mapped there), EPERM, ESRCH.  All or nothing. */
#define VM_MAPPHYS   0xC60
#define VM_MAPPHYS_MAX 0x00040000u

/* VM_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see mtypes.h. */
#define VM_MTYPE_TABLE(X) \
    X(VM_INFO,    "vm", "free, used and kernel-pool frame counts (everyone)") \
    X(VM_BRK,     "vm", "set or read the caller's heap break") \
    X(VM_COPY_AS, "vm", "copy a range of one address space to another, copy-on-write (admin)") \
    X(VM_CHECK,   "vm", "check every frame's reference count against its mappings (admin)") \
    X(VM_FORK,    "vm", "copy a parent's window into its forked child, copy-on-write (PM only)") \
    X(VM_EXEC_RESET, "vm", "exec: drop a process's pages, set its new layout, map its first stack (PM only)") \
    X(VM_EXEC_SEG, "vm", "exec: zeroed pages for one segment of the new image (PM only)") \
    X(VM_MAPPHYS, "vm", "map device memory RS granted the caller into it, uncached (the caller, its own mem ranges)")

#define VM_INFO_TOTAL      0
#define VM_INFO_FREE       1
#define VM_INFO_USED       2
#define VM_INFO_KTOTAL     3
#define VM_INFO_KFREE      4
#define VM_INFO_FAULTS     5
#define VM_INFO_KILLS      6
#define VM_INFO_COWS       7
#define VM_INFO_REAPED     8
#define VM_INFO_SHARED     9
#define VM_INFO_SMAPS      10
#define VM_INFO_WORDS      11

/* The layout VM gives each program's 16 MiB window (image/linkmap.txt):
 * text, data and bss from the bottom, the heap right after them, the stack
 * at the top growing down.  The stack may grow to VM_STACK_MAX on touch;
 * VM_STACK_INIT bytes of it are mapped when the program starts. */
#define VM_WINDOW      0x01000000u
#define VM_STACK_MAX   0x00100000u
#define VM_STACK_INIT  0x00010000u

/* ---- kernel calls only VM may make (kcall.h) ---------------------------
 *
 * Frames are physical addresses of 4 KiB pages.  A frame VM names must lie
 * in the pool it took (EINVAL otherwise): VM can never map kernel memory.
 *
 * SYS_VMPOOL    once: reply m_u32[0] = first pool frame, [1] = end (one
 *               past the last), [2] = kernel-pool frames.  From then on the
 *               kernel's allocator never hands out a pool frame, user page
 *               faults and spawns go to the caller, and it is VM.  A second
 *               call: EBUSY.
 * SYS_VMMAP     m_u32[0] endpoint, [1] va, [2] frame, [3] VMMAP_* flags,
 *               [4] source endpoint, [5] source va (VMMAP_COPY); VMMAP_SMAP
 *               marks the page safemap'ed (lantern/safemap.h).  Maps the
 *               frame at va (page aligned, user range, else EINVAL),
 *               zeroing it (VMMAP_ZERO) or copying the page mapped at
 *               (source, source va) into it (VMMAP_COPY; EFAULT when that
 *               page is not mapped), or as it is (share).  A page already
 *               there: EEXIST, unless VMMAP_REPLACE, which puts the new one
 *               in and answers the old frame in m_u32[6] (0 if it was a
 *               kernel-pool frame, which the kernel freed).  ESRCH for a
 *               dead endpoint; ENOMEM when no page table can be had.
 *               VMMAP_PHYS (with VMMAP_WRITE only, else EINVAL): frame is
 *               device memory outside the pool, mapped uncached (a page
 *               already there: EEXIST); the target's priv must hold the
 *               page in its mem[] (RS's resource table), else EPERM.  Such
 *               a page is never freed or handed to VM (unmap, replace and
 *               reap answer 0; VMQ_PAGE says VMMAP_PHYS).
 * SYS_VMUNMAP   m_u32[0] endpoint, [1] va: removes the mapping; reply
 *               [6] = its frame (0 for a kernel-pool frame, freed by the
 *               kernel).  EFAULT when nothing is mapped there.
 * SYS_VMQUERY   m_u32[0] endpoint, [1] va, [3] VMQ_* op.
 *               VMQ_PAGE: reply [2] frame, [3] VMMAP_* flags of the page at
 *               va (VMMAP_WRITE, VMMAP_COW, VMMAP_KPOOL, VMMAP_PHYS), EFAULT if none.
 *               VMQ_NEXT: the same for the first mapped page at or above
 *               va, whose address goes in [1]; ENOENT when there is none.
 *               VMQ_LAYOUT: reply [1] window base, [2] heap start (end of
 *               the highest segment, page aligned), [4] stack top.
 *               VMQ_KPOOL (no endpoint): reply [1] kernel-pool frames,
 *               [2] of them free now.
 * SYS_VMPROTECT m_u32[0] endpoint, [1] va, [2] length, [3] VMMAP_WRITE
 *               and/or VMMAP_COW: sets every mapped page of the range to
 *               those bits; with VMMAP_SMAP_SET also the safemap mark to
 *               VMMAP_SMAP (without it the mark stays).  Reply [6] =
 *               pages changed.
 * SYS_VMREQUEST copy the next pending kernel request (struct vm_request)
 *               to m1.p1; EAGAIN when none is pending.  Each is handed out
 *               once; the process it names stays blocked until
 *               SYS_VMRESUME.
 * SYS_VMRESUME  m_u32[0] endpoint of the request, [1] result: OK lets it
 *               go on (a fault: the instruction runs again; a kernel copy:
 *               the kernel call starts again from scratch; a spawn: the
 *               program is loaded and may run); an error fails it (a user
 *               fault kills the process with the fault printed, as without
 *               VM; a kernel copy returns EFAULT; a spawn ends the process).
 *               ESRCH when the endpoint has no request VM fetched.
 * SYS_VMSHARE   m_u32[0] source endpoint, [1] source va, [2] destination
 *               endpoint, [3] destination va, [4] pages (1..VMSHARE_MAX),
 *               [5] buffer of 2 words a page.  A COW safecopy's sharing in
 *               one call: each source page read-only + COW (a read-only
 *               one stays so), the destination maps the same frame
 *               read-only + COW; the buffer gets the frame and the
 *               destination's old frame (0: none) of each page.  All or
 *               nothing: EFAULT (a page missing, the destination's not
 *               writable, the buffer), EAGAIN (a source page in the kernel
 *               pool), EINVAL (alignment, range, src == dst, pages), ESRCH.
 * SYS_VMREAP    m1.p1 = buffer, m1.i1 = room (frames): the kernel takes
 *               the next dead address space apart and copies its pool
 *               frames (one per mapping) to the buffer.  Reply m1.i2 = how
 *               many, m1.i3 = 1 if more are waiting.  EINVAL for room 0.
 */
#define VMMAP_WRITE    0x01
#define VMMAP_ZERO     0x02
#define VMMAP_COPY     0x04
#define VMMAP_REPLACE  0x08
#define VMMAP_COW      0x10    /* a copy-on-write page (query and protect) */
#define VMMAP_KPOOL    0x20    /* query: a kernel-pool frame */
#define VMMAP_SMAP     0x40    /* a page shared by safemap (map, query, protect):
                                  never COW-shared, copied for a fork's child */
#define VMMAP_SMAP_SET 0x80    /* protect: set the SMAP mark to VMMAP_SMAP (else kept) */
#define VMMAP_PHYS     0x100   /* map: device memory the target holds (priv mem[]);
                                  query: such a page */

/* The VGA memory window (text buffer at 0xB8000): its first VMMAP_PHYS
 * mapping turns the kernel's own VGA output off (docs/tty.md). */
#define VGA_MEM_BASE   0x000A0000u
#define VGA_MEM_END    0x000C0000u

#define VMSHARE_MAX    128     /* pages in one SYS_VMSHARE */

#define VMQ_PAGE       1
#define VMQ_NEXT       2
#define VMQ_LAYOUT     3
#define VMQ_KPOOL      4

/* Kernel requests to VM (SYS_VMREQUEST) */
#define VMR_PAGEFAULT  1       /* a user page fault */
#define VMR_COPYFAULT  2       /* a kernel copy found a page missing */
#define VMR_SPAWN      3       /* map a new program's segments and stack */
#define VMR_COW_SHARE  4       /* a COW safecopy: share cow_pages pages of cow_src
                                  at cow_sva into target at addr (read-only + COW
                                  on both sides); the caller's call runs again */
/* safemap (lantern/safemap.h): VM's result is the call's result */
#define VMR_SAFEMAP    5       /* map smap_pages pages of cow_src at cow_sva into
                                  target (the caller) at addr; smap_write */
#define VMR_SAFEREVMAP 6       /* undo every mapping made through grant smap_gid
                                  of the caller's table */
#define VMR_SAFEUNMAP  7       /* undo the caller's mapping that starts at addr */
#define VMR_SMAP_LINKS 6       /* (granter, id) links of one chain: GRANT_MAX_DEPTH + 1 */

#define VMR_MAX_SEGS   8

struct vm_segment {
    uint32_t va, len, writable;
};

struct vm_request {
    uint32_t kind;             /* VMR_* */
    int32_t  endpoint;         /* the blocked process (SYS_VMRESUME answers it) */
    int32_t  target;           /* whose page: the faulting process or a copy's side */
    uint32_t addr;             /* faulting address */
    uint32_t err;              /* page-fault error code (bit 0 present, bit 1 write) */
    uint32_t eip;
    uint32_t write;            /* COPYFAULT: the copy writes the page */
    uint32_t nseg;             /* SPAWN: segments */
    struct vm_segment seg[VMR_MAX_SEGS];
    uint32_t window, heap_start, stack_top;
    int32_t  cow_src;          /* COW_SHARE, SAFEMAP: the source (owner) */
    uint32_t cow_sva, cow_pages;
    uint32_t smap_write;       /* SAFEMAP: a writable mapping */
    uint32_t smap_offset;      /* SAFEMAP: the offset in the grant (trace) */
    int32_t  smap_gid;         /* SAFEREVMAP: the grant id */
    uint32_t smap_nlinks;      /* SAFEMAP: the chain, the grantee's link first */
    int32_t  smap_link_ep[VMR_SMAP_LINKS];
    int32_t  smap_link_gid[VMR_SMAP_LINKS];
};

/* Page-fault error code bits (from the CPU) */
#define PF_PRESENT     0x1
#define PF_WRITE       0x2

#endif
