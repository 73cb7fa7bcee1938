/* drv_kill: the drivers suite's killer.  An admin service (SF_ADMIN in RS's
 * table): on DK_KILL it replies at once, waits the request's delay, then
 * has RS kill and restart the label (RS_REFRESH), so the kill lands while
 * drv_test is busy writing (dt_kill.c).  Only drv_test's requests are
 * honoured (by the sender's label), so no other process can use it to kill
 * services; RS checks that drv_kill itself may. */
#include <string.h>
#include "dt.h"

static int from_drv_test(endpoint_t src)
{
    endpoint_t ep;
    return rs_lookup("drv_test", &ep) == OK && ep == src;
}

int main(void)
{
    message m;
    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        struct dk_req rq;
        memcpy(&rq, m.m_u.m_u8, sizeof(rq));
        rq.label[LABEL_MAX - 1] = 0;
        endpoint_t src = m.m_source;
        int ok = m.m_type == DK_KILL && from_drv_test(src);
        memset(&m, 0, sizeof(m));
        m.m_type = ok ? OK : EPERM;
        ipc_send(src, &m);
        if (!ok)
            continue;
        dt_sleep(rq.delay);
        rs_refresh(rq.label);
    }
}
