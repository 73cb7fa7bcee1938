/* vt.h: the vm suite's shared helpers (vt_common.c). */
#ifndef VT_H
#define VT_H

#include <string.h>
#include <sys.h>
#include <sef.h>
#include <service.h>
#include <ltest.h>
#include <vm.h>

#define S          "vm"
#define VT_DEADLINE 300             /* ticks (3 s) to wait for a child or a count */
#define VT_GO      0x7001           /* parent -> COW child: read / check */
#define VT_ANSWER  0x7002           /* COW child -> parent: mismatches in m1.i1 */
#define VT_GRANT   0x7003           /* granter child -> parent: grant id in m1.i1 */

uint32_t vt_free(void);             /* VM_INFO free frames, 0 on error */
/* Poll VM_INFO until the free count is `want` again (a deadline loop). */
int vt_no_leak(uint32_t want, uint32_t *got);
endpoint_t vt_spawn_user(const char *role);           /* NONE on failure */
int vt_wait_child(endpoint_t ep, int *status);        /* OK or ETIMEDOUT */
void vt_sleep_tick(void);
uint32_t vt_window(void);           /* this program's 16 MiB window */

void vt_trace_test(endpoint_t self);                  /* vt_trace.c */

/* the children's roles (vt_child.c) */
void vt_child(const char *role) __attribute__((noreturn));

#endif
