/* kbd.c: the PS/2 keyboard (data port 0x60, status 0x64, IRQ 1), docs/tty.md
 * "The keyboard".
 *
 * Scan code set 1 (the controller translates whatever the keyboard
 * speaks; BIOSes, QEMU and Bochs leave translation on).  A code with bit 7
 * set is a key's release; 0xE0 prefixes the extended keys (arrows, right
 * Ctrl and Alt).  Shift, Ctrl, Alt and Caps Lock are tracked; a key gives
 * ASCII (Ctrl + a letter or @[\]^_ the control byte, so ^C reaches the line
 * discipline as 0x03), the arrows ESC [ A/B/C/D as a serial terminal sends
 * them, Backspace DEL (the erase byte), Enter \r (ICRNL makes it \n).
 * Alt-F1..F4 switch the visible console (vga_switch); the bytes go to the
 * tty of the console shown (tty_of_vc).
 *
 * The modifier state lives only here: a restarted driver starts with no
 * key held (a key held across the restart counts once released: harmless). */
#include <devio_calls.h>
#include "tty.h"

#define KBD_DATA    0x60
#define KBD_STATUS  0x64
#define KBD_IRQ     1
#define ST_FULL     0x01        /* a byte waits in the output buffer */
#define ST_AUX      0x20        /* ... and it is the mouse's */
#define SC_RELEASE  0x80
#define SC_EXT      0xe0
#define SC_LCTRL    0x1d
#define SC_LSHIFT   0x2a
#define SC_RSHIFT   0x36
#define SC_ALT      0x38
#define SC_CAPS     0x3a
#define SC_F1       0x3b
#define DRAIN_MAX   64          /* bytes read per interrupt at most */

/* Set 1 codes 0x00-0x39 without and with Shift (0: no byte). */
static const char plain[] = "\0\x1b" "1234567890-=" "\x7f\t" "qwertyuiop[]" "\r\0"
                            "asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shifted[] = "\0\x1b" "!@#$%^&*()_+" "\x7f\t" "QWERTYUIOP{}" "\r\0"
                              "ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";

static int shift, ctrl, alt, caps, ext;

static void feed(const char *s, uint32_t n)
{
    struct tty *t = tty_of_vc(vga_visible());
    for (uint32_t i = 0; t && i < n; i++)
        ldisc_input(t, s[i]);
}

/* A modifier's press or release; 1 if code was one. */
static int modifier(uint8_t code, int down)
{
    switch (code & ~SC_RELEASE) {
    case SC_LSHIFT: case SC_RSHIFT:
        if (!ext)               /* E0 2A / E0 AA: fake shifts around some keys */
            shift = down;
        return 1;
    case SC_LCTRL: ctrl = down; return 1;
    case SC_ALT:   alt = down; return 1;
    case SC_CAPS:  if (down) caps = !caps; return 1;
    }
    return 0;
}

static void arrow(uint8_t code)
{
    static const struct { uint8_t code; char dir; } keys[] = {
        { 0x48, 'A' }, { 0x50, 'B' }, { 0x4d, 'C' }, { 0x4b, 'D' } };
    for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (keys[i].code == code) {
            char seq[3] = { 0x1b, '[', keys[i].dir };
            feed(seq, 3);
        }
}

static char translate(uint8_t code)
{
    if (code >= sizeof(plain) - 1)
        return 0;
    char c = shift ? shifted[code] : plain[code];
    if (caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        c ^= 0x20;
    if (ctrl && ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z')))
        c &= 0x1f;
    return c;
}

/* One byte from the controller. */
void kbd_scan(uint8_t code)
{
    if (code == SC_EXT) {
        ext = 1;
        return;
    }
    int down = !(code & SC_RELEASE), was_ext = ext;
    int mod = modifier(code, down);     /* reads ext: E0 2A is no shift */
    ext = 0;
    if (mod || !down)
        return;
    if (was_ext) {
        arrow(code);
    } else if (alt && code >= SC_F1 && code < SC_F1 + VC_COUNT) {
        vga_switch(code - SC_F1);
    } else {
        char c = translate(code);
        if (c)
            feed(&c, 1);
    }
}

void kbd_irq(void)
{
    uint8_t st, code;
    for (int i = 0; i < DRAIN_MAX; i++) {
        if (sys_inb(KBD_STATUS, &st) != OK || !(st & ST_FULL))
            break;
        if (sys_inb(KBD_DATA, &code) != OK)
            break;
        if (!(st & ST_AUX))
            kbd_scan(code);
    }
    sys_irqctl(IRQCTL_ENABLE, KBD_IRQ);
}

/* Take IRQ 1 and drop what was typed before (a half key sequence). */
int kbd_init(void)
{
    uint8_t st, code;
    shift = ctrl = alt = caps = ext = 0;
    int r = sys_irqctl(IRQCTL_SETPOLICY, KBD_IRQ);
    for (int i = 0; r == OK && i < DRAIN_MAX; i++)
        if (sys_inb(KBD_STATUS, &st) != OK || !(st & ST_FULL) || sys_inb(KBD_DATA, &code) != OK)
            break;
    return r;
}
