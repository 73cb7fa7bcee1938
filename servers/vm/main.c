/* vm: the memory manager.  It owns the pool of user frames (taken from the
 * kernel at init, SYS_VMPOOL) and decides every user mapping: the memory
 * of spawned programs, page faults (heap, stack, copy-on-write), the pages
 * kernel copies need, and the frames of dead processes.  Requests from
 * processes are in lantern/vm.h; the design is in docs/vm.md.
 *
 * VM never blocks on a client (replies are non-blocking sends: a caller
 * that does not wait loses its answer) and never page-faults itself (its
 * memory, counts included, was mapped by the kernel before it ran).  It is
 * not restartable: the frame counts would be lost, so its death stops the
 * system (the kernel panics, naming it). */
#include <string.h>
#include <stdio.h>
#include <sef.h>
#include "vm.h"
#include "check.h"

static int vm_init(int type, const sef_init_info_t *info)
{
    uint32_t first, end;
    int r;

    (void)type;
    (void)info;
    if ((r = vk_pool(&first, &end, &vm_stats.ktotal, &vm_stats.kfree)) != OK)
        return r;
    frames_init(first, end);
    printf("vm: %u frames (%u KiB) in the user pool, %u in the kernel's\n", frames_total(),
           frames_total() * 4, vm_stats.ktotal);
    VM_CHECK_START();          /* CHECK=1 only: the periodic count check (check.c) */
    return OK;
}

/* RS, or a test program RS gave TEST_PROC. */
static int is_admin(endpoint_t who)
{
    struct priv_info pi;
    if (who == RS_ENDPOINT)
        return 1;
    return sys_getpriv(who, &pi) == OK && (pi.flags & TEST_PROC);
}

static int do_info(message *reply)
{
    uint32_t *w = reply->m_u.m_u32;
    vk_kpool(&vm_stats.ktotal, &vm_stats.kfree);
    w[VM_INFO_TOTAL] = frames_total();
    w[VM_INFO_FREE] = frames_free();
    w[VM_INFO_USED] = frames_total() - frames_free();
    w[VM_INFO_KTOTAL] = vm_stats.ktotal;
    w[VM_INFO_KFREE] = vm_stats.kfree;
    w[VM_INFO_FAULTS] = vm_stats.faults;
    w[VM_INFO_KILLS] = vm_stats.kills;
    w[VM_INFO_COWS] = vm_stats.cows;
    w[VM_INFO_REAPED] = vm_stats.reaped;
    w[VM_INFO_SHARED] = vm_stats.shared;
    w[VM_INFO_SMAPS] = smap_count();
    return OK;
}

static int handle(const message *m, message *reply)
{
    uint32_t now, bad = 0;
    int r;

    switch (m->m_type) {
    case VM_INFO:
        vm_reap_all();             /* dead processes' frames count as free */
        smap_sweep();
        return do_info(reply);
    case VM_BRK:
        r = vmp_brk(m->m_source, (uint32_t)m->m_u.m1.i1, &now);
        reply->m_u.m1.i1 = (int32_t)now;
        return r;
    case VM_COPY_AS:
        if (!is_admin(m->m_source))
            return EPERM;
        r = cow_copy_as(m->m_u.m1.i1, m->m_u.m1.i2, m->m_u.m1.p1, m->m_u.m1.p2);
        VM_CHECK_NOW();            /* CHECK=1 only (check.c) */
        return r;
    case VM_FORK:
        if (m->m_source != PM_ENDPOINT)
            return EPERM;
        r = cow_fork(m->m_u.m1.i1, m->m_u.m1.i2, m->m_u.m1.p1);
        VM_CHECK_NOW();            /* CHECK=1 only (check.c) */
        return r;
    case VM_EXEC_RESET:
        if (m->m_source != PM_ENDPOINT)
            return EPERM;
        r = exec_reset(m->m_u.m_u32[0], m->m_u.m_u32[1], m->m_u.m_u32[2], m->m_u.m_u32[3]);
        VM_CHECK_NOW();            /* CHECK=1 only (check.c) */
        return r;
    case VM_EXEC_SEG:
        if (m->m_source != PM_ENDPOINT)
            return EPERM;
        return exec_seg(m->m_u.m_u32[0], m->m_u.m_u32[1], m->m_u.m_u32[2], m->m_u.m_u32[3]);
    case VM_CHECK:
        if (!is_admin(m->m_source))
            return EPERM;
        r = cow_check(&bad);
        reply->m_u.m1.i1 = (int32_t)bad;
        return r;
    case VM_MAPPHYS:
        r = phys_map(m->m_source, m->m_u.m_u32[0], m->m_u.m_u32[1], m->m_u.m_u32[2], &now);
        reply->m_u.m_u32[0] = r == OK ? now : 0;
        return r;
    default:
        return EBADREQUEST;
    }
}

int main(void)
{
    message m, reply;

    sef_setcb_init_fresh(vm_init);
    sef_setcb_init_restart(sef_cb_init_restart_fail);   /* the counts would be lost */
    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            if (m.m_source == SYSTEM)
                vm_serve_kernel();
            else if (m.m_source == CLOCK)
                VM_CHECK_TICK();
            continue;
        }
        memset(&reply, 0, sizeof(reply));
        reply.m_type = handle(&m, &reply);
        ipc_sendnb(m.m_source, &reply);
    }
}
