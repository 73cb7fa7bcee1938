/* cmd.c: the shared helpers of the commands, and the switch that puts
 * their stdio on descriptors 0/1/2 (os/lib/libc/stdio/stdio.c reads
 * _stdio_on_fds: a program without it keeps stdio on the console). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys.h>
#include <lantern/kcall.h>
#include "cmd.h"

const int _stdio_on_fds = 1;
const char *cmd_name = "?";

void cmd_init(int argc, char **argv)
{
    const char *slash;

    if (argc > 0 && argv[0] != NULL) {
        slash = strrchr(argv[0], '/');
        cmd_name = slash ? slash + 1 : argv[0];
    }
}

void cmd_msg(const char *path, const char *msg)
{
    fprintf(stderr, "%s: %s: %s\n", cmd_name, path, msg);
}

void cmd_error(const char *path)
{
    cmd_msg(path, strerror(errno));
}

void cmd_usage(const char *usage)
{
    fprintf(stderr, "usage: %s %s\n", cmd_name, usage);
    exit(2);
}

/* The clock rate: SYS_TIMES answers it in m2.w4 (lantern/kcall.h). */
uint32_t cmd_hz(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    if (kernel_call(SYS_TIMES, &m) != OK || m.m_u.m2.w4 == 0)
        return 100;
    return m.m_u.m2.w4;
}
