/* vmreq.c: requests from the kernel to VM, and VM's answers.
 *
 * The kernel never waits for VM: it parks the process concerned with
 * RTS_VMREQUEST and its request in p_vmreq, and NOTIFYs VM.  VM fetches
 * requests one by one (SYS_VMREQUEST, which marks them MF_VMFETCHED) and
 * answers each with SYS_VMRESUME:
 *
 *   VMR_PAGEFAULT  a user page fault.  OK: the instruction runs again.
 *                  Error: the process is stopped with the fault printed,
 *                  exactly as without VM (proc_fault_at).
 *   VMR_COPYFAULT  a kernel call's copy (safecopy, vsafecopy) found a page
 *                  missing before it moved a byte (copies are all or
 *                  nothing, xcopy.c), or an IPC trap found a page of the
 *                  caller's message missing (MF_VMIPC).  OK: the caller's
 *                  eip goes back over its `int` (2 bytes), so the whole
 *                  call runs again from scratch.  Error: the call returns
 *                  EFAULT.
 *   VMR_COW_SHARE  a COW safecopy (cowcopy.c): share the whole pages of
 *                  the copy.  Either way the call runs again (eip back 2
 *                  bytes), with MF_COWDONE (OK: copy the partial ends) or
 *                  MF_COWSKIP (an error: copy it all byte-wise).
 *   VMR_SAFEMAP, VMR_SAFEREVMAP, VMR_SAFEUNMAP  a safemap call
 *                  (system/do_safemap.c): VM maps or undoes, and its result
 *                  is the kernel call's result (smap_done).
 *   VMR_SPAWN      a new program's segments and stack.  OK: the kernel
 *                  copies the image in and pushes argv (exec_finish).
 *                  Error: the new process ends with that status.
 *
 * Dead address spaces: at exit, once VM is up, the page directory goes on
 * a list (linked through page-directory entries PD_LINK and PD_EP, which
 * cover addresses between the kernel's map and USER_BASE, never used in a
 * dead directory) and VM is notified; SYS_VMREAP hands VM the pool frames
 * in batches, so VM drops its references; the kernel frees the rest.
 *
 * Invariant: a process has RTS_VMREQUEST iff p_vmreq.kind != 0; it is
 * handed to VM at most once (MF_VMFETCHED).  VM itself never gets one: a
 * fault in VM is fatal (proc_exit panics), and so is VM's death.
 */
#include <lantern/ipc.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "trace.h"
#include "vmreq.h"
#include "grant.h"

#define PD_LINK 100      /* next dead directory (kernel pointer) */
#define PD_EP   101      /* the endpoint that owned it */
#define VM_KERNEL_RESERVE 1024   /* kernel-pool frames kept free for tables */

struct proc *vm_proc;
struct copy_fault copy_fault;
static uint32_t *dead_head, *dead_tail;

void vm_take_pool(struct proc *vm)
{
    vm_proc = vm;
}

static void post(struct proc *p, uint32_t kind)
{
    p->p_vmreq.kind = kind;
    p->p_vmreq.endpoint = p->p_endpoint;
    p->p_misc_flags &= ~MF_VMFETCHED;
    rts_set(p, RTS_VMREQUEST);
    notify_from_kernel(SYSTEM, vm_proc);
}

void vm_pagefault(struct proc *p, uint32_t cr2, uint32_t err)
{
    memset(&p->p_vmreq, 0, sizeof(p->p_vmreq));
    p->p_vmreq.target = p->p_endpoint;
    p->p_vmreq.addr = cr2;
    p->p_vmreq.err = err;
    p->p_vmreq.eip = p->p_reg.eip;
    p->p_vmreq.write = (err & PF_WRITE) != 0;
    post(p, VMR_PAGEFAULT);
}

/* The call caller just made failed with EFAULT: if a copy found a page of a
 * live process missing, park the caller until VM has looked at it. */
int vm_copy_fault_suspend(struct proc *caller)
{
    struct proc *t = copy_fault.p;

    if (!vm_proc || !t || caller == vm_proc || t == vm_proc || !t->p_pgdir ||
        (t->p_rts_flags & RTS_DEAD))
        return 0;
    memset(&caller->p_vmreq, 0, sizeof(caller->p_vmreq));
    caller->p_vmreq.target = t->p_endpoint;
    caller->p_vmreq.addr = copy_fault.va;
    caller->p_vmreq.err = copy_fault.write ? PF_WRITE : 0;
    caller->p_vmreq.eip = caller->p_reg.eip;
    caller->p_vmreq.write = (uint32_t)copy_fault.write;
    post(caller, VMR_COPYFAULT);
    return 1;
}

/* An IPC trap failed with EFAULT.  Every caller-buffer check of do_ipc()
 * comes before anything happened (ipc.c), so if a page of the caller's
 * message is missing (or read-only where a message goes), VM may map it
 * and the trap runs again (2 bytes back: `int $IPC_VECTOR`).  SENDA tables
 * and notifications are left alone. */
