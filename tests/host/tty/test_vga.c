/* test_vga.c: cmocka tests of the tty driver's screen and keyboard
 * (drivers/tty/vga.c, kbd.c) on the host: the escapes, wrapping and
 * colours the guest suite does not cover, the state a restart finds in VGA
 * memory, and the scan-code decoding.  VGA memory is a static buffer (its
 * address fits the driver's 32-bit vir_bytes: linked -no-pie), the CRTC a
 * register array behind the port stubs, the line discipline a recorder of
 * the bytes each console's tty gets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <vm.h>
#include "../../../drivers/tty/tty.h"

#define COLS 80
static uint16_t vga_mem[VC_COUNT * VC_PAGE / 2] __attribute__((aligned(4096)));
static uint8_t crtc[32], crtc_index;
static struct tty ttys[VC_COUNT];
static char typed[VC_COUNT][64];
static int ntyped[VC_COUNT];

int vm_mapphys(uint32_t base, uint32_t len, vir_bytes *va)
{
    assert_int_equal(base, 0xb8000);
    assert_int_equal(len, VC_COUNT * VC_PAGE);
    *va = (vir_bytes)(uintptr_t)vga_mem;
    return OK;
}

int sys_outb(uint32_t port, uint8_t v)
{
    if (port == 0x3d4)
        crtc_index = v & 31;
    else if (port == 0x3d5)
        crtc[crtc_index] = v;
    return OK;
}

int sys_inb(uint32_t port, uint8_t *v)
{
    *v = port == 0x3d5 ? crtc[crtc_index] : 0;     /* the keyboard: nothing waiting */
    return OK;
}

int sys_irqctl(int request, int line)
{
    (void)request;
    (void)line;
    return OK;
}

struct tty *tty_of_vc(int n)
{
    return n >= 0 && n < VC_COUNT ? &ttys[n] : NULL;
}

void ldisc_input(struct tty *t, char c)
{
    int n = (int)(t - ttys);
    typed[n][ntyped[n]++ % 63] = c;
}

static int setup(void **state)
{
    (void)state;
    memset(vga_mem, 0, sizeof(vga_mem));
    memset(crtc, 0, sizeof(crtc));
    memset(typed, 0, sizeof(typed));
    memset(ntyped, 0, sizeof(ntyped));
    assert_int_equal(vga_init(), OK);
    assert_int_equal(kbd_init(), OK);
    return 0;
}

static void put(int vc, const char *s)
{
    vga_write(vc, s, (uint32_t)strlen(s));
}

static char cell(int vc, int row, int col)
{
    return (char)(vga_mem[vc * VC_PAGE / 2 + row * COLS + col] & 0xff);
}

static uint8_t attr(int vc, int row, int col)
{
    return (uint8_t)(vga_mem[vc * VC_PAGE / 2 + row * COLS + col] >> 8);
}

static uint16_t cursor(void)
{
    return (uint16_t)(crtc[0x0e] << 8 | crtc[0x0f]);
}

static void wrap_at_80(void **state)
{
    (void)state;
    for (int i = 0; i < 81; i++)
        put(1, "x");
    assert_int_equal(cell(1, 0, 79), 'x');
    assert_int_equal(cell(1, 1, 0), 'x');
    assert_int_equal(cell(1, 1, 1), ' ');
}

static void goto_and_clear(void **state)
{
    (void)state;
    put(0, "junk\x1b[2J\x1b[5;10HZ");
    assert_int_equal(cell(0, 0, 0), ' ');
    assert_int_equal(cell(0, 4, 9), 'Z');
    assert_int_equal(cursor(), 4 * COLS + 10);      /* VC 1 is shown */
}

static void erase_line_modes(void **state)
{
    (void)state;
    put(2, "abcdef\x1b[3D\x1b[1K\n");               /* erase to the start: "    ef" */
    assert_int_equal(cell(2, 0, 3), ' ');
    assert_int_equal(cell(2, 0, 4), 'e');
    put(2, "ghij\x1b[2K");                          /* \n kept the column: ghij at 3..6 */
    assert_int_equal(cell(2, 1, 4), ' ');
}

static void up_down_clamped(void **state)
{
    (void)state;
    put(1, "\x1b[9A" "a\x1b[99B" "b");
    assert_int_equal(cell(1, 0, 0), 'a');
    assert_int_equal(cell(1, 24, 1), 'b');
}

