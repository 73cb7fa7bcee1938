/* vm.h: the VM server's internal interfaces (servers/vm, docs/vm.md).
 *
 *   frames.c   the pool of user frames and their reference counts
 *   kcalls.c   wrappers of the kernel calls only VM may make
 *   region.c   each process's layout: heap (brk) and stack windows
 *   fault.c    the kernel's requests: page faults, copy faults, spawns
 *   cow.c      copy-on-write: VM_COPY_AS, breaking a shared page, VM_CHECK
 *   exec.c     a process's new image: VM_EXEC_RESET, VM_EXEC_SEG
 *   smap.c     safemap: mapping records, map, unmap, revoke, exits
 *   main.c     the message loop and the client requests
 */
#ifndef VM_SERVER_H
#define VM_SERVER_H

#include <sys.h>
#include <lantern/vm.h>

/* frames.c.  Invariant: a pool frame's count is the number of mappings the
 * kernel has of it (VM_CHECK compares); a frame with count 0 is free. */
void frames_init(uint32_t first, uint32_t end);
uint32_t frame_alloc(void);                   /* count 1, or 0: none free */
void frame_ref(uint32_t frame);
void frame_unref(uint32_t frame);             /* frees it at 0; 0 is ignored */
uint32_t frame_count(uint32_t frame);
int frame_in_pool(uint32_t frame);
uint32_t frames_total(void);
uint32_t frames_free(void);
uint32_t frame_index(uint32_t frame);         /* 0..frames_total()-1 */
uint32_t frame_at(uint32_t index);            /* the frame of an index */

/* kcalls.c: OK or the kernel's error (lantern/vm.h) */
int vk_pool(uint32_t *first, uint32_t *end, uint32_t *kpool, uint32_t *kfree);
int vk_map(endpoint_t ep, uint32_t va, uint32_t frame, uint32_t flags, endpoint_t src,
           uint32_t src_va, uint32_t *old);
int vk_unmap(endpoint_t ep, uint32_t va, uint32_t *old);
int vk_query(endpoint_t ep, uint32_t op, uint32_t *va, uint32_t *frame, uint32_t *flags);
int vk_layout(endpoint_t ep, uint32_t *window, uint32_t *heap, uint32_t *stack_top);
int vk_kpool(uint32_t *total, uint32_t *free_now);
int vk_protect(endpoint_t ep, uint32_t va, uint32_t len, uint32_t flags);
int vk_share(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva, uint32_t pages,
             uint32_t *out);                  /* out: 2 words a page */
int vk_request(struct vm_request *rq);
int vk_resume(endpoint_t ep, int result);
int vk_reap(uint32_t *buf, uint32_t room, uint32_t *n, int *more);

/* region.c */
struct vmproc {
    endpoint_t ep;
    uint32_t window, heap_start, brk, stack_top;
    uint32_t phys_lo;           /* lowest device page (phys.c), 0: none */
};
struct vmproc *vmp_get(endpoint_t ep);        /* NULL: no such process */
void vmp_set(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top);
int vmp_in_heap(const struct vmproc *vp, uint32_t va);
int vmp_in_stack(const struct vmproc *vp, uint32_t va);
int vmp_brk(endpoint_t ep, uint32_t want, uint32_t *now);

/* phys.c: VM_MAPPHYS */
int phys_map(endpoint_t who, uint32_t base, uint32_t len, uint32_t want, uint32_t *va);
uint32_t vmp_heap_limit(const struct vmproc *vp);

/* fault.c */
int vm_resolve(endpoint_t ep, uint32_t va, int write);   /* OK or EFAULT/ENOMEM */
int spawn_page(endpoint_t ep, uint32_t va, int writable); /* a zeroed page, or more rights */
void vm_serve_kernel(void);
void vm_reap_all(void);

/* cow.c */
int cow_break(endpoint_t ep, uint32_t va, uint32_t frame);
int cow_copy_as(endpoint_t src, endpoint_t dst, uint32_t va, uint32_t len);
int cow_fork(endpoint_t parent, endpoint_t child, uint32_t msg);   /* VM_FORK */
#define VM_WINDOW       0x01000000u     /* a program's 16 MiB window */
#define MESSAGE_SIZE_VM ((uint32_t)sizeof(message))
int cow_check(uint32_t *bad_frame);
int cow_share(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva, uint32_t pages);
int cow_adopt(endpoint_t src, uint32_t sva, uint32_t *frame, uint32_t *flags);

/* smap.c (lantern/safemap.h) */
int smap_map(const struct vm_request *rq);
int smap_revoke(endpoint_t caller, int32_t gid);
int smap_unmap(endpoint_t caller, uint32_t addr);
int smap_brk_ok(endpoint_t ep, uint32_t to);
void smap_sweep(void);
uint32_t smap_count(void);

/* exec.c: VM_EXEC_RESET, VM_EXEC_SEG (PM only) */
int exec_reset(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top);
int exec_seg(endpoint_t ep, uint32_t va, uint32_t len, int writable);

/* statistics for VM_INFO */
struct vm_stats {
    uint32_t faults, kills, cows, reaped;
    uint32_t shared;           /* pages shared by COW safecopies */
    uint32_t ktotal, kfree;
};
extern struct vm_stats vm_stats;

#endif
