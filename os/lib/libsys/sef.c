/* sef.c: the SEF init protocol and the heartbeat answer (see sef.h). */
#include <string.h>
#include <sef.h>

static sef_cb_init_t cb_fresh = sef_cb_init_null;
static sef_cb_init_t cb_lu = sef_cb_init_null;
static sef_cb_init_t cb_restart = sef_cb_init_null;
static sef_cb_ping_t cb_ping = sef_cb_ping_reply_pong;
static sef_init_info_t last_info;
/* The init reply goes out with SENDA (RS may be busy sending to us); the
 * kernel reads the entry until it is delivered, so it must stay put. */
static asynmsg_t init_reply;

int sef_cb_init_null(int type, const sef_init_info_t *info) { (void)type; (void)info; return OK; }
int sef_cb_init_restart_fail(int type, const sef_init_info_t *info) { (void)type; (void)info; return ENOSYS; }
void sef_cb_ping_reply_pong(endpoint_t rs) { ipc_notify(rs); }
void sef_cb_ping_reply_null(endpoint_t rs) { (void)rs; }

static void set_cb(sef_cb_init_t *slot, sef_cb_init_t cb)
{
    if (!cb)
        sys_panic("sef: a NULL init callback was registered");
    *slot = cb;
}

void sef_setcb_init_fresh(sef_cb_init_t cb) { set_cb(&cb_fresh, cb); }
void sef_setcb_init_lu(sef_cb_init_t cb) { set_cb(&cb_lu, cb); }
void sef_setcb_init_restart(sef_cb_init_t cb) { set_cb(&cb_restart, cb); }
void sef_setcb_ping_reply(sef_cb_ping_t cb) { cb_ping = cb ? cb : sef_cb_ping_reply_null; }
const sef_init_info_t *sef_init_info(void) { return &last_info; }

/* Run the callback for RS's init request and tell RS the result. */
static int handle_init(const message *m)
{
    int r;

    last_info.type = m->m_u.m1.i1;
    last_info.pubtab_size = m->m_u.m1.i2;
    last_info.restarts = m->m_u.m1.i3;
    last_info.managed = 1;
    last_info.pubtab_gid = m->m_u.m1.i4;
    last_info.store_gid = (int32_t)m->m_u.m1.p1;
    last_info.store_bytes = m->m_u.m1.p2;
    switch (last_info.type) {
    case SEF_INIT_FRESH:   r = cb_fresh(last_info.type, &last_info); break;
    case SEF_INIT_LU:      r = cb_lu(last_info.type, &last_info); break;
    case SEF_INIT_RESTART: r = cb_restart(last_info.type, &last_info); break;
    default:               r = EINVAL;
    }
    message reply;
    memset(&reply, 0, sizeof(reply));
    reply.m_type = RS_INIT;
    reply.m_u.m1.i1 = r;
    memset(&init_reply, 0, sizeof(init_reply));
    init_reply.dst = RS_ENDPOINT;
    memcpy(init_reply.msg, &reply, sizeof(reply));
    init_reply.flags = AMF_VALID;
    if (ipc_senda(&init_reply, 1) != OK)
        sys_panic("sef: cannot answer RS's init request");
    return r;
}

int sef_startup(void)
{
    struct whoami_info me;
    message m;
    int r;

    if (sys_whoami(&me) != OK)
        sys_panic("sef: who am I?");
    if (me.endpoint == RS_ENDPOINT || (me.parent != NONE && me.parent != RS_ENDPOINT)) {
        /* RS initializes itself; a plain child has nobody to answer to. */
        memset(&last_info, 0, sizeof(last_info));
        last_info.pubtab_gid = last_info.store_gid = -1;
        if ((r = cb_fresh(SEF_INIT_FRESH, &last_info)) != OK && me.endpoint == RS_ENDPOINT)
            sys_panic("sef: RS failed to initialize");
        return r;
    }
    for (;;) {
        if ((r = ipc_receive(RS_ENDPOINT, &m)) != OK)
            sys_panic("sef: cannot receive the init request from RS");
        if (IS_NOTIFY(m.m_type))
            continue;                   /* a ping that overtook the request */
        if (m.m_type != RS_INIT)
            sys_panic("sef: the first message from RS is not an init request");
        return handle_init(&m);
    }
}

/* Fail the way RS ordered (SEF_FAULT, lantern/rs.h): the kinds of death
 * a kill storm injects.  RS uses it on itself. */
void sef_fail(int kind)
{
    if (kind == RS_FAULT_EXIT)
        sys_exit(RS_FAULT_EXIT_STATUS);
    while (kind == RS_FAULT_LOOP)
        ;
    *(volatile uint32_t *)0xfffff000u = 0xdead;   /* kernel space: a page fault */
    for (;;)
        ;
}

/* A SEF_FAULT from anyone but RS is refused with EPERM, and we go on. */
static void fault_order(const message *m)
{
    message reply;
    if (m->m_source == RS_ENDPOINT)
        sef_fail(m->m_u.m1.i1);
    memset(&reply, 0, sizeof(reply));
    reply.m_type = EPERM;
    ipc_sendnb(m->m_source, &reply);
}

/* Is m for SEF itself (RS's ping, a live-update init, a fault order)?
 * Then answer it. */
static int sef_consumes(const message *m)
{
    if (m->m_type == SEF_FAULT) {
        fault_order(m);
        return 1;
    }
    if (m->m_source == RS_ENDPOINT && IS_NOTIFY(m->m_type)) {
        cb_ping(RS_ENDPOINT);
        return 1;
    }
    if (m->m_source == RS_ENDPOINT && m->m_type == RS_INIT && last_info.managed) {
        handle_init(m);                 /* live update: RS re-initializes us */
        return 1;
    }
    return 0;
}

int sef_receive(endpoint_t src, message *m)
{
    for (;;) {
        int r = ipc_receive(src, m);
        if (r != OK || !sef_consumes(m))
            return r;
    }
}

/* One trap for the reply and the next receive (IPC_REPLY_RECV).  Its errors
 * say which part failed: ELOCKED and ESRCDIED come from the receive, after
 * the reply went out; any other error is the reply's, and then nothing was
 * received, so we receive on our own (as after a failed SENDNB reply). */
int sef_reply_receive(endpoint_t to, message *m, endpoint_t src)
{
    int r = ipc_reply_recv(to, m, src);
    if (r == OK && !sef_consumes(m))
        return OK;
    if (r == ELOCKED || r == ESRCDIED)
        return r;
    return sef_receive(src, m);
}
