/* sig.c: ^C and ^\ as signals to the foreground process group
 * (docs/signals.md, docs/tty.md).
 *
 * The driver tells PM with PM_KILL(-pgrp, SIGINT or SIGQUIT) through SENDA:
 * the kernel hands the message to PM whenever PM next receives, and the
 * driver never waits.  It must not: PM may be waiting for VFS, which may
 * be waiting for this driver.  PM's answer finds nobody waiting and is
 * dropped.  TTY_SIG_SLOTS signals can be on their way at once; one more
 * while all are undelivered is lost (counted in struct tty.sigs_lost).
 * PM needs no special rule for the driver: the foreground group's members
 * are user processes, which anyone may signal (docs/signals.md). */
#include <string.h>
#include <lantern/pm.h>
#include <lantern/signal.h>
#include "tty.h"

#define TTY_SIG_SLOTS 4

static asynmsg_t sigtab[TTY_SIG_SLOTS];

static asynmsg_t *free_slot(void)
{
    for (int i = 0; i < TTY_SIG_SLOTS; i++)
        if (!(sigtab[i].flags & AMF_VALID) || (sigtab[i].flags & AMF_DONE))
            return &sigtab[i];
    return NULL;
}

void tty_signal_group(struct tty *t, char c)
{
    message m;
    asynmsg_t *e;

    if (t->pgrp <= 0)
        return;                         /* no foreground group: nothing to signal */
    if (!(e = free_slot())) {
        t->sigs_lost++;
        return;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = PM_KILL;
    m.m_u.m1.i1 = -t->pgrp;
    m.m_u.m1.i2 = (uint8_t)c == t->tio.c_cc[LT_VQUIT] ? LT_SIGQUIT : LT_SIGINT;
    e->flags = AMF_EMPTY;               /* never half a message */
    memset(e, 0, sizeof(*e));
    e->dst = PM_ENDPOINT;
    memcpy(e->msg, &m, sizeof(m));
    e->flags = AMF_VALID;
    if (ipc_senda(sigtab, TTY_SIG_SLOTS) != OK)
        t->sigs_lost++;
}
