/* safemap.c: the safemap kernel calls (lantern/safemap.h, docs/grants.md).
 * Alignment is checked here first (EINVAL without a kernel call) and again
 * by the kernel, which trusts nothing a library says. */
#include <string.h>
#include <safecopies.h>
#include <lantern/safemap.h>

#define PAGE_MASK_SM 4095u

static int smap_call(int call, const uint32_t w[6])
{
    message m;
    memset(&m, 0, sizeof(m));
    memcpy(m.m_u.m_u32, w, 6 * sizeof(uint32_t));
    return kernel_call(call, &m);
}

int sys_safemap(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                uint32_t bytes, int writable)
{
    uint32_t w[6] = { (uint32_t)granter, (uint32_t)g, offset, addr, bytes,
                      writable ? SMAP_WRITE : 0 };

    if ((offset | addr | bytes) & PAGE_MASK_SM || bytes == 0)
        return EINVAL;
    return smap_call(SYS_SAFEMAP, w);
}

int sys_saferevmap(cp_grant_id_t g)
{
    uint32_t w[6] = { 0, (uint32_t)g, 0, 0, 0, 0 };
    return smap_call(SYS_SAFEREVMAP, w);
}

int sys_safeunmap(vir_bytes addr)
{
    uint32_t w[6] = { 0, 0, 0, addr, 0, 0 };

    if (addr & PAGE_MASK_SM)
        return EINVAL;
    return smap_call(SYS_SAFEUNMAP, w);
}
