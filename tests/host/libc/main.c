/* main.c: runs every libc test group.  Output is TAP (the Makefrag turns it
 * into "ok - libc/<test>" lines); stdout is unbuffered so cmocka's stdout
 * and stderr messages interleave in the order they happened. */
#include "lt_api.h"

int main(void)
{
    int failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    cmocka_set_message_output(CM_OUTPUT_TAP);
    failed += run_string_tests();
    failed += run_printf_tests();
    failed += run_strtol_tests();
    failed += run_sort_tests();
    failed += run_malloc_tests();
    failed += run_ctype_tests();
    failed += run_regex_tests();
    return failed != 0;
}
