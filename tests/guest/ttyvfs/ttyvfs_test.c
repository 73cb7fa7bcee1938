/* ttyvfs_test: the ttyvfs suite (docs/testing.md, "ttyvfs"; docs/tty.md).
 *
 * Boots with ramdisk, mfs, vfs and tty: VFS is the terminal's client and
 * this program reaches /dev/console and /dev/ttyS0 through libc only.
 * Input is typed with TIOCSTI through VFS (allowed: this is a system
 * process); children are user copies of this program (`ttyvfs_test c rd
 * /dev/console word`, `... c sti`) whose exit status says what they saw.
 * Groups: tv_io.c (open, read, write, a read suspended in VFS, two readers
 * queued, cancel at exit, TIOCSTI refused to users), tv_term.c (termios,
 * raw mode VMIN, the error rows), tv_restart.c (the driver restarted under
 * a waiting reader; this program is an admin).  Every wait has a deadline.
 * `ttyvfs_test bench` runs the benchmarks instead (tv_bench.c). */
#include <sef.h>
#include "tv.h"

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "c"))
        return child_main(argc - 1, argv + 1);
    sef_startup();
    if (argc > 1 && !strcmp(argv[1], "bench")) {
        tv_bench();
        ltest_finish();
    }
    ltest_plan(SUITE, TV_IO_TESTS + TV_TERM_TESTS + TV_RESTART_TESTS);
    tv_io();
    tv_term();
    tv_restart();
    ltest_finish();
}
