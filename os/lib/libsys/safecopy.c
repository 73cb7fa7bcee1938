/* safecopy.c: the grant kernel calls (message words: <lantern/safecopies.h>). */
#include <string.h>
#include <safecopies.h>

static int setgrant(uint32_t a, uint32_t b, uint32_t op)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = a;
    m.m_u.m_u32[1] = b;
    m.m_u.m_u32[2] = op;
    return kernel_call(SYS_SETGRANT, &m);
}

int sys_setgrant(const cp_grant_t *table, uint32_t entries)
{
    return setgrant((uint32_t)table, entries, SETGRANT_TABLE);
}

int sys_grant_revoked(cp_grant_id_t g, const cp_grant_t *old)
{
    return setgrant((uint32_t)g, (uint32_t)old, SETGRANT_REVOKED);
}

static int copy(int call, endpoint_t granter, cp_grant_id_t g, uint32_t offset,
                vir_bytes addr, uint32_t bytes)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[SCP_EP] = (uint32_t)granter;
    m.m_u.m_u32[SCP_GID] = (uint32_t)g;
    m.m_u.m_u32[SCP_OFFSET] = offset;
    m.m_u.m_u32[SCP_ADDR] = addr;
    m.m_u.m_u32[SCP_BYTES] = bytes;
    return kernel_call(call, &m);
}

int sys_safecopyfrom(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                     uint32_t bytes)
{
    return copy(SYS_SAFECOPYFROM, granter, g, offset, addr, bytes);
}

int sys_safecopyto(endpoint_t granter, cp_grant_id_t g, uint32_t offset, vir_bytes addr,
                   uint32_t bytes)
{
    return copy(SYS_SAFECOPYTO, granter, g, offset, addr, bytes);
}

int sys_vsafecopy(struct vscp_vec *vec, uint32_t n)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)vec;
    m.m_u.m_u32[1] = n;
    return kernel_call(SYS_VSAFECOPY, &m);
}