static void colours(void **state)
{
    (void)state;
    put(1, "\x1b[31;44mr\x1b[0mn");
    assert_int_equal(attr(1, 0, 0), 0x14);          /* red on blue */
    assert_int_equal(attr(1, 0, 1), 0x07);          /* reset */
    put(1, "\x1b[44mb");
    assert_int_equal(attr(1, 0, 2), 0x17);
}

/* Bad escapes: huge counts clamp, extra parameters are dropped, an ESC
 * not followed by [ eats one byte, unknown finals do nothing. */
static void bad_escapes(void **state)
{
    (void)state;
    put(1, "\x1b[99999999C\x1b[;;;;;;Hx\x1bQy\x1b[5z");
    assert_int_equal(cell(1, 0, 0), 'x');
    assert_int_equal(cell(1, 0, 1), 'y');
    assert_int_equal(cell(1, 0, 2), ' ');
    put(1, "\x1b[999;999Hz");                     /* the last cell: no scroll */
    assert_int_equal(cell(1, 24, 79), 'z');
    assert_int_equal(cell(1, 0, 0), 'x');
}

/* A full line leaves the wrap pending: \r\n after it adds no blank line,
 * and the rubout echo \b \b erases the 80th byte. */
static void pending_wrap(void **state)
{
    (void)state;
    char line[81];
    memset(line, 'a', 80);
    line[80] = 0;
    put(1, line);
    put(1, "\b \b");
    assert_int_equal(cell(1, 0, 79), ' ');
    assert_int_equal(cell(1, 0, 78), 'a');
    put(1, "b\r\nc");
    assert_int_equal(cell(1, 0, 79), 'b');
    assert_int_equal(cell(1, 1, 0), 'c');
}

/* A restarted driver finds each console's cursor and the shown console. */
static void restart_keeps_state(void **state)
{
    (void)state;
    put(2, "ab");
    vga_switch(2);
    put(3, "\x1b[3;4H");
    assert_int_equal(vga_init(), OK);                /* the new incarnation */
    assert_int_equal(vga_visible(), 2);
    put(2, "c");
    put(3, "d");
    assert_int_equal(cell(2, 0, 2), 'c');
    assert_int_equal(cell(3, 2, 3), 'd');
    assert_int_equal(cursor(), 2 * VC_PAGE / 2 + 3);
}

static void scan(const uint8_t *codes, int n)
{
    for (int i = 0; i < n; i++)
        kbd_scan(codes[i]);
}

static void keys_to_shown_console(void **state)
{
    (void)state;
    static const uint8_t shift_a[] = { 0x2a, 0x1e, 0x9e, 0xaa, 0x1e, 0x9e };
    static const uint8_t ctrl_c[] = { 0x1d, 0x2e, 0xae, 0x9d };
    static const uint8_t up[] = { 0xe0, 0x48, 0xe0, 0xc8 };
    static const uint8_t alt_f3[] = { 0x38, 0x3d, 0xbd, 0xb8, 0x1c, 0x9c };
    scan(shift_a, 6);
    scan(ctrl_c, 4);
    scan(up, 4);
    assert_memory_equal(typed[0], "Aa\x03\x1b[A", 6);
    scan(alt_f3, 6);
    assert_int_equal(vga_visible(), 2);
    assert_int_equal(crtc[0x0c] << 8 | crtc[0x0d], 2 * VC_PAGE / 2);
    assert_string_equal(typed[2], "\r");             /* Enter, on tty3 */
}

static void fake_shift_and_caps(void **state)
{
    (void)state;
    static const uint8_t codes[] = { 0xe0, 0x2a, 0x10, 0x90, 0x3a, 0xba, 0x10, 0x90,
                                     0x2a, 0x10, 0x90, 0xaa, 0x02, 0x82 };
    scan(codes, (int)sizeof(codes));
    assert_string_equal(typed[0], "qQq1");           /* E0 2A is no Shift; Caps + Shift */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(wrap_at_80, setup),
        cmocka_unit_test_setup(goto_and_clear, setup),
        cmocka_unit_test_setup(erase_line_modes, setup),
        cmocka_unit_test_setup(up_down_clamped, setup),
        cmocka_unit_test_setup(colours, setup),
        cmocka_unit_test_setup(bad_escapes, setup),
        cmocka_unit_test_setup(pending_wrap, setup),
        cmocka_unit_test_setup(restart_keeps_state, setup),
        cmocka_unit_test_setup(keys_to_shown_console, setup),
        cmocka_unit_test_setup(fake_shift_and_caps, setup),
    };
    return cmocka_run_group_tests_name("tty", tests, NULL, NULL);
}
