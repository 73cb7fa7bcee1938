/* ltest.c: reporting test results to the harness (see ltest.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys.h>
#include <ltest.h>
#include <lantern/testproto.h>

static int failures, reported;
static char current_suite[32];

void ltest_plan(const char *suite, int planned)
{
    char buf[48];
    int n = snprintf(buf, sizeof(buf), "%s%c%d", suite, 0, planned);
    strncpy(current_suite, suite, sizeof(current_suite) - 1);
    sys_testresult(TR_PLAN, 0, buf, (uint32_t)n);
}

static void report(const char *suite, const char *test, int status, const char *reason)
{
    char buf[TR_MAX_PAYLOAD];
    int n = snprintf(buf, sizeof(buf), "%s/%s", suite, test);
    if (n >= (int)sizeof(buf) - 1)
        n = sizeof(buf) - 2;
    buf[n++] = 0;
    if (reason) {
        size_t len = strlen(reason);
        if (len > sizeof(buf) - (size_t)n)
            len = sizeof(buf) - (size_t)n;
        memcpy(buf + n, reason, len);
        n += (int)len;
    }
    sys_testresult(TR_RESULT, status, buf, (uint32_t)n);
    reported++;
}

void ltest_result(const char *suite, const char *test, int ok, const char *fmt, ...)
{
    char reason[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    if (!ok)
        failures++;
    printf("%s %s/%s%s%s\n", ok ? "pass" : "FAIL", suite, test, ok ? "" : ": ", ok ? "" : reason);
    report(suite, test, ok ? TR_OK : TR_FAIL, ok ? NULL : reason);
}

void ltest_skip(const char *suite, const char *test, const char *why)
{
    report(suite, test, TR_SKIP, why);
}

void ltest_bench(const char *metric, uint64_t value, const char *unit)
{
    char buf[96];
    int n = snprintf(buf, sizeof(buf), "%s%c%llu%c%s", metric, 0,
                     (unsigned long long)value, 0, unit);
    printf("bench %s = %llu %s\n", metric, (unsigned long long)value, unit);
    sys_testresult(TR_BENCH, 0, buf, (uint32_t)n);
}

/* value / 1000, printed with three decimals ("12.345"). */
void ltest_bench_milli(const char *metric, uint64_t thousandths, const char *unit)
{
    char buf[96];
    int n = snprintf(buf, sizeof(buf), "%s%c%llu.%03llu%c%s", metric, 0,
                     (unsigned long long)(thousandths / 1000),
                     (unsigned long long)(thousandths % 1000), 0, unit);
    printf("bench %s = %llu.%03llu %s\n", metric, (unsigned long long)(thousandths / 1000),
           (unsigned long long)(thousandths % 1000), unit);
    sys_testresult(TR_BENCH, 0, buf, (uint32_t)n);
}

int ltest_failures(void)
{
    return failures;
}

void ltest_done(void)
{
    sys_testresult(TR_DONE, failures ? 1 : 0, current_suite, (uint32_t)strlen(current_suite));
    fflush(stdout);
}

void ltest_finish(void)
{
    ltest_done();
    sys_shutdown(failures ? 1 : 0);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void ltest_sort_u32(uint32_t *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_u32);
}

void ltest_sort_u64(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_u64);
}

void ltest_bench_spread_milli(const char *metric, uint64_t *v, int n, const char *unit)
{
    char name[64];
    ltest_sort_u64(v, n);
    ltest_bench_milli(metric, v[n / 2], unit);
    snprintf(name, sizeof name, "%s_min", metric);
    ltest_bench_milli(name, v[0], unit);
    snprintf(name, sizeof name, "%s_max", metric);
    ltest_bench_milli(name, v[n - 1], unit);
}
