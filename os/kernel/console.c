/* console.c: kernel messages go to COM1 and the VGA text screen.
 * COM1 is the human console; test results and traces use other ports.
 * The VGA screen is the kernel's only until a driver maps it
 * (SYS_VMMAP VMMAP_PHYS, console_vga_off): from then on the tty driver
 * owns it and kernel messages go to COM1 alone (docs/tty.md). */
#include <stdarg.h>
#include <stdio.h>
#include "kernel.h"
#include "arch.h"

void console_init(void)
{
    serial_init(COM1);
    serial_init(COM2);
    vga_init();
}

static int vga_on = 1;

void console_vga_off(void)
{
    vga_on = 0;
}

void kputs(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            serial_putc(COM1, '\r');
        serial_putc(COM1, s[i]);
        if (vga_on)
            vga_putc(s[i]);
    }
}

int kprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    kputs(buf, (size_t)n);
    return n;
}
