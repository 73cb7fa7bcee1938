/* echo.h: the protocol of echo, the small service of Lab 1
 * (labs/1-boot-rs/README.md).
 *
 * echo is a system service that RS starts at boot.  It answers one request,
 * and it admits RS, PM and user processes only: a system process that is
 * not on its IPC list is refused by the kernel (ECALLDENIED), not by echo.
 * The reply tells how echo was last initialised, as seen by its own SEF
 * callbacks, so a test can see that the restart callback really ran. */
#ifndef LANTERN_ECHO_H
#define LANTERN_ECHO_H

#define ECHO_RQ_BASE  0x1e00

/* ECHO_PING: m1.i1 = any value.  Reply m_type OK and
 *   m1.i1 = the same value,
 *   m1.i2 = which of echo's own init callbacks ran for this incarnation:
 *           ECHO_INIT_FRESH, ECHO_INIT_RESTART, or ECHO_INIT_NONE,
 *   m1.i3 = the restart count that callback was given,
 *   m1.i4 = ECHO_PING requests served by this incarnation, this one included.
 * Any other request: reply m_type EBADREQUEST. */
#define ECHO_PING     (ECHO_RQ_BASE + 0)

/* m1.i2 of the ECHO_PING reply.  (Not SEF_INIT_*: SEF_INIT_FRESH is 0, which
 * could not be told apart from "no callback ran".) */
#define ECHO_INIT_NONE     0
#define ECHO_INIT_FRESH    1
#define ECHO_INIT_RESTART  2

#endif
