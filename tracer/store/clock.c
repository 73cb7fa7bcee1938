/* clock.c: trace timestamps to microseconds.
 *
 * Every record's ts is the guest's rdtsc; the control block says what that
 * counter means (clock_domain) and the kernel's PIT calibration of it
 * (tsc_khz, counter ticks per millisecond of PIT time).  The PIT runs on the
 * same (real or emulated) time base as the counter, so ticks / (khz / 1000)
 * is microseconds of that time base for every domain:
 *   tsc     QEMU TCG: the host's TSC, wall-clock time; error = the kernel's
 *           calibration error (one PIT-timed interval at boot, ~0.1 %);
 *   icount  qemu -icount shift=0: one instruction = 1 ns of virtual time,
 *           exact in guest time, unrelated to the wall clock;
 *   bochs   Bochs, clock: sync=none: one instruction = 1 / ips s of emulated
 *           time (image/bochsrc.in: ips=50000000, so 50 ticks per us).
 * Without a calibration (tsc_khz 0) icount and bochs fall back to those
 * nominal rates; a plain TSC has none and stays in ticks (0 returned).
 * The result goes into table `clock` (one row per run) at ingest, so SQL,
 * the UI and `stats` share one conversion. */
#include <stdio.h>
#include <lantern/trace_ring.h>
#include "store.h"

#define ICOUNT_TICKS_PER_US 1000.0   /* -icount shift=0 (image/Makefrag ICOUNT=1) */
#define BOCHS_TICKS_PER_US  50.0     /* ips=50000000 (image/bochsrc.in) */

double clock_ticks_per_us(uint32_t domain, uint32_t khz, char *basis, size_t cap)
{
    static const char *const what[] = {
        [TRACE_CLOCK_TSC] = "TSC (wall clock under TCG)",
        [TRACE_CLOCK_ICOUNT] = "icount (virtual time, 1 instruction = 1 ns)",
        [TRACE_CLOCK_BOCHS] = "Bochs ticks (emulated time, 1 instruction = 1/ips s)" };
    const char *w = domain <= TRACE_CLOCK_BOCHS ? what[domain] : "unknown clock";
    if (khz) {
        snprintf(basis, cap, "%s, calibrated %u kHz", w, khz);
        return khz / 1000.0;
    }
    double nominal = domain == TRACE_CLOCK_ICOUNT ? ICOUNT_TICKS_PER_US
                   : domain == TRACE_CLOCK_BOCHS ? BOCHS_TICKS_PER_US : 0;
    snprintf(basis, cap, nominal ? "%s, nominal rate (no calibration)"
                                 : "%s, no calibration: ticks only", w);
    return nominal;
}

/* µs for a tick count; negative ticks (clock went back) stay negative. */
double clock_us(int64_t ticks, double ticks_per_us)
{
    return ticks_per_us > 0 ? (double)ticks / ticks_per_us : 0;
}
