/* test_strtol.c: the strtol family, atoi family, abs and rand.
 *
 * Hand-written edge cases (prefixes, empty input, overflow clamping, errno),
 * then many inputs compared with the host's strtol/strtoul/strtoll/strtoull:
 * value, end pointer, and whether ERANGE was reported must all agree.
 * Note: on the host `long` is 64 bits; the same code gives the 32-bit
 * results on i386 because it clamps with LONG_MAX from <limits.h>. */
#include "lt_api.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void test_strtol_edges(void **state)
{
    char *end;

    (void)state;
    lt_errno = 0;
    assert_int_equal(lt_strtol("  -123abc", &end, 10), -123);
    assert_string_equal(end, "abc");
    assert_int_equal(lt_strtol("+77", &end, 8), 077);
    assert_int_equal(lt_strtol("0x1F", &end, 0), 31);
    assert_string_equal(end, "");
    assert_int_equal(lt_strtol("0X1f", &end, 16), 31);
    assert_int_equal(lt_strtol("017", &end, 0), 15);
    assert_int_equal(lt_strtol("0", &end, 0), 0);
    assert_string_equal(end, "");
    assert_int_equal(lt_strtol("0x", &end, 0), 0);          /* "0", then 'x' */
    assert_string_equal(end, "x");
    assert_int_equal(lt_strtol("0xg", &end, 16), 0);
    assert_string_equal(end, "xg");
    assert_int_equal(lt_strtol("zz", &end, 36), 35 * 36 + 35);
    assert_int_equal(lt_strtol("1010", &end, 2), 10);
    assert_int_equal(lt_strtol("12", &end, 2), 1);
    assert_string_equal(end, "2");
    assert_int_equal(lt_errno, 0);

    const char *blank = "   ";
    assert_int_equal(lt_strtol(blank, &end, 10), 0);       /* no digits */
    assert_ptr_equal(end, blank);
    const char *sign = " -x";
    assert_int_equal(lt_strtol(sign, &end, 10), 0);
    assert_ptr_equal(end, sign);

    const char *s = "123";
    lt_errno = 0;
    assert_int_equal(lt_strtol(s, &end, 1), 0);            /* bad base */
    assert_int_equal(lt_errno, LT_EINVAL);
    assert_ptr_equal(end, s);
    lt_errno = 0;
    assert_int_equal(lt_strtol(s, &end, 37), 0);
    assert_int_equal(lt_errno, LT_EINVAL);
    assert_int_equal(lt_strtol(s, NULL, 10), 123);         /* end may be NULL */
}

static void test_strtol_overflow(void **state)
{
    char *end;

    (void)state;
    lt_errno = 0;
    assert_true(lt_strtol("9223372036854775807", &end, 10) == LONG_MAX);
    assert_int_equal(lt_errno, 0);
    assert_true(lt_strtol("-9223372036854775808", &end, 10) == LONG_MIN);
    assert_int_equal(lt_errno, 0);

    assert_true(lt_strtol("9223372036854775808", &end, 10) == LONG_MAX);
    assert_int_equal(lt_errno, LT_ERANGE);
    lt_errno = 0;
    assert_true(lt_strtol("-9223372036854775809xyz", &end, 10) == LONG_MIN);
    assert_int_equal(lt_errno, LT_ERANGE);
    assert_string_equal(end, "xyz");                       /* all digits eaten */

    lt_errno = 0;
    assert_true(lt_strtoull("18446744073709551615", &end, 10) == ULLONG_MAX);
    assert_int_equal(lt_errno, 0);
    assert_true(lt_strtoull("18446744073709551616", &end, 10) == ULLONG_MAX);
    assert_int_equal(lt_errno, LT_ERANGE);
    lt_errno = 0;
    assert_true(lt_strtoull("99999999999999999999999999", &end, 0) == ULLONG_MAX);
    assert_int_equal(lt_errno, LT_ERANGE);
    assert_string_equal(end, "");

    lt_errno = 0;
    assert_true(lt_strtoul("-1", &end, 10) == ULONG_MAX);   /* negated */
    assert_int_equal(lt_errno, 0);
    assert_true(lt_strtoull("-2", &end, 10) == ULLONG_MAX - 1);
    assert_true(lt_strtoll("-0x8000000000000000", &end, 0) == LLONG_MIN);
    assert_int_equal(lt_errno, 0);
    assert_true(lt_strtoll("0x8000000000000000", &end, 0) == LLONG_MAX);
    assert_int_equal(lt_errno, LT_ERANGE);
    lt_errno = 0;
    assert_true(lt_strtoull("1111111111111111111111111111111111111111111111111111111111111111",
                            &end, 2) == ULLONG_MAX);
    assert_int_equal(lt_errno, 0);
    assert_true(lt_strtoull("11111111111111111111111111111111111111111111111111111111111111111",
                            &end, 2) == ULLONG_MAX);
    assert_int_equal(lt_errno, LT_ERANGE);
}

