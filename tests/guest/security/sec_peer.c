/* sec_peer: sec_closed and sec_open, two services that only exist to be
 * (not) reached.  RS gives them their IPC lists (servers/rs/table.c):
 * sec_closed admits security_kernel but no user, sec_open users but not
 * security_kernel.  security_kernel checks that its children can reach
 * neither.  They serve nothing: they receive and drop. */
#include <sef.h>

int main(void)
{
    message m;
    sef_startup();
    for (;;)
        sef_receive(ANY, &m);
}
