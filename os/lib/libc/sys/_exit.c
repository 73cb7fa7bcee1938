/* _exit.c: _Exit() ends the calling process at once with SYS_EXIT.
 *
 * No handlers run and no buffer is flushed: that is exit()'s job.  The
 * kernel never returns from a successful SYS_EXIT on ourselves; if it ever
 * did, we spin rather than run off into garbage. */
#include <lantern/types.h>    /* kcall.h uses uint32_t without including it */
#include <lantern/endpoint.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include <stdlib.h>
#include <string.h>
#include "../internal.h"

void _Exit(int status)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = SYS_EXIT;
    m.m_u.m1.i1 = status;
    m.m_u.m1.i2 = SELF;
    _kcall(&m);
    for (;;)
        ;
}
