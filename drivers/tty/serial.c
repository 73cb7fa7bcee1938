/* serial.c: COM1 (ports 0x3f8-0x3ff, IRQ 4), the console's device.
 *
 * The kernel set the line up (38400 8N1, os/kernel/console.c) and keeps
 * writing its own messages there; the driver leaves the line settings
 * alone and only turns on the receive interrupt (IER bit 0, with OUT2 so
 * the PC routes it).  Output polls the transmitter-empty bit before each
 * byte, as the kernel does, so the two writers never overrun each other;
 * each of them writes whole chunks, so lines stay readable unless both
 * write at the same instant.
 *
 * Input: IRQ 4 comes as a NOTIFY from HARDWARE (the kernel masks the line);
 * every byte the receiver holds goes to the line discipline, then the line
 * is unmasked. */
#include <devio_calls.h>
#include "tty.h"

#define COM1_BASE  0x3f8
#define COM1_IRQ   4
#define REG_DATA   0
#define REG_IER    1
#define REG_IIR    2
#define REG_MCR    4
#define REG_LSR    5
#define LSR_DR     0x01        /* a received byte waits */
#define LSR_THRE   0x20        /* the transmitter takes a byte */
#define MCR_DTR_RTS_OUT2 0x0b
#define THRE_SPINS 100000      /* a stuck UART: drop the byte, never hang */

extern struct tty *tty_of(int minor);

int serial_init(void)
{
    uint8_t v;
    int r = sys_irqctl(IRQCTL_SETPOLICY, COM1_IRQ);
    if (r == OK)
        r = sys_outb(COM1_BASE + REG_MCR, MCR_DTR_RTS_OUT2);
    if (r == OK)
        r = sys_outb(COM1_BASE + REG_IER, 0x01);
    if (r == OK)
        r = sys_inb(COM1_BASE + REG_IIR, &v);    /* clear a stale interrupt */
    serial_irq();                                 /* bytes typed before us */
    return r;
}

void serial_irq(void)
{
    uint8_t lsr, c, iir;
    struct tty *t = tty_of(TTY_MINOR_COM1);
    while (sys_inb(COM1_BASE + REG_LSR, &lsr) == OK && (lsr & LSR_DR)) {
        if (sys_inb(COM1_BASE + REG_DATA, &c) != OK)
            break;
        ldisc_input(t, (char)c);
    }
    sys_inb(COM1_BASE + REG_IIR, &iir);
    sys_irqctl(IRQCTL_ENABLE, COM1_IRQ);
}

static void put_byte(uint8_t c)
{
    uint8_t lsr = 0;
    for (int i = 0; i < THRE_SPINS; i++)
        if (sys_inb(COM1_BASE + REG_LSR, &lsr) != OK || (lsr & LSR_THRE))
            break;
    sys_outb(COM1_BASE + REG_DATA, c);
}

void serial_out(const char *s, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        put_byte((uint8_t)s[i]);
}
