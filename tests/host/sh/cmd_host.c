/* cmd_host.c: commands/lib/cmd.h for a host build of the commands.
 *
 * The real commands/lib/cmd.c asks Lantern's kernel for the clock rate;
 * on the host the commands run under the host's libc, which already has
 * its stdio on descriptors, so only the message helpers are needed.  Used
 * by the host run of the userland scripts (tests/host/sh/run_scripts.sh). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../commands/lib/cmd.h"

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

uint32_t cmd_hz(void)
{
    return 100;
}
