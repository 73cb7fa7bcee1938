/* ltest.h: the guest side of graded tests.
 *
 * A test program announces its plan, reports each test, and powers the
 * machine off.  Results go through SYS_TESTRESULT to the kernel, which frames
 * them with the run's nonce on the harness channel: printing cannot fake
 * them.  Usage:
 *
 *     ltest_plan("ipc", 12);
 *     LT_CHECK("ipc", "ordering", got == want, "got %d want %d", got, want);
 *     ltest_finish();           // reports TR_DONE and powers off
 *
 * Every plan owes a TR_DONE: the harness fails a program that ends without
 * one (it died, or stopped early).  A program that reports part of a suite
 * and then ends without powering off calls ltest_done() instead.
 */
#ifndef LIBSYS_LTEST_H
#define LIBSYS_LTEST_H

#include <stdint.h>

void ltest_plan(const char *suite, int planned);
void ltest_result(const char *suite, const char *test, int ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ltest_skip(const char *suite, const char *test, const char *why);
void ltest_bench(const char *metric, uint64_t value, const char *unit);
void ltest_bench_milli(const char *metric, uint64_t thousandths, const char *unit);
void ltest_done(void);                              /* TR_DONE, keep running */
void ltest_finish(void) __attribute__((noreturn));  /* TR_DONE, power off */
int ltest_failures(void);
/* Sort n samples in place, smallest first (benchmarks take v[n / 2] as the
 * median and v[0], v[n - 1] as _min and _max). */
void ltest_sort_u32(uint32_t *v, int n);
void ltest_sort_u64(uint64_t *v, int n);
/* Sort v[n] and report its median as metric, with metric_min and
 * metric_max (ltest_bench_milli: the values are thousandths). */
void ltest_bench_spread_milli(const char *metric, uint64_t *v, int n, const char *unit);

#define LT_CHECK(suite, test, cond, ...) \
    ltest_result(suite, test, (cond) ? 1 : 0, __VA_ARGS__)

#endif
