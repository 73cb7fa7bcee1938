/* core_crash: a core service (SF_CORE_SRV in servers/rs/table.c) that
 * cannot be restarted (its restart callback fails, like PM's) and crashes
 * soon after its first init.  RS must panic the system, naming it. */
#include <sef.h>

int main(void)
{
    message m;
    sef_setcb_init_restart(sef_cb_init_restart_fail);
    sef_startup();
    sys_setalarm(5);
    ipc_receive(CLOCK, &m);
    (void)*(volatile int *)0;
    return 0;
}
