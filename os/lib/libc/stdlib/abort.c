/* abort.c: abnormal termination.
 *
 * abort() flushes what stdout already holds (useful context when
 * debugging), prints "abort" and exits with status 134 (128 + SIGABRT, as a
 * Unix shell would report it).  atexit() handlers do not run.  The
 * `aborting` flag stops a second abort (from inside the flush, say) from
 * recursing: it goes straight to the exit. */
#include <stdlib.h>
#include <string.h>
#include "../internal.h"

extern void _stdio_flushall(void) __attribute__((weak));

void abort(void)
{
    static int aborting;

    if (!aborting) {
        aborting = 1;
        if (_stdio_flushall)
            _stdio_flushall();
        _console_write("abort\n", 6);
    }
    _Exit(134);
}

void _libc_fatal(const char *msg)
{
    _console_write("libc: ", 6);
    _console_write(msg, strlen(msg));
    _console_write("\n", 1);
    abort();
}
