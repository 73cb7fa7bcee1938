/* vga_test: suite tty's screen tests (docs/testing.md, "tty"; docs/tty.md).
 *
 *   vga_test screen    the driver boots with tty.client=vga_test: writes to
 *                      the virtual consoles through the character-device
 *                      protocol, checked on the screen as the hardware shows
 *                      it (this program maps VGA memory itself: RS's table
 *                      grants it 0xb8000-0xbbfff and the CRTC ports):
 *                      text, the console on VC 1, \b \t, ESC [ K / C / D,
 *                      scrolling, the hardware cursor; VM_MAPPHYS's
 *                      refusals; the driver crashed (RS_FAULT) and restarted
 *                      by RS: the screens, cursors and output still there.
 *
 *   vga_test keys      the same client, in a run with keys=1: the keyboard
 *                      (vt_keys.c): keys typed by the harness through
 *                      QEMU's monitor read back through the line
 *                      discipline, ^C, Shift and Caps Lock, arrows as
 *                      ESC [ A..D, Alt-F2 / Alt-F1 / Alt-F3 switching the
 *                      shown console and the keyboard's tty, a crash and
 *                      restart with VC 3 shown: still shown, input works.
 *
 *   vga_test bench     make bench's numbers (vt_bench.c).
 *
 * Writes are synchronous (the reply comes after the bytes are on the
 * screen), so no check waits; the restart waits for the new endpoint with a
 * deadline (vt_wait_tty). */
#include "vt.h"

#define TESTS 16

static void check_row(const char *name, int vc, int row, const char *want)
{
    char line[COLS + 1];
    vt_row(vc, row, line);
    T(name, !strcmp(line, want), "VC %d row %d is \"%s\", want \"%s\"", vc + 1, row, line, want);
}

static void mapphys(void)
{
    uint32_t va;
    int r = vt_map_screen();
    T("vga_mapphys", r == OK, "VM_MAPPHYS of the granted range: %d", r);
    int r1 = vt_mapphys(0xbc000, 0x1000, &va);      /* the tty's, not ours */
    int r2 = vt_mapphys(0xb8000, 0x8000, &va);      /* runs past our range */
    int r3 = vt_mapphys(0x100000, 0x1000, &va);     /* RAM */
    T("vga_mapphys_outside", r1 == EPERM && r2 == EPERM && r3 == EPERM,
      "outside %d, partly outside %d, RAM %d (want EPERM)", r1, r2, r3);
    int r4 = vt_mapphys(0xb8800, 0x1000, &va), r5 = vt_mapphys(0xb8000, 0, &va);
    T("vga_mapphys_bad", r4 == EINVAL && r5 == EINVAL, "unaligned %d, empty %d (want EINVAL)",
      r4, r5);
}

static void minors(void)
{
    int ok = 1;
    for (int m = TTY_MINOR_VC1; m < TTY_MINOR_VC1 + 4; m++)
        ok &= vt_req(CDEV_OPEN, m, 0, 0, 0) == OK;
    int r = vt_req(CDEV_OPEN, TTY_MINORS, 0, 0, 0);
    T("vga_minors", ok && r == ENXIO, "minors 1-4 open: %d, minor %d: %d", ok, TTY_MINORS, r);
}

static void output(void)
{
    int r = vt_write(2, "hello vc2");
    check_row("vga_vc2_text", 1, 0, r == 9 ? "hello vc2" : "(write failed)");
    vt_write(3, "ab\bc\n");
    check_row("vga_backspace", 2, 0, "ac");
    vt_write(3, "a\tb\n");
    check_row("vga_tab", 2, 1, "a       b");
    vt_write(3, "abcdefgh\r\x1b[3C\x1b[K\n");
    check_row("vga_erase_eol", 2, 2, "abc");
    vt_write(3, "abcdef\x1b[2DXY\x1b[3DZ\n");
    check_row("vga_cursor_left_right", 2, 3, "abcZXY");
}

static void scrolling(void)
{
    char line[16];
    for (int i = 0; i < 30; i++) {
        snprintf(line, sizeof(line), "line %d\n", i);
        vt_write(4, line);
    }
    char top[COLS + 1], last[COLS + 1], blank[COLS + 1];
    vt_row(3, 0, top);
    vt_row(3, 23, last);
    vt_row(3, 24, blank);
    T("vga_scroll", !strcmp(top, "line 6") && !strcmp(last, "line 29") && !blank[0],
      "rows 0, 23, 24: \"%s\" \"%s\" \"%s\"", top, last, blank);
}

/* The console writes to VC 1 (and COM1); VC 1 is the visible one, so the
 * hardware cursor sits right after the text. */
static void console(void)
{
    int row = -1, col = -1;
    vt_write(TTY_MINOR_CONSOLE, "\nconsole on vc1 42");
    int found = vt_find(0, "console on vc1 42", &row, &col);
    T("vga_console_vc1", found, "the console's text is not on VC 1");
    uint16_t cur = vt_crtc(0x0e), start = vt_crtc(0x0c);
    uint16_t want = (uint16_t)(row * COLS + col + 17);
    T("vga_cursor_port", found && start == 0 && cur == want,
      "CRTC start %u cursor %u, want 0 and %u", start, cur, want);
    vt_write(TTY_MINOR_CONSOLE, "\n");
    /* tty1 and ttyS0 are other names of the console: their text is on VC 1 */
    vt_write(TTY_MINOR_VC1, "via tty1 17\n");
    vt_write(TTY_MINOR_COM1, "via ttyS0 18\n");
    int a = vt_find(0, "via tty1 17", &row, &col), b = vt_find(0, "via ttyS0 18", &row, &col);
    T("vga_tty1_ttyS0_on_vc1", a && b, "tty1's text on VC 1: %d, ttyS0's: %d", a, b);
}

/* The driver dies (a wild write, RS_FAULT) and RS restarts it: the screens
 * are still there and the next bytes land where the cursor was. */
static void restart(void)
{
    endpoint_t old = tty_ep;
    vt_write(3, "before");
    int r = rs_fault("tty", RS_FAULT_WILD);
    int w = r == OK ? vt_wait_tty(old) : r;
    T("vga_restart_new_endpoint", w == OK, "fault %d, wait %d", r, w);
    /* the write is answered once the new driver has initialised: only then
     * is the screen the new incarnation's */
    int n = vt_write(3, " after\n");
    check_row("vga_restart_cursor_kept", 2, 4, n == 7 ? "before after" : "(write failed)");
    check_row("vga_restart_screen_kept", 1, 0, "hello vc2");
}

int main(int argc, char **argv)
{
    sef_startup();
    rs_lookup("tty", &tty_ep);
    if (argc > 1 && !strcmp(argv[1], "bench")) {
        vt_bench();
        ltest_finish();
    }
    if (argc > 1 && !strcmp(argv[1], "keys")) {
        ltest_plan(SUITE, VT_KEYS_TESTS + 1);
        int r = vt_map_screen();
        T("kbd_mapphys", r == OK, "VM_MAPPHYS %d", r);
        vt_keys();
        ltest_finish();
    }
    ltest_plan(SUITE, TESTS);
    mapphys();
    minors();
    output();
    scrolling();
    console();
    restart();
    ltest_finish();
}
