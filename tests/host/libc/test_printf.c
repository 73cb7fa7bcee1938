/* test_printf.c: the printf engine (through lt_snprintf).
 *
 * 1. A table of formats with the exact output expected (written by hand,
 *    independent of any other printf).
 * 2. A grid of flags x width x precision x conversion x value compared with
 *    the host's snprintf, which follows the same C standard for integers.
 * 3. Truncation and return-value rules of snprintf. */
#include "lt_api.h"
#include <string.h>
#include <limits.h>

/* One table case: format through lt_snprintf, compare, count failures. */
static int table_failures;
static char first_failure[400];

#define T(want, ...) check_case(__LINE__, want, __VA_ARGS__)

__attribute__((format(printf, 3, 4)))
static void check_case(int line, const char *want, const char *fmt, ...)
{
    char got[256];
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = lt_vsnprintf(got, sizeof(got), fmt, ap);
    va_end(ap);
    if (strcmp(got, want) != 0 || r != (int)strlen(want)) {
        if (table_failures++ == 0)
            snprintf(first_failure, sizeof(first_failure),
                     "line %d: format \"%s\": got \"%s\" (ret %d), want \"%s\"",
                     line, fmt, got, r, want);
    }
}

static void test_format_table(void **state)
{
    int ncases = 0;

    (void)state;
    table_failures = 0;
#define C(...) (ncases++, T(__VA_ARGS__))
    /* Some cases are legal but odd on purpose (ignored flags, NULL %s). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
    C("hello", "hello");
    C("", "%s", "");
    C("100%", "100%%");
    C("42", "%d", 42);
    C("-42", "%i", -42);
    C("0", "%d", 0);
    C("-2147483648", "%d", INT_MIN);
    C("2147483647", "%d", INT_MAX);
    C("4294967295", "%u", UINT_MAX);
    C("ff", "%x", 255);
    C("FF", "%X", 255);
    C("777", "%o", 0777);
    C("0xff", "%#x", 255);
    C("0XFF", "%#X", 255);
    C("0", "%#x", 0);
    C("0777", "%#o", 0777);
    C("0", "%#o", 0);
    C("[   42]", "[%5d]", 42);
    C("[42   ]", "[%-5d]", 42);
    C("[00042]", "[%05d]", 42);
    C("[-0042]", "[%05d]", -42);
    C("[+42]", "[%+d]", 42);
    C("[ 42]", "[% d]", 42);
    C("[+42]", "[%+ d]", 42);                   /* '+' wins over ' ' */
    C("[42   ]", "[%-05d]", 42);                /* '-' wins over '0' */
    C("[  042]", "[%05.3d]", 42);               /* precision disables '0' */
    C("[00042]", "[%.5d]", 42);
    C("[-00042]", "[%.5d]", -42);
    C("[]", "[%.0d]", 0);                       /* no digits for 0 */
    C("[  ]", "[%2.0d]", 0);
    C("[0x002a]", "[%#06x]", 42);
    C("[  0x2a]", "[%#6x]", 42);
    C("[0x0002a]", "[%#.5x]", 42);
    C("[   42]", "[%*d]", 5, 42);
    C("[42   ]", "[%*d]", -5, 42);              /* negative width: left */
    C("[00042]", "[%.*d]", 5, 42);
    C("[42]", "[%.*d]", -3, 42);                /* negative precision: none */
    C("[     00042]", "[%*.*d]", 10, 5, 42);
    C("[x]", "[%c]", 'x');
    C("[  x]", "[%3c]", 'x');
    C("[x  ]", "[%-3c]", 'x');
    C("[abc]", "[%s]", "abc");
    C("[  abc]", "[%5s]", "abc");
    C("[abc  ]", "[%-5s]", "abc");
    C("[ab]", "[%.2s]", "abc");
    C("[   ab]", "[%5.2s]", "abc");
    C("[ab]", "[%.*s]", 2, "abcdef");
    C("[(null)]", "[%s]", (char *)NULL);
    C("[0x1234]", "[%p]", (void *)0x1234);
    C("[0x0]", "[%p]", (void *)0);
    C("[  0x10]", "[%6p]", (void *)0x10);
    C("[-1]", "[%hhd]", 255);                   /* truncated to signed char */
    C("[255]", "[%hhu]", -1);
    C("[-1]", "[%hd]", 65535);
    C("[65535]", "[%hu]", -1);
    C("[-9223372036854775808]", "[%lld]", LLONG_MIN);
    C("[18446744073709551615]", "[%llu]", ULLONG_MAX);
    C("[ffffffffffffffff]", "[%llx]", ULLONG_MAX);
    C("[1777777777777777777777]", "[%llo]", ULLONG_MAX);
    C("[-1]", "[%ld]", -1L);
    C("[123]", "[%zu]", (size_t)123);
    C("[-5]", "[%zd]", (ptrdiff_t)-5);
    C("[-7]", "[%td]", (ptrdiff_t)-7);
    C("[77]", "[%jd]", (intmax_t)77);
    C("[4294967296]", "[%ju]", (uintmax_t)4294967296ULL);
    C("a1b2c", "a%db%dc", 1, 2);
    C("[%]", "[%%]");
    C("[%q]", "[%q]");                          /* unknown: copied as is */
    C("[%", "[%");                              /* '%' at the end */
#pragma GCC diagnostic pop
#undef C
    lt_check(ncases >= 40, "only %d table cases", ncases);
    lt_check(table_failures == 0, "%d of %d cases failed; first: %s",
             table_failures, ncases, first_failure);
}

