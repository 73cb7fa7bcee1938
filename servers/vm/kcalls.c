/* kcalls.c: the kernel calls only VM may make (lantern/vm.h has the
 * arguments and errors), one wrapper each. */
#include <string.h>
#include "vm.h"

#define W(i) m.m_u.m_u32[i]

int vk_pool(uint32_t *first, uint32_t *end, uint32_t *kpool, uint32_t *kfree)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    if ((r = kernel_call(SYS_VMPOOL, &m)) != OK)
        return r;
    *first = W(0);
    *end = W(1);
    *kpool = W(2);
    *kfree = W(3);
    return OK;
}

int vk_map(endpoint_t ep, uint32_t va, uint32_t frame, uint32_t flags, endpoint_t src,
           uint32_t src_va, uint32_t *old)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(1) = va;
    W(2) = frame;
    W(3) = flags;
    W(4) = (uint32_t)src;
    W(5) = src_va;
    r = kernel_call(SYS_VMMAP, &m);
    *old = r == OK ? W(6) : 0;
    return r;
}

int vk_unmap(endpoint_t ep, uint32_t va, uint32_t *old)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(1) = va;
    r = kernel_call(SYS_VMUNMAP, &m);
    *old = r == OK ? W(6) : 0;
    return r;
}

int vk_query(endpoint_t ep, uint32_t op, uint32_t *va, uint32_t *frame, uint32_t *flags)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(1) = *va;
    W(3) = op;
    if ((r = kernel_call(SYS_VMQUERY, &m)) != OK)
        return r;
    *va = W(1);
    *frame = W(2);
    *flags = W(3);
    return OK;
}

int vk_layout(endpoint_t ep, uint32_t *window, uint32_t *heap, uint32_t *stack_top)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(3) = VMQ_LAYOUT;
    if ((r = kernel_call(SYS_VMQUERY, &m)) != OK)
        return r;
    *window = W(1);
    *heap = W(2);
    *stack_top = W(4);
    return OK;
}

int vk_kpool(uint32_t *total, uint32_t *free_now)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    W(3) = VMQ_KPOOL;
    if ((r = kernel_call(SYS_VMQUERY, &m)) != OK)
        return r;
    *total = W(1);
    *free_now = W(2);
    return OK;
}

int vk_protect(endpoint_t ep, uint32_t va, uint32_t len, uint32_t flags)
{
    message m;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(1) = va;
    W(2) = len;
    W(3) = flags;
    return kernel_call(SYS_VMPROTECT, &m);
}

int vk_share(endpoint_t src, uint32_t sva, endpoint_t dst, uint32_t dva, uint32_t pages,
             uint32_t *out)
{
    message m;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)src;
    W(1) = sva;
    W(2) = (uint32_t)dst;
    W(3) = dva;
    W(4) = pages;
    W(5) = (uint32_t)out;
    return kernel_call(SYS_VMSHARE, &m);
}

int vk_request(struct vm_request *rq)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = (uint32_t)rq;
    return kernel_call(SYS_VMREQUEST, &m);
}

int vk_resume(endpoint_t ep, int result)
{
    message m;
    memset(&m, 0, sizeof(m));
    W(0) = (uint32_t)ep;
    W(1) = (uint32_t)result;
    return kernel_call(SYS_VMRESUME, &m);
}

int vk_reap(uint32_t *buf, uint32_t room, uint32_t *n, int *more)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = (uint32_t)buf;
    m.m_u.m1.i1 = (int32_t)room;
    if ((r = kernel_call(SYS_VMREAP, &m)) != OK)
        return r;
    *n = (uint32_t)m.m_u.m1.i2;
    *more = m.m_u.m1.i3;
    return OK;
}
