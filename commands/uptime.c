/* uptime: the time since boot, as "up H:MM:SS" (and the ticks). */
#include <stdio.h>
#include <sys.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    uint32_t hz, ticks, s;

    cmd_init(argc, argv);
    if (argc != 1)
        cmd_usage("");
    hz = cmd_hz();
    ticks = sys_uptime();
    s = ticks / hz;
    printf("up %u:%02u:%02u (%u ticks at %u Hz)\n", s / 3600, s / 60 % 60, s % 60,
           ticks, hz);
    return 0;
}
