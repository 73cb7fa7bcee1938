/* sef.h: the System Event Framework, the start-up and event protocol every
 * server, driver and system test program runs.
 *
 *   sef_setcb_init_fresh(my_init);     // optional callbacks first
 *   sef_startup();                     // before any other IPC
 *   for (;;) { sef_receive(ANY, &m); ... }
 *
 * or, for a server that answers at once, one trap per request:
 *
 *   sef_receive(ANY, &m);
 *   for (;;) { ...; to = m.m_source; (build the reply in m); sef_reply_receive(to, &m, ANY); }
 *
 * sef_startup() waits for RS's init request (RS_INIT), calls the callback for
 * its type (fresh start, restart after a crash, live update) and sends the
 * result back to RS.  A process that RS did not start (the child of another
 * process) runs its fresh callback at once.  sef_receive() answers RS's
 * heartbeat pings itself, so the caller never sees them.
 */
#ifndef LIBSYS_SEF_H
#define LIBSYS_SEF_H

#include <lantern/rs.h>
#include <sys.h>

typedef struct {
    int type;              /* SEF_INIT_FRESH, SEF_INIT_LU or SEF_INIT_RESTART */
    int pubtab_size;       /* entries in RS's public table (sef_pubtab_get) */
    int restarts;          /* how often RS restarted this service */
    int managed;           /* 1 if RS started us, 0 for a plain child */
    int32_t pubtab_gid;    /* read-only grant (to ANY) of RS's public table,
                              NR_RS_SERVICES struct rs_pub; -1 if none */
    int32_t store_gid;     /* DS only: RS's area for DS's store (read/write), or -1 */
    uint32_t store_bytes;  /* its size */
} sef_init_info_t;

typedef int (*sef_cb_init_t)(int type, const sef_init_info_t *info);
typedef void (*sef_cb_ping_t)(endpoint_t rs);

void sef_setcb_init_fresh(sef_cb_init_t cb);
void sef_setcb_init_lu(sef_cb_init_t cb);
void sef_setcb_init_restart(sef_cb_init_t cb);
void sef_setcb_ping_reply(sef_cb_ping_t cb);

/* Predefined callbacks. */
int  sef_cb_init_null(int type, const sef_init_info_t *info);          /* OK */
int  sef_cb_init_restart_fail(int type, const sef_init_info_t *info);  /* ENOSYS */
void sef_cb_ping_reply_pong(endpoint_t rs);                            /* notify RS */
void sef_cb_ping_reply_null(endpoint_t rs);                            /* ignore */

int sef_startup(void);                       /* the init callback's result */
int sef_receive(endpoint_t src, message *m); /* like ipc_receive, minus RS's pings */
/* Reply m to `to`, which waits in SENDREC for us, and receive the next
 * message into m, in one trap.  A reply that cannot go out (the caller died
 * or did not use SENDREC) is dropped, as a SENDNB reply would be, and the
 * receive happens anyway.  Returns as sef_receive(). */
int sef_reply_receive(endpoint_t to, message *m, endpoint_t src);
const sef_init_info_t *sef_init_info(void);  /* what the last init was */
/* Fault injection (RS_FAULT, lantern/rs.h): sef_receive() obeys a SEF_FAULT
 * from RS by calling sef_fail(kind): a wild write, an exit or an endless
 * loop; a SEF_FAULT from anyone else gets EPERM and is dropped. */
void sef_fail(int kind) __attribute__((noreturn));

#endif
