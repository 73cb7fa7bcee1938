/* restart_demo: puts an RS restart into a traced scenario (the tracer's
 * end-to-end test).  It crashes crashd once, waits until the restarted crashd
 * answers, leaves a MARK "restarted" and exits (RS then leaves it down). */
#include <string.h>
#include <sef.h>
#include "../rs/common.h"

int main(void)
{
    endpoint_t cd = NONE;
    message m;

    sef_startup();
    if (crashd_echo("crashd", &cd, &m) != OK || crashd_poke("crashd", CD_CRASH) != OK ||
        crashd_echo("crashd", &cd, &m) != OK)
        return 1;
    sys_trace_mark(0x7e57, (uint32_t)cd, 0, "restarted");
    return 0;
}
