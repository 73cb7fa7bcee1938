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
 * The terminals: the console (minors 0, 1 and 5: COM1 and virtual console
 * 1 are one terminal) and virtual consoles 2-4 (minors 2-4, vga.c).
 *
 * Restart: the line disciplines start clean (serial re-initialised, empty
 * input, default termios); the screens survive in VGA memory (vga.c); a
 * pending read dies with the old incarnation, and the client sees the
 * driver's death and retries (docs/tty.md). */
#include <string.h>
#include <stdio.h>
#include <service.h>
#include <sys.h>
#include <devio_calls.h>
#include "tty.h"

static struct tty console_tty;           /* minors 0, 1, 5: COM1 + VC 1 */
static struct tty vc_tty[VC_COUNT - 1];  /* minors 2-4: VCs 2-4 */
static const char *client_label = "vfs";
static endpoint_t client_ep = NONE;

/* Finished pending requests: a ring of (client, id, result). */
static struct { endpoint_t client; uint32_t id; int result; } done[TTY_DONE_MAX];
static uint32_t done_head, done_n;

struct tty *tty_of(int minor)
{
    if (minor == TTY_MINOR_CONSOLE || minor == TTY_MINOR_COM1)
        return &console_tty;
    if (minor < TTY_MINOR_VC1 || minor >= TTY_MINOR_VC1 + VC_COUNT || vga_visible() < 0)
        return NULL;            /* no screen: ENXIO */
    return minor == TTY_MINOR_VC1 ? &console_tty : &vc_tty[minor - TTY_MINOR_VC1 - 1];
}

struct tty *tty_of_vc(int n)
{
    return n >= 0 && n < VC_COUNT ? tty_of(TTY_MINOR_VC1 + n) : NULL;
}

/* The console's output goes to COM1 and to VC 1 (docs/tty.md). */
static void console_out(const char *s, uint32_t n)
{
    serial_out(s, n);
    vga_write(0, s, n);
}

static void vc2_out(const char *s, uint32_t n) { vga_write(1, s, n); }
static void vc3_out(const char *s, uint32_t n) { vga_write(2, s, n); }
static void vc4_out(const char *s, uint32_t n) { vga_write(3, s, n); }

/* Queue the result and wake the client; the ring never overflows because
 * each tty has one pending read and there are VC_COUNT ttys (TTY_DONE_MAX
 * > VC_COUNT). */
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

/* Every incarnation starts with clean line disciplines (docs/tty.md,
 * "Restart"); the screens survive in VGA memory (vga.c). */
static void ttys_reset(void)
{
    static void (*const outs[VC_COUNT - 1])(const char *, uint32_t) = { vc2_out, vc3_out,
                                                                         vc4_out };
    memset(&console_tty, 0, sizeof(console_tty));
    console_tty.out = console_out;
    ldisc_reset(&console_tty);
    for (int i = 0; i < VC_COUNT - 1; i++) {
        memset(&vc_tty[i], 0, sizeof(vc_tty[i]));
        vc_tty[i].out = outs[i];
        ldisc_reset(&vc_tty[i]);
    }
}

static int init_cb(int type, const sef_init_info_t *info)
{
    (void)info;
    (void)type;
    struct kinfo k;
    find_client_label();
    vtime_init(sys_kinfo(&k) == OK ? k.hz : 100);
    client_ep = NONE;
    done_n = 0;
    ttys_reset();
    if (vga_init() != OK)
        printf("tty: no VGA screen (VM_MAPPHYS refused): serial console only\n");
    else if (kbd_init() != OK)
        printf("tty: no keyboard (IRQ 1 refused)\n");
    return serial_init();
}

/* The lines that fired (the NOTIFY's pending bits): COM1's IRQ 4, the
 * keyboard's IRQ 1. */
static void irqs(uint32_t pending)
{
    if (pending & (1u << 4))
        serial_irq();
    if ((pending & (1u << 1)) && vga_visible() >= 0)
        kbd_irq();
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
                irqs(m.m_u.notify.pending_lo);
            else if (m.m_source == CLOCK)
                vtime_expire_all();             /* VTIME's alarm */
            continue;
        }
        serve(&m);
    }
}
