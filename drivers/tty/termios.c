/* termios.c: the terminal's ioctls (lantern/chardev.h): termios get/set
 * (TCSETSW waits for nothing: output is written synchronously, so it is
 * drained when the request is answered), the foreground process group,
 * and TIOCSTI (one byte processed as if typed: the tty suite drives the
 * line discipline with it; only the driver's one client can ask).
 * A flag outside the supported subset is EINVAL; an unknown request is
 * ENOTTY; a bad grant is the safe copy's error. */
#include <string.h>
#include "tty.h"

/* Back to cooked mode: bytes typed ahead in raw mode and not read yet go
 * through the line discipline again, as if typed now (echo, erase, ^C to
 * the group in the foreground now, ^D).  Why: a shell edits its line in
 * raw mode, and what the user typed after Enter belongs to the program
 * it starts (`sleep 30` Enter ^C must interrupt sleep, `cat` Enter abc
 * Enter ^D must end cat), not to the editor's raw queue. */
static void retype(struct tty *t)
{
    char pending[TTY_IN_MAX];
    uint32_t n = t->len;
    memcpy(pending, t->in, n);
    t->len = t->avail = 0;
    for (uint32_t i = 0; i < n; i++)
        ldisc_input(t, pending[i]);
}

static int set_termios(struct tty *t, endpoint_t client, cp_grant_id_t g)
{
    struct lt_termios tio;
    int r = sys_safecopyfrom(client, g, 0, (vir_bytes)&tio, sizeof(tio));
    if (r != OK)
        return r;
    if ((tio.c_iflag & ~LT_IFLAGS) || (tio.c_oflag & ~LT_OFLAGS) ||
        (tio.c_lflag & ~LT_LFLAGS) || tio.c_cflag)
        return EINVAL;
    int was_canon = t->tio.c_lflag & LT_ICANON;
    t->tio = tio;
    if (was_canon && !(tio.c_lflag & LT_ICANON))
        t->avail = t->len;       /* raw: the half-typed line is readable */
    if (!was_canon && (tio.c_lflag & LT_ICANON))
        retype(t);
    ldisc_try_read(t);
    return OK;
}

static int set_pgrp(struct tty *t, endpoint_t client, cp_grant_id_t g)
{
    int32_t pgrp;
    int r = sys_safecopyfrom(client, g, 0, (vir_bytes)&pgrp, sizeof(pgrp));
    if (r != OK)
        return r;
    if (pgrp <= 0)
        return EINVAL;
    t->pgrp = pgrp;
    return OK;
}

static int inject(struct tty *t, endpoint_t client, cp_grant_id_t g)
{
    char c;
    int r = sys_safecopyfrom(client, g, 0, (vir_bytes)&c, 1);
    if (r == OK)
        ldisc_input(t, c);
    return r;
}

int tty_ioctl(struct tty *t, endpoint_t client, const struct cdev_req *rq)
{
    switch (rq->request) {
    case TCGETS:
        return sys_safecopyto(client, rq->grant, 0, (vir_bytes)&t->tio, sizeof(t->tio));
    case TCSETS:
    case TCSETSW:
        return set_termios(t, client, rq->grant);
    case TIOCGPGRP:
        return sys_safecopyto(client, rq->grant, 0, (vir_bytes)&t->pgrp, sizeof(t->pgrp));
    case TIOCSPGRP:
        return set_pgrp(t, client, rq->grant);
    case TIOCSTI:
        return inject(t, client, rq->grant);
    }
    return ENOTTY;
}
