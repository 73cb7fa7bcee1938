/* vfscall.c: the request path of every libc file call.
 *
 * VFS is found by its label through RS (once, then cached).  User memory
 * is only ever lent: each path and buffer gets a grant for VFS just for
 * this call (paths: VFS_PATH_MAX bytes from the string, with its address
 * so VFS copies it page by page, lantern/vfs.h), revoked when the answer
 * is in.  A grant that cannot be made (a wrapping range) is EFAULT.
 */
#include <errno.h>
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include "vfscall.h"

static endpoint_t vfs_ep = NONE;

static int32_t lend_path(const char *p, uint32_t *addr)
{
    uint32_t len = VFS_PATH_MAX;
    if ((vir_bytes)p + len < (vir_bytes)p)          /* would wrap: shorten */
        len = (uint32_t)(0u - (vir_bytes)p);
    *addr = (uint32_t)(vir_bytes)p;
    return p ? cpf_grant_direct(vfs_ep, (vir_bytes)p, len, CPF_READ) : EFAULT;
}

static int make_grants(struct vfs_req *rq, const struct vfs_lend *l, int32_t g[3])
{
    g[0] = g[1] = g[2] = -1;
    if (l->path && (g[0] = rq->grant = lend_path(l->path, &rq->addr)) < 0)
        return EFAULT;
    if (l->path2 && (g[1] = rq->grant2 = lend_path(l->path2, &rq->addr2)) < 0)
        return EFAULT;
    if (l->access) {
        g[2] = cpf_grant_direct(vfs_ep, (vir_bytes)l->buf, l->len ? l->len : 1, l->access);
        if (g[2] < 0)
            return EFAULT;
        if (l->buf_second)
            rq->grant2 = g[2];
        else
            rq->grant = g[2];
    }
    return OK;
}

int _vfs_call(int type, struct vfs_req *rq, const struct vfs_lend *lend, message *reply)
{
    static const struct vfs_lend none;
    message m;
    int32_t g[3];
    int r;

    if (vfs_ep == NONE && (r = rs_lookup("vfs", &vfs_ep)) != OK) {
        errno = r == ESRCH ? ENOSYS : r;
        return -1;
    }
    if (!lend)
        lend = &none;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    r = make_grants(rq, lend, g);
    memcpy(&m.m_u, rq, sizeof(*rq));
    if (r == OK && (r = ipc_sendrec(vfs_ep, &m)) == OK)
        r = m.m_type;
    for (int i = 0; i < 3; i++)
        if (g[i] >= 0)
            cpf_revoke(g[i]);
    if (reply)
        *reply = m;
    if (r < 0) {
        errno = r;
        return -1;
    }
    return r;
}
