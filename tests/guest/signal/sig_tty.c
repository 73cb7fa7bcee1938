/* sig_tty.c: ^C from the console (suite signal). */
#include "sig.h"

void tty_tests(void)
{
}
