/* ldisc.c: the line discipline: typed bytes in (echo, erase, kill line,
 * end of file, interrupt), reads out of the input buffer, writes with
 * output processing (lantern/chardev.h's termios subset, docs/tty.md).
 *
 * Cooked mode (ICANON): a read waits for a whole line and returns at most
 * one; erase (VERASE, and both BS and DEL) removes the last byte of the
 * line being edited, kill (VKILL) the whole of it; VEOF hands over the
 * line without a newline, or, on an empty line, makes the next read return
 * 0.  Raw mode: every byte is readable at once; a read returns when
 * min(VMIN, count) bytes are there (VMIN 0: at once, maybe 0 bytes), or,
 * with VTIME, when the timer runs out (vtime.c).
 *
 * ISIG: VINTR/VQUIT drop the line being edited, echo ^C, and signal the
 * foreground group (SIGINT / SIGQUIT, sig.c: PM_KILL(-pgrp) through SENDA,
 * never waiting for PM); struct tty.sigs counts them. */
#include <string.h>
#include "tty.h"

#define CTRL(c) ((c) & 0x1f)
#define CHUNK   128

void ldisc_reset(struct tty *t)
{
    memset(&t->tio, 0, sizeof(t->tio));
    t->tio.c_iflag = LT_ICRNL;
    t->tio.c_oflag = LT_OPOST | LT_ONLCR;
    t->tio.c_lflag = LT_ISIG | LT_ICANON | LT_ECHO | LT_ECHOE;
    t->tio.c_cc[LT_VINTR] = CTRL('C');
    t->tio.c_cc[LT_VQUIT] = CTRL('\\');
    t->tio.c_cc[LT_VERASE] = 0x7f;
    t->tio.c_cc[LT_VKILL] = CTRL('U');
    t->tio.c_cc[LT_VEOF] = CTRL('D');
    t->tio.c_cc[LT_VSUSP] = CTRL('Z');
    t->tio.c_cc[LT_VMIN] = 1;
    t->len = t->avail = 0;
    t->eof = 0;
}

/* Output processing: \n becomes \r\n under OPOST|ONLCR. */
static void output(struct tty *t, const char *s, uint32_t n)
{
    int onlcr = (t->tio.c_oflag & (LT_OPOST | LT_ONLCR)) == (LT_OPOST | LT_ONLCR);
    uint32_t from = 0;
    for (uint32_t i = 0; onlcr && i < n; i++) {
        if (s[i] != '\n')
            continue;
        t->out(s + from, i - from);
        t->out("\r\n", 2);
        from = i + 1;
    }
    t->out(s + from, n - from);
}

void ldisc_echo(struct tty *t, const char *s, uint32_t n)
{
    if (t->tio.c_lflag & LT_ECHO)
        output(t, s, n);
}

/* Echo one typed byte: control bytes other than \n and \t as ^X. */
static void echo_char(struct tty *t, char c)
{
    char ctl[2] = { '^', (char)(c + '@') };
    if ((unsigned char)c < 0x20 && c != '\n' && c != '\t')
        ldisc_echo(t, ctl, 2);
    else
        ldisc_echo(t, &c, 1);
}

static void rubout(struct tty *t)
{
    if (t->len == t->avail)
        return;
    t->len--;
    if (t->tio.c_lflag & LT_ECHOE)
        ldisc_echo(t, "\b \b", 3);
}

static void interrupt(struct tty *t, char c)
{
    t->len = t->avail;           /* the line being edited is dropped */
    echo_char(t, c);
    ldisc_echo(t, "\n", 1);
    t->sigs++;
    tty_signal_group(t, c);      /* SIGINT / SIGQUIT to the foreground group */
}

/* Cooked mode's special bytes; 1 if c was one. */
static int special(struct tty *t, char c)
{
    const uint8_t *cc = t->tio.c_cc;
    if ((uint8_t)c == cc[LT_VERASE] || c == '\b' || c == 0x7f) {
        rubout(t);
        return 1;
    }
    if ((uint8_t)c == cc[LT_VKILL]) {
        while (t->len > t->avail)
            rubout(t);
        return 1;
    }
    if ((uint8_t)c != cc[LT_VEOF])
        return 0;
    if (t->len == t->avail)
        t->eof = 1;
    t->avail = t->len;
    return 1;
}

