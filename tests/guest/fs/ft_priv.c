/* ft_priv.c: who may ask, and leaks (descriptors, vnodes, pipes, blocks,
 * inodes, and the kernel pool's pages: page directories and tables).  MFS serves VFS only (EPERM for us);
 * VFS refuses unknown requests; a process has VFS_OPEN_MAX descriptors. */
#include <service.h>
#include <lantern/fsproto.h>
#include <vm.h>
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
static uint32_t kstart[VM_INFO_WORDS];

void ft_priv_start(void)
{
    vfs_stats(&start);
    vm_info(kstart);
}

/* Every child was waited for, so PM reaped it and VM takes its address
 * space back (SYS_VMREAP) soon after: the kernel pool's free pages return
 * to at least their count at the start (more when a process that ended
 * before the start was reaped since).  Polled with a deadline, a tick at
 * a time.  User frames are not compared: VFS, MFS and this test touch new
 * pages of their own as they go (demand paging). */
static void t_kpool_back(void)
{
    uint32_t end[VM_INFO_WORDS] = { 0 };
    message m;
    int r = OK;

    for (int t = 0; t < 500 && (r = vm_info(end)) == OK && end[VM_INFO_KFREE] < kstart[VM_INFO_KFREE];
         t++) {
        sys_setalarm(1);                          /* poll interval: one tick */
        while (ipc_receive(CLOCK, &m) != OK)
            ;
    }
    T("no_frame_leak", r == OK && kstart[VM_INFO_KFREE] > 0 &&
      end[VM_INFO_KFREE] >= kstart[VM_INFO_KFREE], "r %d, kernel pool free %u -> %u pages", r,
      kstart[VM_INFO_KFREE], end[VM_INFO_KFREE]);
}

void ft_priv(void)
{
    struct vfs_stats end;

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
    t_kpool_back();
}
const int ft_priv_n = 6;
