/* filp.c: the open-file (filp) and vnode tables.
 *
 * A vnode stands for one inode that VFS has open (by any number of filps
 * and working directories).  Its first reference asks MFS for FS_GETNODE
 * and its last sends FS_PUTNODE, so MFS keeps an unlinked file's inode
 * until nobody has it open.  A filp is one open(): access mode, position,
 * and a vnode or a pipe end; dup and VFS_GIVEFD share it.
 */
#include <string.h>
#include "vfs.h"

static struct vnode vnodes[NR_VNODES];
static struct filp filps[NR_FILPS];

struct vnode *vnode_get(uint32_t ino, uint32_t mode, int *err)
{
    struct vnode *free_vn = NULL;

    for (int i = 0; i < NR_VNODES; i++) {
        if (vnodes[i].refs && vnodes[i].ino == ino) {
            vnodes[i].refs++;
            return &vnodes[i];
        }
        if (!vnodes[i].refs && !free_vn)
            free_vn = &vnodes[i];
    }
    if (!free_vn) {
        *err = ENFILE;
        return NULL;
    }
    if ((*err = fs_simple(FS_GETNODE, ino, 0, NULL)) != OK)
        return NULL;
    free_vn->ino = ino;
    free_vn->mode = mode;
    free_vn->rdev = 0;          /* set by dev_open for a device file */
    free_vn->refs = 1;
    return free_vn;
}

void vnode_put(struct vnode *vn)
{
    if (vn && vn->refs && --vn->refs == 0) {
        fs_simple(FS_PUTNODE, vn->ino, 0, NULL);
        vn->ino = 0;
    }
}

struct filp *filp_new(int flags, int *err)
{
    for (int i = 0; i < NR_FILPS; i++)
        if (!filps[i].refs) {
            memset(&filps[i], 0, sizeof(filps[i]));
            filps[i].refs = 1;
            filps[i].flags = flags;
            return &filps[i];
        }
    *err = ENFILE;
    return NULL;
}

void filp_put(struct filp *f)
{
    if (!f || --f->refs)
        return;
    if (f->pipe)
        pipe_end_closed(f->pipe, f->flags);
    if (f->dev)
        dev_close(f);
    vnode_put(f->vn);
    f->vn = NULL;
    f->pipe = NULL;
}

uint32_t filps_in_use(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NR_FILPS; i++)
        n += filps[i].refs != 0;
    return n;
}

uint32_t vnodes_in_use(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NR_VNODES; i++)
        n += vnodes[i].refs != 0;
    return n;
}