/* Every combination of flags, width, precision and conversion against the
 * host's snprintf. */
static void test_format_vs_host(void **state)
{
    static const char *flags[] = { "", "-", "0", "+", " ", "#", "-+", "0#",
                                   "+ ", "-#0", "0+" };
    static const char *widths[] = { "", "1", "6", "23" };
    static const char *precs[] = { "", ".", ".0", ".1", ".4", ".12" };
    static const char convs[] = "diuxXo";
    static const long long values[] = { 0, 1, -1, 7, 42, -42, 255, 4096,
                                        -123456789, 2147483647,
                                        -2147483647 - 1, 0x7fffffffffffffffLL,
                                        -0x7fffffffffffffffLL - 1 };
    char fmt[32], want[128], got[128];
    int checked = 0;

    (void)state;
    for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
    for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
    for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
    for (size_t c = 0; c < sizeof(convs) - 1; c++)
    for (int len = 0; len < 2; len++)
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
        int rw, rg;

        snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flags[f], widths[w],
                 precs[p], len ? "ll" : "", convs[c]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        if (len) {
            rw = snprintf(want, sizeof(want), fmt, values[v]);
            rg = lt_snprintf(got, sizeof(got), fmt, values[v]);
        } else {
            rw = snprintf(want, sizeof(want), fmt, (int)values[v]);
            rg = lt_snprintf(got, sizeof(got), fmt, (int)values[v]);
        }
#pragma GCC diagnostic pop
        lt_check(rw == rg && strcmp(want, got) == 0,
                 "format \"%s\" value %lld: got \"%s\" (%d), host \"%s\" (%d)",
                 fmt, values[v], got, rg, want, rw);
        checked++;
    }
    assert_true(checked > 10000);
}

static void test_snprintf_truncation(void **state)
{
    char buf[8];

    (void)state;
    memset(buf, 'X', sizeof(buf));
    assert_int_equal(lt_snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
    assert_string_equal(buf, "0123456");                /* 7 chars + NUL */

    memset(buf, 'X', sizeof(buf));
    assert_int_equal(lt_snprintf(buf, 1, "abc"), 3);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'X');

    memset(buf, 'X', sizeof(buf));
    assert_int_equal(lt_snprintf(buf, 0, "abc%d", 12), 5);
    assert_int_equal(buf[0], 'X');                      /* size 0: untouched */
    assert_int_equal(lt_snprintf(NULL, 0, "%08d", 1), 8);

    /* Truncation in the middle of padding and of a number. */
    assert_int_equal(lt_snprintf(buf, 5, "%10d", 7), 10);
    assert_string_equal(buf, "    ");
    assert_int_equal(lt_snprintf(buf, 4, "%d", 123456), 6);
    assert_string_equal(buf, "123");

    /* A long output through the padding path. */
    char big[300];
    assert_int_equal(lt_snprintf(big, sizeof(big), "%-250d|", 1), 251);
    assert_int_equal(big[0], '1');
    assert_int_equal(big[249], ' ');
    assert_int_equal(big[250], '|');
    assert_int_equal(lt_strlen(big), 251);

    char s[32];
    assert_int_equal(lt_sprintf(s, "%s=%d", "x", 5), 3);
    assert_string_equal(s, "x=5");
}

int run_printf_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_table),
        cmocka_unit_test(test_format_vs_host),
        cmocka_unit_test(test_snprintf_truncation),
    };
    return cmocka_run_group_tests_name("printf", tests, NULL, NULL);
}
