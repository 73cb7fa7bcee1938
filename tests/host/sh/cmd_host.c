/* cmd_host.c: commands/lib/cmd_lantern.c for a host build of the commands
 * (commands/lib/cmd.c is shared as it is).  On the host the commands run
 * under the host's libc, which already has its stdio on descriptors; the
 * clock rate is fixed.  Used by the host run of the userland scripts
 * (tests/host/sh/run_scripts.sh). */
#include "../../../commands/lib/cmd.h"

uint32_t cmd_hz(void)
{
    return 100;
}
