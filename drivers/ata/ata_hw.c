/* ata_hw.c: ATA registers, commands and waits (ata.h).
 *
 * Waiting for the drive: the driver holds IRQ 14 (SYS_IRQCTL); the kernel
 * masks the line when it fires and sends a NOTIFY from HARDWARE.  A NOTIFY
 * only says "something happened": one may be stale (an edge latched before
 * this incarnation set its policy, or left over from a command the previous
 * incarnation did not finish), so after each one the status register is
 * polled until the drive is no longer busy.  Reading ATA_STATUS
 * acknowledges the drive's interrupt, then IRQCTL_ENABLE unmasks the line.
 * Every poll has a deadline (ATA_DEADLINE ticks): a dead drive is EIO, not
 * a hang. */
#include <devio_calls.h>
#include "ata.h"

#define ATA_DEADLINE 300         /* ticks (3 s) */

int ata_status(uint8_t *st)
{
    return sys_inb(ATA_CTL, st);
}

/* Poll until (status & mask) == want, or the deadline. */
static int poll_status(uint8_t mask, uint8_t want, uint8_t *st)
{
    uint32_t start = sys_uptime();
    for (;;) {
        int r = ata_status(st);
        if (r != OK)
            return r;
        if ((*st & mask) == want)
            return OK;
        if (sys_uptime() - start > ATA_DEADLINE)
            return ETIMEDOUT;
    }
}

int ata_reset(void)
{
    uint8_t st;
    int r = sys_outb(ATA_CTL, CTL_SRST | CTL_NIEN);
    for (int i = 0; i < 8 && r == OK; i++)
        r = ata_status(&st);     /* > 5 us with SRST set: each read is >= 100 ns */
    if (r == OK)
        r = sys_outb(ATA_CTL, 0);    /* interrupts on (nIEN clear) */
    return r == OK ? poll_status(ST_BSY, 0, &st) : r;
}

int ata_command(uint32_t lba, uint32_t count, uint8_t cmd)
{
    uint8_t st;
    int r = poll_status(ST_BSY, 0, &st);
    if (r == OK)
        r = sys_outb(ATA_DRIVE, 0xe0 | ((lba >> 24) & 0x0f));
    if (r == OK)
        r = poll_status(ST_BSY, 0, &st);
    if (r == OK)
        r = sys_outb(ATA_COUNT, (uint8_t)count);
    if (r == OK)
        r = sys_outb(ATA_LBA0, (uint8_t)lba);
    if (r == OK)
        r = sys_outb(ATA_LBA1, (uint8_t)(lba >> 8));
    if (r == OK)
        r = sys_outb(ATA_LBA2, (uint8_t)(lba >> 16));
    return r == OK ? sys_outb(ATA_COMMAND, cmd) : r;
}

int ata_wait_irq(uint8_t *st)
{
    message m;
    int r;
    /* the NOTIFY names the lines that fired: only IRQ 14 is ours */
    while ((r = ipc_receive(HARDWARE, &m)) == OK && !(m.m_u.notify.pending_lo & (1u << ATA_IRQ)))
        ;
    if (r == OK)
        r = poll_status(ST_BSY, 0, st);
    if (r == OK)
        r = sys_inb(ATA_STATUS, st);      /* acknowledge the drive's interrupt */
    if (r == OK)
        r = sys_irqctl(IRQCTL_ENABLE, ATA_IRQ);
    return r;
}

int ata_wait_drq(uint8_t *st)
{
    uint32_t start = sys_uptime();
    for (;;) {
        int r = ata_status(st);
        if (r != OK)
            return r;
        if (!(*st & ST_BSY) && (*st & (ST_DRQ | ST_ERR | ST_DF)))
            return OK;
        if (sys_uptime() - start > ATA_DEADLINE)
            return ETIMEDOUT;
    }
}

int ata_pio_in(void *buf, uint32_t bytes)
{
    return sys_sdevio(DIO_IN | DIO_WORD, ATA_DATA, buf, bytes);
}

int ata_pio_out(const void *buf, uint32_t bytes)
{
    return sys_sdevio(DIO_OUT | DIO_WORD, ATA_DATA, (void *)buf, bytes);
}
