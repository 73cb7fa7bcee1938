/* pic.c: the 8259A interrupt controllers and the 8253 timer.
 *
 * IRQs 0-15 are remapped to vectors 32-47.  Everything starts masked except
 * the cascade; the clock unmasks the timer, SYS_IRQCTL (irq.c) the lines
 * drivers hold. */
#include <stdint.h>
#include "cpu.h"
#include "arch.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_HZ 1193182u

static uint16_t irq_mask = 0xfffb;   /* all masked but the cascade (IRQ 2) */

static void pic_write_mask(void)
{
    outb(PIC1_DATA, irq_mask & 0xff);
    outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
    outb(PIC1_CMD, 0x11);  outb(PIC2_CMD, 0x11);      /* ICW1: init, ICW4 */
    outb(PIC1_DATA, IRQ_BASE); outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 4);    outb(PIC2_DATA, 2);        /* cascade wiring */
    outb(PIC1_DATA, 1);    outb(PIC2_DATA, 1);        /* 8086 mode */
    pic_write_mask();
}

void pic_unmask(int irq)
{
    irq_mask &= (uint16_t)~(1u << irq);
    pic_write_mask();
}

void pic_mask(int irq)
{
    irq_mask |= (uint16_t)(1u << irq);
    pic_write_mask();
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, 0x20);
    outb(PIC1_CMD, 0x20);
}

void pit_init(unsigned hz)
{
    uint32_t div = PIT_HZ / hz;
    outb(PIT_CMD, 0x34);                  /* channel 0, lo/hi, rate generator */
    outb(PIT_CH0, div & 0xff);
    outb(PIT_CH0, div >> 8);
}

/* Count TSC cycles during 10 ms of PIT channel 2 (gate via port 0x61).
 * Under TCG the answer is the emulated TSC rate, good enough for turning
 * cycle counts into rough times; benchmarks report cycles anyway. */
uint32_t tsc_calibrate_khz(void)
{
    uint32_t div = PIT_HZ / 100;
    uint64_t t0, t1;
    uint8_t gate = inb(0x61);

    outb(0x61, (gate & ~0x02) | 0x01);    /* gate on, speaker off */
    outb(PIT_CMD, 0xb0);                  /* channel 2, lo/hi, mode 0 */
    outb(PIT_CH2, div & 0xff);
    outb(PIT_CH2, div >> 8);
    t0 = rdtsc();
    for (uint32_t spins = 0; !(inb(0x61) & 0x20); spins++)
        if (spins > 100000000u)
            return 0;
    t1 = rdtsc();
    outb(0x61, gate);
    return (uint32_t)((t1 - t0) / 10);
}
