/* stubs.c: host replacements for the parts of libc that need the kernel.
 *
 * Only the portable sources are compiled for the host.  They reach the
 * kernel-dependent code through two functions, _libc_fatal() (heap
 * corruption) and abort(); here those jump back into the test that
 * expected them, or fail the test that did not. */
#include "lt_api.h"
#include <stdlib.h>

jmp_buf lt_fatal_jmp;
volatile int lt_expect_fatal;
const char *volatile lt_fatal_msg;

__attribute__((noreturn)) void lt_abort(void);
__attribute__((noreturn)) void lt__libc_fatal(const char *msg);

void lt_abort(void)
{
    lt__libc_fatal("abort");
}

void lt__libc_fatal(const char *msg)
{
    lt_fatal_msg = msg;
    if (lt_expect_fatal) {
        lt_expect_fatal = 0;
        longjmp(lt_fatal_jmp, 1);
    }
    lt_fail("unexpected libc fatal error: %s", msg);
    abort();                    /* not reached: lt_fail leaves the test */
}
