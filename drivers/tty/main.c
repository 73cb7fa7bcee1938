/* main.c: the tty driver's main loop: SEF, the caller check, dispatch of
 * the character-device protocol (lantern/chardev.h), the queue of finished
 * pending requests (CDEV_STATUS), and the IRQ notifications.
 *
 * Its client: the one label the driver answers: `tty.client=<label>` on
 * the kernel command line, else the boot argument `tty:<label>`, else vfs
 * (the tty suite's protocol run names its test).  The
 * client's endpoint is asked of RS by label, again after a mismatch (the
 * client may have been restarted); anyone else gets EPERM.
 *
 * Restart: the driver starts clean (serial re-initialised, empty input,
 * default termios); a pending read dies with the old incarnation, and the
 * client sees the driver's death and retries (docs/tty.md). */
#include <string.h>
#include <stdio.h>
#include <service.h>
#include <sys.h>
#include <devio_calls.h>
#include "tty.h"

static struct tty serial_tty;
static const char *client_label = "vfs";
static endpoint_t client_ep = NONE;

/* Finished pending requests: a ring of (client, id, result). */
static struct { endpoint_t client; uint32_t id; int result; } done[TTY_DONE_MAX];
static uint32_t done_head, done_n;

struct tty *tty_of(int minor)
{
    if (minor == TTY_MINOR_CONSOLE || minor == TTY_MINOR_COM1)
        return &serial_tty;
    return NULL;                /* VGA consoles: not yet (ENXIO) */
}

/* Queue the result and wake the client; the ring never overflows because
 * each tty has one pending read and there is one tty (TTY_DONE_MAX > 1). */
void tty_finish(endpoint_t client, uint32_t id, int result)
{
    uint32_t i = (done_head + done_n) % TTY_DONE_MAX;
    if (done_n == TTY_DONE_MAX)
        return;
    done[i].client = client;
    done[i].id = id;
    done[i].result = result;
    done_n++;
    ipc_notify(client);
}

/* Remove the k-th oldest entry, keeping the order of the others. */
static void drop_done(uint32_t k)
{
    for (; k + 1 < done_n; k++)
        done[(done_head + k) % TTY_DONE_MAX] = done[(done_head + k + 1) % TTY_DONE_MAX];
    done_n--;
}

/* CDEV_STATUS: the oldest finished request of this client (*id, *state). */
static int take_done(endpoint_t client, uint32_t *id, uint32_t *state)
{
    for (uint32_t k = 0; k < done_n; k++) {
        uint32_t i = (done_head + k) % TTY_DONE_MAX;
        if (done[i].client != client)
            continue;
        *id = done[i].id;
        *state = CDEV_DONE;
        int r = done[i].result;
        drop_done(k);
        return r;
    }
    *state = CDEV_NONE;
    return OK;
}

/* CDEV_CANCEL: a request that finished meanwhile hands back its result
 * (its bytes were already copied: nothing is lost); a pending one ends
 * with EINTR; an unknown id is EINVAL. */
static int cancel(endpoint_t client, struct tty *t, uint32_t target)
{
    for (uint32_t k = 0; k < done_n; k++) {
        uint32_t i = (done_head + k) % TTY_DONE_MAX;
        if (done[i].client != client || done[i].id != target)
            continue;
        int r = done[i].result;
        drop_done(k);
        return r;
    }
    return ldisc_cancel(t, target);
}

static int from_client(endpoint_t who)
{
    if (who == client_ep && who != NONE)
        return 1;
    return rs_lookup(client_label, &client_ep) == OK && who == client_ep;
}

static int dispatch(const message *m, uint32_t *id, uint32_t *state)
{
    struct cdev_req rq;
    memcpy(&rq, m->m_u.m_u8, sizeof(rq));
    *id = rq.id;
    *state = CDEV_DONE;
    if (m->m_type == CDEV_STATUS)
        return take_done(m->m_source, id, state);
    if (m->m_type < CDEV_OPEN || m->m_type > CDEV_CANCEL)
        return EBADREQUEST;
    struct tty *t = tty_of(rq.minor);
    if (!t)
        return ENXIO;
    switch (m->m_type) {
    case CDEV_OPEN:
    case CDEV_CLOSE:  return OK;
    case CDEV_READ:   return ldisc_read(t, m->m_source, &rq);
    case CDEV_WRITE:  return ldisc_write(t, m->m_source, &rq);
    case CDEV_IOCTL:  return tty_ioctl(t, m->m_source, &rq);
    }
    return cancel(m->m_source, t, rq.target);
}

/* One reply per request: m_type = result, u32[0] = id, u32[1] = state. */
static void serve(message *m)
{
    endpoint_t who = m->m_source;
    uint32_t id = ((const struct cdev_req *)m->m_u.m_u8)->id, state = CDEV_DONE;
    int r = from_client(who) ? dispatch(m, &id, &state) : EPERM;
    if (r == EDONTREPLY) {              /* the read waits: say so */
        r = OK;
        state = CDEV_PENDING;
    }
    memset(m, 0, sizeof(*m));
    m->m_type = r;
    m->m_u.m_u32[0] = id;
    m->m_u.m_u32[1] = state;
    ipc_sendnb(who, m);                 /* a client not waiting loses only this reply */
}

/* The client's label: `tty.client=<label>` on the kernel command line
 * (the same for every incarnation, and ISO boots have no module
 * arguments), else the boot argument, else VFS. */
static void find_client_label(void)
{
    static char label[LABEL_MAX];
    struct kinfo k;
    const char *s;
    if (sys_kinfo(&k) != OK || !(s = strstr(k.cmdline, "tty.client=")))
        return;
    s += strlen("tty.client=");
    uint32_t n = 0;
    while (n + 1 < sizeof(label) && s[n] && s[n] != ' ')
        label[n] = s[n], n++;
    label[n] = 0;
    client_label = label;
}

static int init_cb(int type, const sef_init_info_t *info)
{
    (void)info;
    (void)type;
    struct kinfo k;
    find_client_label();
    vtime_init(sys_kinfo(&k) == OK ? k.hz : 100);
    client_ep = NONE;
    memset(&serial_tty, 0, sizeof(serial_tty));
    done_n = 0;
    serial_tty.out = serial_out;
    ldisc_reset(&serial_tty);
    return serial_init();
}

int main(int argc, char **argv)
{
    message m;
    if (argc > 1 && argv[1][0])
        client_label = argv[1];
    sef_setcb_init_fresh(init_cb);
    sef_setcb_init_restart(init_cb);
    sef_setcb_init_lu(init_cb);
    if (sef_startup() != OK)
        sys_exit(1);
    for (;;) {
        if (sef_receive(ANY, &m) != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            if (m.m_source == HARDWARE)
                serial_irq();
            else if (m.m_source == CLOCK)
                vtime_expire(&serial_tty);      /* VTIME's alarm */
            continue;
        }
        serve(&m);
    }
}
