/* vfs_admin.c: VFS requests outside POSIX (vfs_admin.h).  VFS is found by
 * its label at every call, so a test keeps working across a VFS restart. */
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include <vfs_admin.h>

/* One request with the VFS argument block; the answer is in m_type. */
static int vfs_request(int type, int32_t grant2, uint32_t flags)
{
    endpoint_t vfs;
    message m;
    int r;

    if ((r = rs_lookup("vfs", &vfs)) != OK)
        return r;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    ((struct vfs_req *)&m.m_u)->grant2 = grant2;
    ((struct vfs_req *)&m.m_u)->flags = flags;
    r = ipc_sendrec(vfs, &m);
    return r != OK ? r : m.m_type;
}

int vfs_stats(struct vfs_stats *st)
{
    endpoint_t vfs;
    int32_t g;
    int r;

    memset(st, 0, sizeof(*st));
    if ((r = rs_lookup("vfs", &vfs)) != OK)
        return r;
    if ((g = cpf_grant_direct(vfs, (vir_bytes)st, sizeof(*st), CPF_WRITE)) < 0)
        return g;
    r = vfs_request(VFS_STATS, g, 0);
    cpf_revoke(g);
    return r;
}

int vfs_drop_cache(void)
{
    return vfs_request(VFS_SYNC, 0, 1);
}