/* Compare the four parsers with the host's on many inputs and bases. */
static void test_strtol_vs_host(void **state)
{
    static const char *inputs[] = {
        "0", "-0", "+0", "1", "-1", "  42", "\t\n-42z", "0x", "0x7f", "-0x7F",
        "0X", "077", "-077", "08", "0b101", "z", "Z9", "+", "-", "", " ",
        "2147483647", "2147483648", "-2147483648", "-2147483649",
        "4294967295", "4294967296", "-4294967295", "-4294967296",
        "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616",
        "-18446744073709551615", "-18446744073709551616",
        "7fffffffffffffff", "8000000000000000", "ffffffffffffffff",
        "10000000000000000", "zzzzzzzzzzzzz", "zzzzzzzzzzzzzz",
        "1y2", "  +0x1A2b3C4d5E6f", "000000000000000000000000000001",
    };
    static const int bases[] = { 0, 2, 8, 10, 16, 36 };
    int checked = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
            const char *s = inputs[i];
            int base = bases[b];
            char *he, *le;
            int herange, lerange;

#define COMPARE(host_fn, lt_fn, type, pf)                                   \
            do {                                                            \
                errno = 0;                                                  \
                lt_errno = 0;                                               \
                type hv = host_fn(s, &he, base);                            \
                herange = errno == ERANGE;                                  \
                type lv = lt_fn(s, &le, base);                              \
                lerange = lt_errno == LT_ERANGE;                            \
                lt_check(hv == lv && he == le && herange == lerange,        \
                         #lt_fn "(\"%s\", %d): got " pf " end+%td range %d;"\
                         " host " pf " end+%td range %d", s, base, lv,      \
                         le - s, lerange, hv, he - s, herange);             \
                checked++;                                                  \
            } while (0)
            COMPARE(strtol, lt_strtol, long, "%ld");
            COMPARE(strtoul, lt_strtoul, unsigned long, "%lu");
            COMPARE(strtoll, lt_strtoll, long long, "%lld");
            COMPARE(strtoull, lt_strtoull, unsigned long long, "%llu");
#undef COMPARE
        }
    assert_true(checked > 1000);
}

static void test_atoi_abs(void **state)
{
    (void)state;
    assert_int_equal(lt_atoi("  -17 apples"), -17);
    assert_int_equal(lt_atoi("x"), 0);
    assert_int_equal(lt_atol("123456"), 123456);
    assert_true(lt_atoll("-9000000000") == -9000000000LL);
    assert_int_equal(lt_abs(-5), 5);
    assert_int_equal(lt_abs(5), 5);
    assert_true(lt_labs(-5000000000L) == 5000000000L);
    assert_true(lt_llabs(-5000000000LL) == 5000000000LL);
}

static void test_rand(void **state)
{
    int first[16], seen_high = 0, seen_low = 0;

    (void)state;
    lt_srand(7);
    for (int i = 0; i < 16; i++)
        first[i] = lt_rand();
    lt_srand(7);                                    /* same seed, same run */
    for (int i = 0; i < 16; i++)
        assert_int_equal(lt_rand(), first[i]);
    lt_srand(8);
    assert_int_not_equal(lt_rand(), first[0]);
    lt_srand(0);                                    /* must not get stuck */
    for (int i = 0; i < 10000; i++) {
        int r = lt_rand();
        assert_true(r >= 0 && r <= LT_RAND_MAX);
        seen_high |= r > LT_RAND_MAX / 2;
        seen_low |= r < LT_RAND_MAX / 2;
    }
    assert_true(seen_high && seen_low);
}

int run_strtol_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strtol_edges),
        cmocka_unit_test(test_strtol_overflow),
        cmocka_unit_test(test_strtol_vs_host),
        cmocka_unit_test(test_atoi_abs),
        cmocka_unit_test(test_rand),
    };
    return cmocka_run_group_tests_name("strtol", tests, NULL, NULL);
}
