/* boot_trace.h: the boot as the kernel's trace ring saw it (boot_trace.c).
 * Needs a boot with trace=ipc,kcall and a caller that is a system process. */
#ifndef RS_TESTS_BOOT_TRACE_H
#define RS_TESTS_BOOT_TRACE_H

#include <sys.h>
#include <service.h>

#define BT_MAX_ALLOWED 16

struct boot_trace {
    endpoint_t allowed[BT_MAX_ALLOWED];   /* RS's PRIV_ALLOW targets, in order */
    uint64_t allowed_at[BT_MAX_ALLOWED];  /* their record indexes */
    int nallowed;
    int pm_ready;                         /* PM's RS_INIT answer was seen */
    uint64_t pm_ready_at;                 /* its record index */
    uint32_t scanned, torn;               /* records read; ones failing the seq check */
};

/* OK, E2BIG when the boot's records are no longer in the ring, or the error
 * of SYS_TRACECTL (ENOSYS: no ring). */
int boot_trace_read(struct boot_trace *bt);

#endif
