/* cmd_lantern.c: the commands' helpers that need Lantern: the switch that
 * puts their stdio on descriptors 0/1/2 (os/lib/libc/stdio/stdio.c reads
 * _stdio_on_fds: a program without it keeps stdio on the console), and the
 * clock rate.  The host build has its own (tests/host/sh/cmd_host.c). */
#include <string.h>
#include <sys.h>
#include <lantern/kcall.h>
#include "cmd.h"

const int _stdio_on_fds = 1;

/* The clock rate: SYS_TIMES answers it in m2.w4 (lantern/kcall.h). */
uint32_t cmd_hz(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    if (kernel_call(SYS_TIMES, &m) != OK || m.m_u.m2.w4 == 0)
        return 100;
    return m.m_u.m2.w4;
}
