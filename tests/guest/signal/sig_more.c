/* sig_more.c: alarm, SIGCHLD, EINTR, SIGPIPE and process groups (suite
 * signal). */
#include "sig.h"

void more_tests(void)
{
}
