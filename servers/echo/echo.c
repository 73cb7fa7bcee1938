/* echo: the small system service of Lab 1 (labs/1-boot-rs/README.md).
 *
 * RS starts echo at boot from its line in servers/rs/table.c.  echo runs
 * SEF (fresh and restart init callbacks), then answers ECHO_PING requests
 * (lantern/echo.h) from whoever its IPC list admits: RS, PM and user
 * processes.  It keeps no state worth saving: after a crash or a refresh RS
 * starts a new process, SEF runs the restart callback, and echo records that
 * it was restarted, which every reply shows.
 *
 * Invariant: `seen_init` is written only by the init callbacks, before the
 * first request is read, so every reply of an incarnation carries the same
 * value. */
#include <string.h>
#include <stdio.h>
#include <sef.h>
#include <lantern/echo.h>

// LAB 1 BEGIN: the init callbacks and the request loop
static int seen_init = ECHO_INIT_NONE;   /* which callback ran (echo.h) */
static int seen_restarts;                /* the restart count it was given */
static int served;                       /* pings answered by this incarnation */

/* A fresh start: nothing to recover. */
static int init_fresh(int type, const sef_init_info_t *info)
{
    (void)type;
    seen_init = ECHO_INIT_FRESH;
    seen_restarts = info->restarts;
    return OK;
}

/* After a crash or a refresh: a new process, so nothing survived.  Say so
 * in every reply (a real service would rebuild its state here). */
static int init_restart(int type, const sef_init_info_t *info)
{
    (void)type;
    seen_init = ECHO_INIT_RESTART;
    seen_restarts = info->restarts;
    return OK;
}

/* Answer one request; the reply goes with sendnb, so a client that died
 * meanwhile cannot block echo. */
static void answer(message *m)
{
    endpoint_t who = m->m_source;
    int value = m->m_u.m1.i1;

    if (m->m_type != ECHO_PING) {
        memset(m, 0, sizeof(*m));
        m->m_type = EBADREQUEST;
    } else {
        memset(m, 0, sizeof(*m));
        m->m_type = OK;
        m->m_u.m1.i1 = value;
        m->m_u.m1.i2 = seen_init;
        m->m_u.m1.i3 = seen_restarts;
        m->m_u.m1.i4 = ++served;
    }
    ipc_sendnb(who, m);
}

int main(void)
{
    message m;

    sef_setcb_init_fresh(init_fresh);
    sef_setcb_init_restart(init_restart);
    sef_startup();
    printf("echo: up (%s)\n", seen_init == ECHO_INIT_RESTART ? "restarted" : "fresh");
    for (;;) {
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        answer(&m);
    }
}
// LAB 1 STUB
// /* LAB 1: register echo's init callbacks, start SEF, and answer
//  *  ECHO_PING requests (lantern/echo.h).  Until then echo only starts SEF
//  *  and ignores every request. */
// int main(void)
// {
//     message m;
//
//     sef_startup();
//     for (;;)
//         sef_receive(ANY, &m);
// }
// LAB 1 END
