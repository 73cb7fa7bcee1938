/* termios.c: the terminal's ioctls (lantern/chardev.h): termios get/set
 * (TCSETSW waits for nothing: output is written synchronously, so it is
 * drained when the request is answered), the foreground process group,
 * and TIOCSTI (one byte processed as if typed: the tty suite drives the
 * line discipline with it; only the driver's one client can ask).
 * A flag outside the supported subset is EINVAL; an unknown request is
 * ENOTTY; a bad grant is the safe copy's error. */
#include <string.h>
#include "tty.h"

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
