/* vmreq.h: the kernel's side of VM (lantern/vm.h, docs/vm.md).
 *
 * vmreq.c: requests the kernel sends VM (page faults, copy faults,
 * spawns), VM's answers, and the dead address spaces VM reaps.
 * vmmap.c: the page-table changes VM's kernel calls make.
 * Before VM has taken the frame pool (vm_proc == NULL) nothing here is
 * used: faults kill, spawns and exits use the kernel's allocator. */
#ifndef VMREQ_H
#define VMREQ_H

#include <lantern/vm.h>
#include "kernel.h"
#include "proc.h"

extern struct proc *vm_proc;          /* VM, once it took the pool */

/* A page a kernel copy found missing (xcopy.c), kept for kernel_call():
 * an EFAULT with one of these becomes a VMR_COPYFAULT and the call starts
 * again once VM has mapped the page.  Reset at every kernel call. */
struct copy_fault {
    struct proc *p;
    vir_bytes va;
    int write;
};
extern struct copy_fault copy_fault;

static inline void note_copy_fault(struct proc *p, vir_bytes va, int write)
{
    if (!copy_fault.p) {
        copy_fault.p = p;
        copy_fault.va = va;
        copy_fault.write = write;
    }
}

void vm_take_pool(struct proc *vm);
void vm_pagefault(struct proc *p, uint32_t cr2, uint32_t err);
int vm_copy_fault_suspend(struct proc *caller);   /* 1: caller waits for VM */
int vm_ipc_fault(struct proc *caller, int op, vir_bytes msg);  /* the same for IPC */
void vm_cow_request(struct proc *caller, struct proc *src, vir_bytes sva, struct proc *dst,
                    vir_bytes dva, uint32_t pages);   /* cowcopy.c's VMR_COW_SHARE */
void vm_spawn_request(struct proc *p);            /* p_vmreq.seg[] filled in */
struct grant_use;
void vm_smap_request(struct proc *caller, const struct grant_use *u, vir_bytes addr, int write);
void vm_smap_undo_request(struct proc *caller, uint32_t kind, int32_t gid, vir_bytes addr);
int vm_next_request(struct vm_request *out);      /* OK or EAGAIN */
int vm_resume(endpoint_t ep, int result);
void vm_retire(struct proc *p);                   /* exit: hand p's memory over */
uint32_t vm_reap(uint32_t *buf, uint32_t room, int *more);
uint32_t vm_kernel_reserve(void);                 /* kernel-pool frames kept */

/* vmmap.c */
int vmmap_map(struct proc *p, vir_bytes va, phys_bytes frame, uint32_t flags,
              phys_bytes src, phys_bytes *old);
int vmmap_unmap(struct proc *p, vir_bytes va, phys_bytes *old);
int vmmap_query(struct proc *p, vir_bytes va, phys_bytes *frame, uint32_t *flags);
int vmmap_next(struct proc *p, vir_bytes *va, phys_bytes *frame, uint32_t *flags);
uint32_t vmmap_protect(struct proc *p, vir_bytes va, uint32_t len, uint32_t flags);
int vmmap_share(struct proc *src, vir_bytes sva, struct proc *dst, vir_bytes dva,
                uint32_t pages, uint32_t *out);      /* SYS_VMSHARE: out[2i], out[2i+1] */
uint32_t vmmap_reap(uint32_t *pd, uint32_t *buf, uint32_t room, int *done);

/* exec.c: load a spawned program once VM has mapped its memory */
int exec_finish(struct proc *p);

#endif
