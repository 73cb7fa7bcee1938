/* vt_keys.c: the keyboard tests (vga_test keys; run tty/kbd, keys=1).
 *
 * The test asks the harness to type (TR_SENDKEY: QEMU's monitor sendkey,
 * so the driver reads real scan codes from the PS/2 controller) and reads
 * the bytes back through the character-device protocol as the line
 * discipline hands them over: a pending read, the driver's NOTIFY (with a
 * deadline), CDEV_STATUS.  Console switches are read back from the CRTC
 * start address, polled with a deadline. */
#include "vt.h"

#define KEY_DEADLINE 1500            /* ticks (15 s): QEMU holds each key 100 ms */

static void sendkeys(const char *keys)
{
    sys_testresult(TR_SENDKEY, 0, keys, (uint32_t)strlen(keys));
}

/* Type keys and read what a pending read on minor gets; the result (bytes
 * or error), the bytes NUL-terminated in buf. */
static int type_read(int minor, const char *keys, char *buf, uint32_t size)
{
    memset(buf, 0, size);
    cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)buf, size - 1, CPF_WRITE);
    int r = vt_req(CDEV_READ, minor, g, size - 1, 0);
    if (r == OK && vt_last_state == CDEV_PENDING) {
        message m;
        sendkeys(keys);
        r = wait_message(tty_ep, NOTIFY_MESSAGE, KEY_DEADLINE, &m);
        if (r == OK)
            r = vt_req(CDEV_STATUS, 0, 0, 0, 0);
    } else if (r >= 0) {
        r = EBADMSG;                 /* bytes were waiting before the keys */
    }
    cpf_revoke(g);
    return r;
}

static int wait_start(uint16_t want)
{
    uint32_t deadline = sys_uptime() + KEY_DEADLINE;
    while (vt_crtc(0x0c) != want && (int32_t)(deadline - sys_uptime()) > 0) {
        message m;
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside the deadline */
    }
    return vt_crtc(0x0c) == want;
}

static void check_read(const char *name, int minor, const char *keys, const char *want)
{
    char buf[32];
    int r = type_read(minor, keys, buf, sizeof(buf));
    T(name, r == (int)strlen(want) && !strcmp(buf, want), "keys \"%s\": %d \"%s\"", keys, r,
      buf);
}

static void typing(void)
{
    int row, col;
    check_read("kbd_line", TTY_MINOR_CONSOLE, "q z 7 ret", "qz7\n");
    T("kbd_echo_vc1", vt_find(0, "qz7", &row, &col), "the typed line is not echoed on VC 1");
    check_read("kbd_shift_caps", TTY_MINOR_CONSOLE,
               "shift-a b caps_lock c caps_lock d ret", "AbCd\n");
    check_read("kbd_ctrl_c", TTY_MINOR_CONSOLE, "x ctrl-c y ret", "y\n");
    T("kbd_ctrl_c_echo", vt_find(0, "x^C", &row, &col), "no x^C echoed on VC 1");
    check_read("kbd_arrows", TTY_MINOR_CONSOLE, "up left ret", "\x1b[A\x1b[D\n");
    check_read("kbd_backspace", TTY_MINOR_CONSOLE, "a b backspace c ret", "ac\n");
    /* a frame that would smuggle a monitor command: the harness refuses it
     * whole (nothing typed, QEMU goes on) */
    sendkeys("h\nquit");
    check_read("kbd_bad_keyname", TTY_MINOR_CONSOLE, "b ret", "b\n");
}

/* Alt-F2 shows VC 2 (the start address moves a page) and the keyboard
 * types into tty2; Alt-F1 comes back. */
static void switching(void)
{
    char buf[8];
    sendkeys("alt-f2");
    T("kbd_alt_f2", wait_start(0x800), "CRTC start %#x, want 0x800", vt_crtc(0x0c));
    check_read("kbd_vc2_input", 2, "v ret", "v\n");
    cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)buf, 1, CPF_WRITE);
    int r = vt_req_flags(CDEV_READ, TTY_MINOR_CONSOLE, g, 1, CDEV_NONBLOCK);
    cpf_revoke(g);
    T("kbd_vc2_not_console", r == EAGAIN, "the console read %d (want EAGAIN)", r);
    sendkeys("alt-f1");
    T("kbd_alt_f1", wait_start(0), "CRTC start %#x, want 0", vt_crtc(0x0c));
}

/* The driver crashes while VC 3 is shown: the new one shows VC 3 still,
 * and the keyboard works again. */
static void restart(void)
{
    endpoint_t old = tty_ep;
    sendkeys("alt-f3");
    int shown = wait_start(0x1000);
    int r = rs_fault("tty", RS_FAULT_WILD);
    int w = r == OK ? vt_wait_tty(old) : r;
    int o = vt_req(CDEV_OPEN, 3, 0, 0, 0);          /* served: the new driver is up */
    T("kbd_restart_visible_kept", shown && w == OK && o == OK && vt_crtc(0x0c) == 0x1000,
      "shown %d fault %d wait %d open %d start %#x", shown, r, w, o, vt_crtc(0x0c));
    check_read("kbd_restart_input", 3, "o k ret", "ok\n");
    sendkeys("alt-f1");
    wait_start(0);
}

void vt_keys(void)
{
    typing();
    switching();
    restart();
}
