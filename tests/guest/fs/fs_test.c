/* fs_test: the fs suite (docs/testing.md, "fs").
 *
 * Boots with rs pm vfs mfs ramdisk and a RAM-disk image made by mkfs
 * (build/fs/ramdisk.img: /etc/motd, /data/hello.txt, /data/big.txt, /tmp).
 * Runs every libc file call with its results and errors, large files,
 * holes, a full disk and inode table, pipes between processes, concurrent
 * writers, the refusals (MFS serves VFS only), and checks at the end that
 * no descriptor, vnode, pipe, block or inode leaked, and kills the block
 * driver under a writer (ft_kill.c).  Boot line: fs_test[:<driver label>]
 * (default ramdisk) or fs_test:<driver>:<suite> (results under that suite
 * name; the host script tests/host/fs/fs_e2e.sh uses fsdisk).  Started as `fs_test c <role> ...` it is a child (a
 * user copy, ft_pipe.c's child_main). */
#include <sef.h>
#include "ft.h"

void ft_priv_start(void);

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "c"))
        return child_main(argc - 1, argv + 1);
    if (argc > 1)
        ft_driver = argv[1];
    if (argc > 2)
        ft_suite = argv[2];
    sef_startup();
    ltest_plan(S, ft_basic_n + ft_dirs_n + ft_big_n + ft_pipe_n + ft_kill_n + ft_priv_n);
    ft_priv_start();
    ft_basic();
    unlink("/tmp/a");
    ft_dirs();
    ft_big();
    ft_pipe();
    ft_kill();
    ft_priv();
    sync();                         /* the image is left clean for fsck */
    ltest_finish();
}
