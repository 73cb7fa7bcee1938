/* sp_common.c: helpers of sp.h, linked into safemap_test and smap_peer. */
#include <string.h>
#include <stdio.h>
#include <sys/wait.h>
#include <vm.h>
#include <lantern/pm.h>
#include "sp.h"

int32_t sp_req(endpoint_t to, int type, int32_t i1, int32_t i2, int32_t i3, int32_t i4,
               uint32_t p1, message *out)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    m.m_u.m1.i1 = i1;
    m.m_u.m1.i2 = i2;
    m.m_u.m1.i3 = i3;
    m.m_u.m1.i4 = i4;
    m.m_u.m1.p1 = p1;
    if ((r = ipc_sendrec(to, &m)) != OK)
        return r;
    if (out)
        *out = m;
    return m.m_u.m1.i1;
}

uint32_t sp_info(int word)
{
    uint32_t w[VM_INFO_WORDS] = { 0 };
    vm_info(w);
    return w[word];
}

/* Free frames: VM's pool and the kernel's.  The first safemap or COW
 * copy of a boot program's page (loaded before VM, in the kernel pool)
 * moves it to VM's pool: the sum stays. */
uint32_t sp_free(void)
{
    return sp_info(VM_INFO_FREE) + sp_info(VM_INFO_KFREE);
}

/* Poll interval: one clock tick, inside a deadline loop. */
void sp_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

/* VM reaps dead address spaces lazily: wait (deadline) until the free
 * frames and the live mappings are what they were, and the counts check. */
int sp_settled(uint32_t free0, uint32_t smaps0)
{
    uint32_t bad = 0;
    int r;
    for (int t = 0; t < SP_DEADLINE; t++) {
        if (sp_free() == free0 && sp_info(VM_INFO_SMAPS) == smaps0) {
            if ((r = vm_check(&bad)) != OK)
                printf("safemap: VM_CHECK %d, frame %#x\n", r, bad);
            return r == OK;
        }
        sp_tick();
    }
    printf("safemap: not settled: free %u (want %u), mappings %u (want %u)\n",
           sp_free(), free0, sp_info(VM_INFO_SMAPS), smaps0);
    return 0;
}

/* PM_FORK by hand, for the child's endpoint (fork() gives only the pid). */
int sp_fork(endpoint_t *ep)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_FORK;
    int r = ipc_sendrec(PM_ENDPOINT, &m);
    if (r != OK || m.m_type != OK)
        return -1;
    *ep = m.m_u.m1.i2;
    return m.m_u.m1.i1;
}

int sp_wait(int pid)
{
    int st = -1;
    if (pid <= 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}
