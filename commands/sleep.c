/* sleep N: wait N seconds (whole seconds), counted in clock ticks. */
#include <stdlib.h>
#include <sys.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    uint32_t deadline;
    char *end;
    long n;
    message m;

    cmd_init(argc, argv);
    if (argc != 2 || (n = strtol(argv[1], &end, 10)) < 0 || *end || end == argv[1])
        cmd_usage("seconds");
    deadline = sys_uptime() + (uint32_t)n * cmd_hz();
    /* wait_message with a timeout: nobody sends to us, so this returns
     * at the deadline (the loop covers an early wake-up). */
    while ((int32_t)(deadline - sys_uptime()) > 0)
        wait_message(NONE, 0, deadline - sys_uptime(), &m);
    return 0;
}
