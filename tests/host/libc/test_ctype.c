/* test_ctype.c: every class function over EOF and all 256 byte values,
 * against the host's ctype in the "C" locale (the tests never call
 * setlocale, so the host is in that locale: ASCII only, like ours). */
#include "lt_api.h"
#include <ctype.h>

static void test_ctype_all(void **state)
{
    (void)state;
    for (int c = -1; c < 256; c++) {
#define SAME(fn) lt_check(!!fn(c) == !!lt_##fn(c), #fn "(%d): %d, host %d", \
                          c, lt_##fn(c), fn(c))
        SAME(isdigit); SAME(isxdigit); SAME(isalpha); SAME(isalnum);
        SAME(isspace); SAME(isupper); SAME(islower); SAME(isprint);
        SAME(ispunct); SAME(iscntrl);
#undef SAME
        lt_check(toupper(c) == lt_toupper(c), "toupper(%d)", c);
        lt_check(tolower(c) == lt_tolower(c), "tolower(%d)", c);
    }
}

int run_ctype_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ctype_all),
    };
    return cmocka_run_group_tests_name("ctype", tests, NULL, NULL);
}
