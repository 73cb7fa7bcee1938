/* dt_refusals.c: the device kernel calls refuse what RS's table does not
 * grant (lantern/devio.h).  drv_test holds exactly port 0x80 and IRQ 5
 * (servers/rs/table.c) and has SYS_DEVIO, SYS_SDEVIO and SYS_IRQCTL but
 * not SYS_BOOTMOD.  The ATA ports and IRQ 14 are the ATA driver's only. */
#include <devio_calls.h>
#include "dt.h"

static void expect(const char *name, int got, int want)
{
    LT_CHECK(DT_SUITE, name, got == want, "got %d want %d", got, want);
}

static void t_devio(void)
{
    uint8_t b;
    uint16_t w;
    uint32_t v = 0;
    expect("devio_held_port", sys_inb(0x80, &b), OK);
    expect("devio_next_port", sys_inb(0x81, &b), EPERM);
    expect("devio_word_overlaps", sys_inw(0x80, &w), EPERM);   /* 0x80-0x81 */
    LT_CHECK(DT_SUITE, "devio_ata_ports",
             sys_inb(0x1f7, &b) == EPERM && sys_outb(0x3f6, 0) == EPERM &&
             sys_outb(0x1f0, 0) == EPERM, "the ATA driver's ports must be refused");
    LT_CHECK(DT_SUITE, "devio_bad_request",
             sys_devio(DIO_IN | 0x6, 0x80, &v) == EINVAL && sys_devio(0x40, 0x80, &v) == EINVAL &&
             sys_devio(DIO_IN | DIO_BYTE, 0x10000, &v) == EINVAL,
             "bad width, unknown bits, port > 0xffff");
}

static void t_sdevio(void)
{
    static uint8_t buf[8];
    expect("sdevio_held_port", sys_sdevio(DIO_IN | DIO_BYTE, 0x80, buf, 4), OK);
    expect("sdevio_ata_data", sys_sdevio(DIO_IN | DIO_WORD, 0x1f0, buf, 8), EPERM);
    LT_CHECK(DT_SUITE, "sdevio_bad_input",
             sys_sdevio(DIO_IN | DIO_BYTE, 0x80, (void *)0x10, 4) == EFAULT &&
             sys_sdevio(DIO_IN | DIO_BYTE, 0x80, buf, SDEVIO_MAX + 1) == EINVAL,
             "a bad buffer is EFAULT, a count over SDEVIO_MAX EINVAL");
}

static void t_irqctl(void)
{
    expect("irq_not_held", sys_irqctl(IRQCTL_SETPOLICY, 14), EPERM);
    LT_CHECK(DT_SUITE, "irq_bad_input",
             sys_irqctl(IRQCTL_SETPOLICY, 16) == EINVAL && sys_irqctl(99, 5) == EINVAL &&
             sys_irqctl(IRQCTL_SETPOLICY, -1) == EINVAL, "line 16, line -1, request 99");
    expect("irq_enable_before_policy", sys_irqctl(IRQCTL_ENABLE, 5), EPERM);
    int set = sys_irqctl(IRQCTL_SETPOLICY, 5), en = sys_irqctl(IRQCTL_ENABLE, 5);
    int dis = sys_irqctl(IRQCTL_DISABLE, 5), rm = sys_irqctl(IRQCTL_RMPOLICY, 5);
    LT_CHECK(DT_SUITE, "irq_held_line", set == OK && en == OK && dis == OK && rm == OK,
             "set %d enable %d disable %d remove %d", set, en, dis, rm);
    expect("irq_after_remove", sys_irqctl(IRQCTL_ENABLE, 5), EPERM);
}

static void t_bootmod(void)
{
    uint32_t size;
    expect("bootmod_denied", sys_bootmod_info(0, &size, NULL), ECALLDENIED);
}

void dt_refusals(void)
{
    t_devio();
    t_sdevio();
    t_irqctl();
    t_bootmod();
}
