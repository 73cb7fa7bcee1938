/* crashd: a service that crashes, exits or hangs on request (crashd.h).
 *
 * Arguments pick how its init behaves:
 *   (none)        init succeeds (fresh and restart)
 *   -initfail     init returns EIO
 *   -inithang     init never returns
 *   -norestart    the restart callback fails (ENOSYS), like a core service
 *   -crashloop    exits with status 4 right after every successful init
 * Every init and request is answered through SEF; RS's pings never reach
 * this code, which counts any that do.  Its SEF ping callback counts the
 * pings SEF answered for it, so a test can see that RS really pinged. */
#include <string.h>
#include <stdlib.h>
#include <sef.h>
#include "crashd.h"

static int mode_initfail, mode_inithang, mode_crashloop;
static uint32_t sef_pings;        /* pings SEF answered for us */

static void count_ping(endpoint_t rs)
{
    sef_pings++;
    sef_cb_ping_reply_pong(rs);
}

static int init_cb(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    if (mode_initfail)
        return EIO;
    while (mode_inithang)
        ;
    return OK;
}

int main(int argc, char **argv)
{
    message m;
    int pings = 0, served = 0;

    sef_setcb_init_fresh(init_cb);
    sef_setcb_init_restart(init_cb);
    sef_setcb_ping_reply(count_ping);
    for (int i = 1; i < argc; i++) {
        mode_initfail |= !strcmp(argv[i], "-initfail");
        mode_inithang |= !strcmp(argv[i], "-inithang");
        mode_crashloop |= !strcmp(argv[i], "-crashloop");
        if (!strcmp(argv[i], "-norestart"))
            sef_setcb_init_restart(sef_cb_init_restart_fail);
    }
    sef_startup();
    if (mode_crashloop)
        exit(4);
    for (endpoint_t to = NONE;;) {
        int r = to == NONE ? sef_receive(ANY, &m) : sef_reply_receive(to, &m, ANY);
        to = NONE;
        if (r != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            pings += m.m_source == RS_ENDPOINT;
            continue;
        }
        switch (m.m_type) {
        case CD_ECHO:
            served++;
            m.m_type = OK;
            m.m_u.m1.i1 = sef_init_info()->type;
            m.m_u.m1.i2 = sef_init_info()->restarts;
            m.m_u.m1.i3 = pings;
            m.m_u.m1.i4 = served;
            m.m_u.m1.p1 = sef_pings;
            to = m.m_source;        /* the reply goes with the next receive */
            break;
        case CD_CRASH:
            (void)*(volatile int *)0;
            break;
        case CD_EXIT:
            exit(3);
        case CD_HANG:
            for (;;)
                ;
        default:
            m.m_type = EBADREQUEST;
            to = m.m_source;
        }
    }
}
