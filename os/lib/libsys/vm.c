/* vm.c: requests to VM (lantern/vm.h), by SENDREC to VM_ENDPOINT.
 * OK or a negative error; without VM in the boot image, the IPC error. */
#include <string.h>
#include <sys.h>
#include <vm.h>

static int vm_call(int type, message *m)
{
    int r;
    m->m_type = type;
    if ((r = ipc_sendrec(VM_ENDPOINT, m)) != OK)
        return r;
    return m->m_type;
}

int vm_info(uint32_t out[VM_INFO_WORDS])
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    if ((r = vm_call(VM_INFO, &m)) == OK)
        memcpy(out, m.m_u.m_u32, VM_INFO_WORDS * sizeof(uint32_t));
    return r;
}

int vm_copy_as(endpoint_t src, endpoint_t dst, vir_bytes va, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = src;
    m.m_u.m1.i2 = dst;
    m.m_u.m1.p1 = va;
    m.m_u.m1.p2 = len;
    return vm_call(VM_COPY_AS, &m);
}

int vm_check(uint32_t *bad_frame)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    r = vm_call(VM_CHECK, &m);
    *bad_frame = (uint32_t)m.m_u.m1.i1;
    return r;
}

int vm_fork(endpoint_t parent, endpoint_t child, vir_bytes msg_addr)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = parent;
    m.m_u.m1.i2 = child;
    m.m_u.m1.p1 = msg_addr;
    return vm_call(VM_FORK, &m);
}

/* exec's requests (PM only, lantern/vm.h). */
int vm_exec_reset(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)ep;
    m.m_u.m_u32[1] = window;
    m.m_u.m_u32[2] = heap;
    m.m_u.m_u32[3] = stack_top;
    return vm_call(VM_EXEC_RESET, &m);
}

int vm_exec_seg(endpoint_t ep, uint32_t va, uint32_t len, int writable)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)ep;
    m.m_u.m_u32[1] = va;
    m.m_u.m_u32[2] = len;
    m.m_u.m_u32[3] = writable != 0;
    return vm_call(VM_EXEC_SEG, &m);
}

int vm_mapphys(uint32_t base, uint32_t len, vir_bytes *va)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = base;
    m.m_u.m_u32[1] = len;
    m.m_u.m_u32[2] = (uint32_t)*va;
    r = vm_call(VM_MAPPHYS, &m);
    *va = r == OK ? m.m_u.m_u32[0] : 0;
    return r;
}
