/* fsclient.c: VFS's requests to the file server (lantern/fsproto.h).
 *
 * MFS is found by its label, "mfs", and looked up again if it was
 * restarted.  Names go in a grant over VFS's own copy (CPF_READ, exactly
 * the name's bytes); data goes in an indirect grant of the user's grant,
 * so MFS copies straight to or from the user and VFS never holds the data.
 * Every grant is revoked as soon as the answer is in.
 */
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include "vfs.h"

static endpoint_t mfs_ep = NONE;

/* Send m to MFS: the reply's m_type, or an IPC error. */
static int call(message *m)
{
    int r = rs_sendrec_label("mfs", &mfs_ep, m, 3);
    return r != OK ? r : m->m_type;
}

void fs_connect(void)
{
    if (mfs_ep == NONE)
        rs_lookup("mfs", &mfs_ep);
}

static int32_t name_grant(const char *name, uint32_t *len)
{
    *len = (uint32_t)strlen(name);
    if (mfs_ep == NONE && rs_lookup("mfs", &mfs_ep) != OK)
        return EIO;
    return cpf_grant_direct(mfs_ep, (vir_bytes)name, *len ? *len : 1, CPF_READ);
}

static void take_node(const message *m, struct fs_node *node)
{
    if (node)
        memcpy(node, &m->m_u, sizeof(*node));
}

/* A request naming (dir, name), plus optional second name. */
static int named(message *m, uint32_t dir, const char *name, struct fs_node *node)
{
    struct fs_req *rq = (struct fs_req *)&m->m_u;
    int32_t g = name_grant(name, &rq->len);
    int r;

    if (g < 0)
        return g;
    rq->ino = dir;
    rq->grant = g;
    r = call(m);
    cpf_revoke(g);
    if (r >= 0)
        take_node(m, node);
    return r;
}

static void init_msg(message *m, int type)
{
    memset(m, 0, sizeof(*m));
    m->m_type = type;
}

int fs_lookup(uint32_t dir, const char *name, struct fs_node *node)
{
    message m;
    init_msg(&m, FS_LOOKUP);
    return named(&m, dir, name, node);
}

int fs_create(int type, uint32_t dir, const char *name, uint32_t mode, struct fs_node *node)
{
    message m;
    init_msg(&m, type);
    ((struct fs_req *)&m.m_u)->mode = mode;
    return named(&m, dir, name, node);
}

int fs_remove(int type, uint32_t dir, const char *name)
{
    message m;
    init_msg(&m, type);
    return named(&m, dir, name, NULL);
}

int fs_link(uint32_t dir, const char *name, uint32_t ino)
{
    message m;
    init_msg(&m, FS_LINK);
    ((struct fs_req *)&m.m_u)->ino2 = ino;
    return named(&m, dir, name, NULL);
}

int fs_rename(uint32_t dir, const char *name, uint32_t dir2, const char *name2)
{
    message m;
    struct fs_req *rq = (struct fs_req *)&m.m_u;
    int32_t g2;
    int r;

    init_msg(&m, FS_RENAME);
    if ((g2 = name_grant(name2, &rq->len2)) < 0)
        return g2;
    rq->ino2 = dir2;
    rq->grant2 = g2;
    r = named(&m, dir, name, NULL);
    cpf_revoke(g2);
    return r;
}

int fs_io(int type, uint32_t ino, uint32_t pos, uint32_t count, endpoint_t user, int32_t ugrant,
          struct fs_node *node)
{
    message m;
    struct fs_req *rq = (struct fs_req *)&m.m_u;
    int32_t g;
    int r;

    if (mfs_ep == NONE && rs_lookup("mfs", &mfs_ep) != OK)
        return EIO;
    if ((g = cpf_grant_indirect(mfs_ep, user, ugrant)) < 0)
        return g;
    init_msg(&m, type);
    rq->ino = ino;
    rq->pos = pos;
    rq->count = count;
    rq->grant = g;
    r = call(&m);
    cpf_revoke(g);
    if (r >= 0)
        take_node(&m, node);
    return r;
}

int fs_simple(int type, uint32_t ino, uint32_t pos, struct fs_node *node)
{
    message m;
    struct fs_req *rq = (struct fs_req *)&m.m_u;
    int r;

    init_msg(&m, type);
    rq->ino = ino;
    rq->pos = pos;
    r = call(&m);
    if (r >= 0)
        take_node(&m, node);
    return r;
}

int fs_statfs(struct fs_statfs *st)
{
    message m;
    int r;

    init_msg(&m, FS_STATFS);
    if ((r = call(&m)) >= 0)
        memcpy(st, &m.m_u, sizeof(*st));
    return r;
}