COLD int vm_ipc_fault(struct proc *caller, int op, vir_bytes msg)
{
    int receives = op == IPC_RECEIVE || op == IPC_SENDREC || op == IPC_REPLY_RECV;

    if (!vm_proc || caller == vm_proc || op == IPC_SENDA || op == IPC_NOTIFY ||
        msg < USER_BASE || msg > USER_LIMIT - sizeof(message))
        return 0;
    for (vir_bytes pg = PAGE_ROUND_DOWN(msg); pg < msg + sizeof(message); pg += PAGE_SIZE) {
        if (user_lookup(caller->p_pgdir, pg, receives))
            continue;
        copy_fault.p = caller;
        copy_fault.va = pg;
        copy_fault.write = receives;
        if (!vm_copy_fault_suspend(caller))
            return 0;
        caller->p_misc_flags |= MF_VMIPC;
        return 1;
    }
    return 0;
}

/* A COW safecopy (cowcopy.c): VM shares `pages` pages of src at sva into
 * dst at dva; the caller waits, then its call runs again. */
void vm_cow_request(struct proc *caller, struct proc *src, vir_bytes sva, struct proc *dst,
                    vir_bytes dva, uint32_t pages)
{
    memset(&caller->p_vmreq, 0, sizeof(caller->p_vmreq));
    caller->p_vmreq.target = dst->p_endpoint;
    caller->p_vmreq.addr = dva;
    caller->p_vmreq.eip = caller->p_reg.eip;
    caller->p_vmreq.cow_src = src->p_endpoint;
    caller->p_vmreq.cow_sva = sva;
    caller->p_vmreq.cow_pages = pages;
    post(caller, VMR_COW_SHARE);
}

/* SYS_SAFEMAP after the grant checks passed: VM maps u's pages of the
 * owner at addr in the caller; the chain's links go along for revoking. */
void vm_smap_request(struct proc *caller, const struct grant_use *u, vir_bytes addr, int write)
{
    memset(&caller->p_vmreq, 0, sizeof(caller->p_vmreq));
    caller->p_vmreq.target = caller->p_endpoint;
    caller->p_vmreq.addr = addr;
    caller->p_vmreq.eip = caller->p_reg.eip;
    caller->p_vmreq.cow_src = u->owner->p_endpoint;
    caller->p_vmreq.cow_sva = u->addr;
    caller->p_vmreq.cow_pages = u->bytes / PAGE_SIZE;
    caller->p_vmreq.smap_write = (uint32_t)write;
    caller->p_vmreq.smap_offset = u->offset;
    caller->p_vmreq.smap_nlinks = u->links->n;
    for (uint32_t i = 0; i < u->links->n && i < VMR_SMAP_LINKS; i++) {
        caller->p_vmreq.smap_link_ep[i] = u->links->ep[i];
        caller->p_vmreq.smap_link_gid[i] = u->links->gid[i];
    }
    post(caller, VMR_SAFEMAP);
}

/* SYS_SAFEREVMAP (gid) or SYS_SAFEUNMAP (addr). */
void vm_smap_undo_request(struct proc *caller, uint32_t kind, int32_t gid, vir_bytes addr)
{
    memset(&caller->p_vmreq, 0, sizeof(caller->p_vmreq));
    caller->p_vmreq.target = caller->p_endpoint;
    caller->p_vmreq.addr = addr;
    caller->p_vmreq.eip = caller->p_reg.eip;
    caller->p_vmreq.smap_gid = gid;
    post(caller, kind);
}

static int is_smap(uint32_t kind)
{
    return kind == VMR_SAFEMAP || kind == VMR_SAFEREVMAP || kind == VMR_SAFEUNMAP;
}

void vm_spawn_request(struct proc *p)
{
    p->p_vmreq.target = p->p_endpoint;
    post(p, VMR_SPAWN);
}

int vm_next_request(struct vm_request *out)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (!(p->p_rts_flags & RTS_VMREQUEST) || (p->p_misc_flags & MF_VMFETCHED))
            continue;
        p->p_misc_flags |= MF_VMFETCHED;
        *out = p->p_vmreq;
        return OK;
    }
    return EAGAIN;
}

/* End a parked kernel call with result r in the caller's message and eax. */
static void end_call(struct proc *p, int r)
{
    message m;
    vir_bytes addr = p->p_reg.eax;
    if (vm_copy_in(p, addr, &m, sizeof(m)) == OK) {
        m.m_type = r;
        vm_copy_out(p, addr, &m, sizeof(m));
    }
    p->p_reg.eax = (uint32_t)r;
}

/* The SAFEMAP / SAFEREVMAP / SAFEUNMAP record, written when VM answered
 * (docs/grants.md, "Tracing"): caller; granter (map: the link the grantee
 * named; revmap: the caller; unmap: NONE); grantee (NONE for a revmap:
 * there may be many); grant id (0 for an unmap); offset; bytes (map);
 * VM's result; access; depth; the owner (map); call id; the caller's
 * address (map, unmap). */
