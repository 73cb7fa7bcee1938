/* rs: the reincarnation server, root of all system services.
 *
 * RS boots the system (boot.c), then serves requests (request.c) and keeps
 * the services alive (manager.c): CLOCK's alarm drives the periodic check,
 * PM's notification reports exits, any other notification is a service
 * answering a ping. */
#include "rs.h"
#include "check.h"

/* One message, during the boot or after. */
void rs_dispatch(message *m)
{
    if (IS_NOTIFY(m->m_type)) {
        if (m->m_source == CLOCK)
            do_period();
        else if (m->m_source == PM_ENDPOINT)
            do_child_exits();
        else
            do_alive(m->m_source);
    } else if (m->m_type == RS_INIT) {
        do_init_reply(m);
    } else {
        do_request(m);
    }
}

int main(void)
{
    message m;

    sef_setcb_init_fresh(rs_boot);
    sef_startup();
    RS_CHECK_BREAK();          /* CHECK=1 only: checkbreak=rstables (check.c) */
    for (;;)
        if (sef_receive(ANY, &m) == OK) {
            rs_dispatch(&m);
            RS_CHECK();        /* CHECK=1 only: the tables' invariants (check.c) */
        }
}
