/* boot_trace.c: what RS did during the boot, as the kernel recorded it.
 *
 * RS's own timestamps (rs_status: allowed_us, ready_us) are RS's claim about
 * itself; a bug that got the order wrong could get the timestamps wrong the
 * same way.  The kernel's trace ring is an independent witness: the run
 * boots with trace=ipc,kcall, so the ring holds, from the first instruction
 * of RS on, every kernel call and every message.  This file reads it back
 * (SYS_TRACECTL's TRACECTL_READ) and finds
 *   - RS's successful SYS_PRIVCTL(PRIV_ALLOW) calls, in order (KCALL
 *     records: a0 = the target, a1 = the request);
 *   - the first RS_INIT message from PM to RS, i.e. PM's init answer (any
 *     IPC record: src, dst, m_type).
 * Only records whose seq is their index count (trace-format.md). */
#include <string.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "boot_trace.h"

#define SCAN_MAX 20000      /* the boot takes a few hundred records */

static void take(struct boot_trace *bt, const struct trace_rec *rec, uint64_t index)
{
    const uint32_t *a = rec->a;
    if (rec->type == TEV_KCALL && (endpoint_t)a[0] == RS_ENDPOINT &&
        a[1] == SYS_PRIVCTL && (int)a[2] == OK && a[5] == PRIV_ALLOW &&
        bt->nallowed < BT_MAX_ALLOWED) {
        bt->allowed[bt->nallowed] = (endpoint_t)a[4];
        bt->allowed_at[bt->nallowed++] = index;
    }
    if (rec->type >= TEV_IPC_SEND && rec->type <= TEV_IPC_SENDA && !bt->pm_ready &&
        (endpoint_t)a[0] == PM_ENDPOINT && (endpoint_t)a[1] == RS_ENDPOINT &&
        a[2] == RS_INIT) {
        bt->pm_ready = 1;
        bt->pm_ready_at = index;
    }
}

int boot_trace_read(struct boot_trace *bt)
{
    static struct trace_rec buf[TRACECTL_READ_MAX];
    message st;
    int r;

    memset(bt, 0, sizeof(*bt));
    if ((r = sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st)) != OK)
        return r;
    uint64_t head = st.m_u.m2.t1;
    if (head > st.m_u.m2.w3 || head > SCAN_MAX)
        return E2BIG;                        /* the boot's records are gone */
    for (uint64_t i = 0; i < head; i += TRACECTL_READ_MAX) {
        uint32_t n = head - i < TRACECTL_READ_MAX ? (uint32_t)(head - i) : TRACECTL_READ_MAX;
        if ((r = sys_trace_read(i, n, buf)) != OK)
            return r;
        for (uint32_t k = 0; k < n; k++) {
            if (buf[k].seq == (uint32_t)(i + k))
                take(bt, &buf[k], i + k);
            else
                bt->torn++;
        }
        bt->scanned += n;
    }
    return OK;
}
