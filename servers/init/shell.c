/* shell.c: INIT's console and shell (docs/processes.md, "INIT").
 *
 * INIT opens /dev/console as descriptors 0, 1 and 2, which every process
 * it forks inherits.  When that works and /bin/sh exists, it forks and
 * execs /bin/sh with PATH=/bin and HOME=/, and starts it again whenever it
 * exits.  A shell that dies within QUICK_TICKS of its start QUICK_MAX
 * times in a row is not started again (a broken /bin/sh would otherwise
 * keep the machine busy for ever); INIT says so and goes on reaping.
 * Without VFS or without a console (VFS refuses device files until the
 * terminal's path to it exists) INIT prints one line and just reaps. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys.h>
#include <service.h>
#include "init.h"

#define SHELL       "/bin/sh"
#define QUICK_TICKS 10
#define QUICK_MAX   5
#define VFS_WAIT    50          /* ticks INIT waits for VFS's label to appear */

static pid_t shell_pid = -1;
static uint32_t shell_started;
static int quick_deaths;

static uint32_t now_ticks(void)
{
    uint32_t up = 0;
    sys_times(NULL, &up, NULL);
    return up;
}

static void start_shell(void)
{
    shell_started = now_ticks();
    shell_pid = fork();
    if (shell_pid == 0) {
        char *const argv[] = { "sh", NULL };
        char *const envp[] = { "PATH=/bin", "HOME=/", NULL };
        execve(SHELL, argv, envp);
        _exit(127);
    }
    if (shell_pid < 0)
        printf("init: cannot fork for %s: %s\n", SHELL, strerror(errno));
}

/* Is there a VFS?  Its label may appear a little after INIT runs: a
 * deadline poll, one tick between tries. */
static int vfs_present(void)
{
    endpoint_t vfs;
    message m;

    for (int t = 0; t < VFS_WAIT; t++) {
        if (rs_lookup("vfs", &vfs) == OK)
            return 1;
        sys_setalarm(1);
        while (ipc_receive(CLOCK, &m) != OK)
            ;
    }
    return 0;
}

/* 0, 1, 2 on /dev/console; 0 or an errno. */
static int open_console(void)
{
    int fd;

    if (!vfs_present())
        return ENOSYS;
    if ((fd = open("/dev/console", O_RDWR)) < 0)
        return errno;
    for (int want = 0; want <= 2; want++)
        if (fd != want && dup2(fd, want) != want)
            return errno;
    if (fd > 2)
        close(fd);
    return 0;
}

void shell_init(void)
{
    struct stat st;
    int r = open_console();

    if (r) {
        printf("init: no console (/dev/console: %s): no shell started\n", strerror(r));
        return;
    }
    if (stat(SHELL, &st) != 0) {
        printf("init: no %s: no shell started\n", SHELL);
        return;
    }
    start_shell();
}

void shell_reaped(int pid)
{
    if (pid != shell_pid || shell_pid < 0)
        return;                         /* an orphan */
    quick_deaths = now_ticks() - shell_started < QUICK_TICKS ? quick_deaths + 1 : 0;
    if (quick_deaths >= QUICK_MAX) {
        printf("init: %s ended %d times at once: not starting it again\n", SHELL, QUICK_MAX);
        shell_pid = -1;
        return;
    }
    start_shell();
}