static void trace_smap(const struct proc *p, uint32_t kind, int r)
{
    const struct vm_request *q = &p->p_vmreq;
    uint32_t ev = kind == VMR_SAFEMAP ? TEV_SAFEMAP : kind == VMR_SAFEREVMAP ? TEV_SAFEREVMAP
                                                                            : TEV_SAFEUNMAP;
    uint32_t access = CPF_MAP | CPF_READ | (q->smap_write ? CPF_WRITE : 0);

    uint32_t me = (uint32_t)p->p_endpoint;

    TRACE_EMIT(SAFEMAP, ev, me,
               kind == VMR_SAFEMAP ? (uint32_t)q->smap_link_ep[0]
                                   : kind == VMR_SAFEREVMAP ? me : (uint32_t)NONE,
               kind == VMR_SAFEREVMAP ? (uint32_t)NONE : me,
               (uint32_t)(kind == VMR_SAFEMAP ? q->smap_link_gid[0] : q->smap_gid),
               q->smap_offset, q->cow_pages * PAGE_SIZE, (uint32_t)r,
               kind == VMR_SAFEMAP ? access : 0, q->smap_nlinks ? q->smap_nlinks - 1 : 0,
               kind == VMR_SAFEMAP ? (uint32_t)q->cow_src : (uint32_t)NONE,
               p->p_recv_call_id, q->addr);
}

static void trace_fault(const struct proc *p, int result)
{
    TRACE(VM_PAGEFAULT, (uint32_t)p->p_vmreq.target, p->p_vmreq.addr, p->p_vmreq.err,
          p->p_vmreq.eip, (uint32_t)result);
}

int vm_resume(endpoint_t ep, int result)
{
    struct proc *p;
    uint32_t kind;

    if (endpoint_lookup(ep, &p) != OK || !(p->p_rts_flags & RTS_VMREQUEST) ||
        !(p->p_misc_flags & MF_VMFETCHED))
        return ESRCH;
    kind = p->p_vmreq.kind;
    p->p_vmreq.kind = 0;
    p->p_misc_flags &= ~MF_VMFETCHED;
    if (kind != VMR_SPAWN && kind != VMR_COW_SHARE && !is_smap(kind))
        trace_fault(p, result);
    if (is_smap(kind)) {
        if (unlikely(trace_enabled & TC_GRANT))
            trace_smap(p, kind, result);
        end_call(p, result);
        rts_clear(p, RTS_VMREQUEST);
        return OK;
    }
    if (kind == VMR_PAGEFAULT && result != OK) {
        proc_fault_at(p, "page fault", p->p_vmreq.addr);
        return OK;
    }
    if (kind == VMR_SPAWN && (result != OK || (result = exec_finish(p)) != OK)) {
        proc_exit(p, result, KERNEL);
        return OK;
    }
    if (kind == VMR_COW_SHARE) {              /* run the call again: ends, or all */
        p->p_misc_flags |= result == OK ? MF_COWDONE : MF_COWSKIP;
        p->p_reg.eip -= 2;
    } else if (kind == VMR_COPYFAULT && result == OK)
        p->p_reg.eip -= 2;                    /* run the whole trap again */
    else if (kind == VMR_COPYFAULT && (p->p_misc_flags & MF_VMIPC))
        p->p_reg.eax = (uint32_t)EFAULT;      /* the IPC trap's result */
    else if (kind == VMR_COPYFAULT)
        end_call(p, EFAULT);
    p->p_misc_flags &= ~MF_VMIPC;
    rts_clear(p, RTS_VMREQUEST);
    return OK;
}

/* Exit: p's memory leaves with it.  Before VM, the kernel frees it all. */
void vm_retire(struct proc *p)
{
    uint32_t *pd = p->p_pgdir;

    if (!vm_proc) {
        pgdir_destroy(pd);
        return;
    }
    pd[PD_LINK] = 0;
    pd[PD_EP] = (uint32_t)p->p_endpoint;
    if (dead_tail)
        dead_tail[PD_LINK] = (uint32_t)pd;
    else
        dead_head = pd;
    dead_tail = pd;
    notify_from_kernel(SYSTEM, vm_proc);
}

uint32_t vm_reap(uint32_t *buf, uint32_t room, int *more)
{
    uint32_t n = 0;

    while (dead_head && n < room) {
        int done;
        n += vmmap_reap(dead_head, buf + n, room - n, &done);
        if (!done)
            break;
        uint32_t *next = (uint32_t *)dead_head[PD_LINK];
        page_free((phys_bytes)dead_head);
        dead_head = next;
        if (!dead_head)
            dead_tail = NULL;
    }
    *more = dead_head != NULL;
    return n;
}

uint32_t vm_kernel_reserve(void) { return VM_KERNEL_RESERVE; }
