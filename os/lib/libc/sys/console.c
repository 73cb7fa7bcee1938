/* console.c: raw output to the kernel console with SYS_DIAGCTL/PRINT.
 *
 * The kernel prints at most DIAG_MAX bytes per call, so longer buffers are
 * sent in pieces, in order.  Nothing is buffered here (stdio does that). */
#include <lantern/types.h>    /* kcall.h uses uint32_t without including it */
#include <lantern/kcall.h>
#include <lantern/message.h>
#include <string.h>
#include "../internal.h"

#define DIAG_MAX 200      /* the kernel's limit for one DIAGCTL_PRINT */

int _console_write(const char *buf, size_t n)
{
    while (n > 0) {
        size_t chunk = n < DIAG_MAX ? n : DIAG_MAX;
        message m;
        int r;

        memset(&m, 0, sizeof(m));
        m.m_type = SYS_DIAGCTL;
        m.m_u.m1.i1 = DIAGCTL_PRINT;
        m.m_u.m1.i2 = (int32_t)chunk;
        m.m_u.m1.p1 = (uint32_t)(uintptr_t)buf;
        r = _kcall(&m);
        if (r < 0)
            return r;
        buf += chunk;
        n -= chunk;
    }
    return 0;
}
