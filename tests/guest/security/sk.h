/* sk.h: the pieces of security_kernel, the `security/kernel` run.
 *
 * security_kernel is a boot service with narrow rights (servers/rs/table.c:
 * billable and preemptible, a few kernel calls, I/O 0x100-0x1ff, memory
 * 0x200000-0x2fffff, IRQ 5).  It checks the kernel's limits on what a parent
 * that is not RS may hand down (sk_privctl.c), the SENDA table checks
 * (sk_senda.c) and endpoint and kernel-call numbers near the ends of int
 * (sk_overflow.c).  Copies of itself, spawned with a role (the spawn
 * argument), play the children. */
#ifndef SK_H
#define SK_H

#include <sys.h>
#include <sef.h>
#include <service.h>
#include <ltest.h>

#define S "security"

/* Roles of spawned copies (SYS_SPAWN argument); 0 = the boot instance. */
#define SK_ROLE_IDLE      1     /* a privctl target: exits as soon as it runs */
#define SK_ROLE_PROBE     2     /* tries IPC, reports to its parent, exits */
#define SK_ROLE_RECEIVER  3     /* SENDA receiver: acknowledges every message */

/* Messages between the boot instance and its children. */
#define SK_PROBE_REPORT   0x5301    /* m1.i1..i3: the probe's results */
#define SK_ACK            0x5302    /* m1.i1 = m_type received, m1.i2 = its m1.i1 */

/* security_kernel.c */
endpoint_t sk_spawn(int role);                  /* without privileges; NONE on error */
int sk_priv_bit(const struct priv_info *pi, int id);

/* The test groups and the children's roles. */
void sk_privctl_tests(void);
void sk_probe_role(endpoint_t parent);
void sk_senda_tests(void);
void sk_receiver_role(endpoint_t parent);
void sk_overflow_tests(void);

#define SK_TESTS 11                               /* results the run reports */

#endif