void ldisc_input(struct tty *t, char c)
{
    int canon = t->tio.c_lflag & LT_ICANON;
    if (c == '\r' && (t->tio.c_iflag & LT_ICRNL))
        c = '\n';
    if ((t->tio.c_lflag & LT_ISIG) && c &&
        ((uint8_t)c == t->tio.c_cc[LT_VINTR] || (uint8_t)c == t->tio.c_cc[LT_VQUIT])) {
        interrupt(t, c);
        return;
    }
    if (canon && special(t, c)) {
        ldisc_try_read(t);
        return;
    }
    /* keep one byte free for the \n that ends a full line */
    if (t->len + (canon && c != '\n' ? 1u : 0u) >= TTY_IN_MAX)
        return;
    t->in[t->len++] = c;
    echo_char(t, c);
    if (!canon || c == '\n')
        t->avail = t->len;
    if (!canon)
        vtime_arm(t);            /* VTIME: a byte restarts the timer */
    ldisc_try_read(t);
}

/* Bytes a read of count may take now; -1 if it must wait. */
static int ready(const struct tty *t, uint32_t count)
{
    uint32_t n = t->avail;
    if (t->tio.c_lflag & LT_ICANON) {
        for (uint32_t i = 0; i < t->avail; i++)
            if (t->in[i] == '\n') {
                n = i + 1;
                break;
            }
        n = n < count ? n : count;
        return n || t->eof ? (int)n : -1;
    }
    uint32_t vmin = t->tio.c_cc[LT_VMIN];
    uint32_t want = vmin < count ? vmin : count;
    if (want == 0 && t->tio.c_cc[LT_VTIME] && count)
        want = 1;                /* VMIN 0, VTIME > 0: a byte, or the timer (vtime.c) */
    n = n < count ? n : count;
    return n >= want || (t->rd.active && t->rd.expired) ? (int)n : -1;
}

/* Move n ready bytes into the grant; they leave the buffer only if the
 * copy worked (a bad grant loses nothing). */
static int deliver(struct tty *t, endpoint_t client, cp_grant_id_t g, uint32_t n)
{
    if (n == 0) {
        t->eof = 0;
        return 0;
    }
    int r = sys_safecopyto(client, g, 0, (vir_bytes)t->in, n);
    if (r != OK)
        return r;
    memmove(t->in, t->in + n, t->len - n);
    t->len -= n;
    t->avail -= n;
    return (int)n;
}

int ldisc_read(struct tty *t, endpoint_t client, const struct cdev_req *rq)
{
    if (rq->count > 0x7fffffffu)
        return EINVAL;
    if (t->rd.active)
        return EBUSY;            /* one reader per tty (VFS serialises them) */
    int n = rq->count ? ready(t, rq->count) : 0;
    if (n >= 0)
        return deliver(t, client, rq->grant, (uint32_t)n);
    if (rq->flags & CDEV_NONBLOCK)
        return EAGAIN;
    t->rd = (struct tty_read){ 1, client, rq->id, rq->grant, rq->count, 0, 0, 0 };
    vtime_arm(t);
    return EDONTREPLY;
}

void ldisc_try_read(struct tty *t)
{
    if (!t->rd.active)
        return;
    int n = ready(t, t->rd.count);
    if (n < 0)
        return;
    t->rd.active = 0;
    tty_finish(t->rd.client, t->rd.id, deliver(t, t->rd.client, t->rd.grant, (uint32_t)n));
}

int ldisc_cancel(struct tty *t, uint32_t id)
{
    if (!t->rd.active || t->rd.id != id)
        return EINVAL;
    t->rd.active = 0;
    return EINTR;
}

int ldisc_write(struct tty *t, endpoint_t client, const struct cdev_req *rq)
{
    static char buf[CHUNK];      /* static: a small driver stack (and 32-bit addresses on the host test) */
    uint32_t done = 0;
    if (rq->count > 0x7fffffffu)
        return EINVAL;
    while (done < rq->count) {
        uint32_t n = rq->count - done < CHUNK ? rq->count - done : CHUNK;
        int r = sys_safecopyfrom(client, rq->grant, done, (vir_bytes)buf, n);
        if (r != OK)
            return done ? (int)done : r;
        output(t, buf, n);
        done += n;
    }
    return (int)done;
}
