/* ft_priv.c: who may ask, and leaks (descriptors, vnodes, pipes, blocks,
 * inodes, and the kernel's free frames).  MFS serves VFS only (EPERM for us);
 * VFS refuses unknown requests; a process has VFS_OPEN_MAX descriptors. */
#include <service.h>
#include <lantern/fsproto.h>
#include "ft.h"

static void t_mfs_eperm(void)
{
    endpoint_t mfs;
    message m;
    int r;

    memset(&m, 0, sizeof(m));
    m.m_type = FS_STAT;
    ((struct fs_req *)&m.m_u)->ino = 1;
    r = rs_lookup("mfs", &mfs);
    if (r == OK)
        r = ipc_sendrec(mfs, &m);
    T("mfs_refuses_others", r == OK && m.m_type == EPERM, "r %d m_type %d", r, m.m_type);
}

static void t_vfs_badrequest(void)
{
    endpoint_t vfs;
    message m;
    int r;

    memset(&m, 0, sizeof(m));
    m.m_type = VFS_RQ_BASE + 0x3e;
    r = rs_lookup("vfs", &vfs);
    if (r == OK)
        r = ipc_sendrec(vfs, &m);
    T("vfs_bad_request", r == OK && m.m_type == EBADREQUEST, "r %d m_type %d", r, m.m_type);
}

static void t_emfile(void)
{
    int fds[VFS_OPEN_MAX + 1], n = 0, last = 0;

    for (; n < VFS_OPEN_MAX + 1; n++)
        if ((fds[n] = open("/etc/motd", O_RDONLY)) < 0) {
            last = errno;
            break;
        }
    T("emfile", last == EMFILE && n == VFS_OPEN_MAX, "opened %d, errno %d", n, last);
    for (int i = 0; i < n; i++)
        close(fds[i]);
}

static struct vfs_stats start;
static struct kinfo kstart;

void ft_priv_start(void)
{
    vfs_stats(&start);
    sys_kinfo(&kstart);
}

void ft_priv(void)
{
    struct vfs_stats end;
    struct kinfo kend;

    t_mfs_eperm();
    t_vfs_badrequest();
    t_emfile();
    vfs_stats(&end);
    T("no_open_file_leak", end.filps == start.filps && end.vnodes == start.vnodes &&
      end.pipes == 0, "filps %u->%u vnodes %u->%u pipes %u", start.filps, end.filps,
      start.vnodes, end.vnodes, end.pipes);
    T("no_block_or_inode_leak", end.free_blocks == start.free_blocks &&
      end.free_inodes == start.free_inodes, "blocks %u->%u inodes %u->%u", start.free_blocks,
      end.free_blocks, start.free_inodes, end.free_inodes);
    /* every child was waited for (so reaped): their frames are back */
    sys_kinfo(&kend);
    T("no_frame_leak", kend.mem_free_kb == kstart.mem_free_kb, "free %u KiB -> %u KiB",
      kstart.mem_free_kb, kend.mem_free_kb);
}
const int ft_priv_n = 6;
