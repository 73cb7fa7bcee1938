/* devices.c: the serial ports, the VGA text screen and emulator power-off.
 *
 * Serial output polls the transmitter with a bounded wait so a missing or
 * slow UART (Bochs paces output to the baud rate) can never hang the kernel. */
#include <stdint.h>
#include "cpu.h"
#include "arch.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700

static volatile uint16_t *const vga = (volatile uint16_t *)0xb8000;
static int vga_row, vga_col;

void serial_init(uint16_t port)
{
    outb(port + 1, 0x00);        /* no interrupts */
    outb(port + 3, 0x80);        /* DLAB */
    outb(port + 0, 0x01);        /* 115200 baud */
    outb(port + 1, 0x00);
    outb(port + 3, 0x03);        /* 8N1 */
    outb(port + 2, 0xc7);        /* FIFO on, cleared */
    outb(port + 4, 0x03);        /* DTR, RTS */
}

void serial_putc(uint16_t port, char c)
{
    for (int spins = 0; spins < 100000 && !(inb(port + 5) & 0x20); spins++)
        ;
    outb(port, (uint8_t)c);
}

void serial_write(uint16_t port, const void *buf, uint32_t n)
{
    const char *p = buf;
    while (n--)
        serial_putc(port, *p++);
}

void vga_init(void)
{
    for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
        vga[i] = VGA_ATTR | ' ';
    vga_row = vga_col = 0;
}

static void vga_scroll(void)
{
    for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
        vga[i] = vga[i + VGA_COLS];
    for (int i = 0; i < VGA_COLS; i++)
        vga[VGA_COLS * (VGA_ROWS - 1) + i] = VGA_ATTR | ' ';
    vga_row = VGA_ROWS - 1;
}

void vga_putc(char c)
{
    if (c == '\n') {
        vga_col = 0;
        vga_row++;
    } else if (c == '\r') {
        vga_col = 0;
    } else if (c == '\b') {
        if (vga_col > 0)
            vga_col--;
    } else {
        vga[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (uint8_t)c;
        if (++vga_col == VGA_COLS) {
            vga_col = 0;
            vga_row++;
        }
    }
    if (vga_row == VGA_ROWS)
        vga_scroll();
}

/* Bochs drops bytes still in a UART when it powers off: wait until both
 * transmitters are empty (bounded). */
static void serial_drain(uint16_t port)
{
    for (int spins = 0; spins < 1000000 && !(inb(port + 5) & 0x40); spins++)
        ;
}

void arch_poweroff(int status)
{
    const char *s = "Shutdown";
    serial_drain(COM1);
    serial_drain(COM2);
    outl(0xf4, (uint32_t)status);     /* QEMU isa-debug-exit: exit code (status<<1)|1 */
    while (*s)
        outb(0x8900, (uint8_t)*s++);  /* Bochs */
    outw(0x604, 0x2000);              /* QEMU ACPI power-off, when no debug-exit device */
    cpu_stop();
}
