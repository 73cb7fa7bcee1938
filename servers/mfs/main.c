/* mfs: the MINIX-style file server (servers/mfs/README.md).
 *
 * Boot line: `mfs:<driver label>:<minor>` (default ata, minor 0: the disk
 * that `make qemu-nox` attaches).  MFS
 * mounts the image at the first request rather than in its SEF init, so
 * its init never waits on a driver that RS has not started yet.  If the
 * image is refused (super.c says why on the console), every request gets
 * EIO and MFS stays up.
 *
 * Who may ask: VFS only (lantern/fsproto.h).  The sender's endpoint is
 * compared with VFS's, asked of RS by label (again after a mismatch, in
 * case VFS was restarted); anyone else gets EPERM and nothing is touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sef.h>
#include <service.h>
#include "mfs.h"

static endpoint_t vfs_ep = NONE;
static int mount_result = 1;      /* 1: not tried yet */

static int from_vfs(endpoint_t who)
{
    if (who == vfs_ep && who != NONE)
        return 1;
    return rs_lookup("vfs", &vfs_ep) == OK && who == vfs_ep;
}

static int serve(message *m)
{
    if (!from_vfs(m->m_source))
        return EPERM;
    if (mount_result == 1)
        mount_result = fs_mount();
    if (mount_result != OK)
        return EIO;
    return do_request(m);
}

int main(int argc, char **argv)
{
    message m;
    const char *label = argc > 1 ? argv[1] : "ata";
    int minor = argc > 2 ? atoi(argv[2]) : 0;

    sef_startup();
    cache_init();
    drv_init(label, minor);
    for (;;) {
        endpoint_t who;
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        who = m.m_source;
        m.m_type = serve(&m);
        ipc_sendnb(who, &m);
    }
}
