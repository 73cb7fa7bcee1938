/* trace.c: DS's own trace records, for the tracer's canned query
 * ds_activity (docs/ds.md, "Tracing").
 *
 * DS requests are ordinary IPC and already traced, but an IPC record holds
 * only the first two payload words, not the key.  So DS adds one MARK per
 * request (SYS_TRACECTL, open to every caller): tag DS_TRACE_TAG, a0 = the
 * caller's endpoint, a1 = the request type | (-result) << 16, text = the
 * key's first 16 characters.  MARKs are in the "user" category; to cost
 * nothing when it is off, DS asks the recorder's status every
 * STATUS_EVERY requests and marks only while the category is on (so a
 * category switched on at run time is seen within that many requests). */
#include "ds.h"

#define STATUS_EVERY 64

static uint32_t countdown, enabled;

void ds_trace(int type, endpoint_t caller, int result, const char *key)
{
    message st_m;
    if (countdown-- == 0) {
        countdown = STATUS_EVERY - 1;
        enabled = sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st_m) == OK &&
                  (st_m.m_u.m2.w1 & TC_USER);
    }
    if (enabled)
        sys_trace_mark(DS_TRACE_TAG, (uint32_t)caller,
                       (uint32_t)type | ((uint32_t)-result << 16), key);
}
