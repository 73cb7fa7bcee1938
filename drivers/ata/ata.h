/* ata.h: the ATA driver's register-level half (ata_hw.c), used by ata.c.
 *
 * One channel (primary: ports 0x1f0-0x1f7, control 0x3f6, IRQ 14), one
 * drive (the master), LBA28 PIO.  Every port access is a kernel call
 * (SYS_DEVIO, SYS_SDEVIO for the 512-byte data blocks), refused by the
 * kernel outside the ranges RS's table gives this driver. */
#ifndef ATA_H
#define ATA_H

#include <sys.h>

#define ATA_BASE      0x1f0
#define ATA_DATA      (ATA_BASE + 0)
#define ATA_ERROR     (ATA_BASE + 1)
#define ATA_COUNT     (ATA_BASE + 2)
#define ATA_LBA0      (ATA_BASE + 3)
#define ATA_LBA1      (ATA_BASE + 4)
#define ATA_LBA2      (ATA_BASE + 5)
#define ATA_DRIVE     (ATA_BASE + 6)
#define ATA_STATUS    (ATA_BASE + 7)    /* read: status (acknowledges the IRQ) */
#define ATA_COMMAND   (ATA_BASE + 7)    /* write */
#define ATA_CTL       0x3f6             /* write: device control; read: alt status */
#define ATA_IRQ       14

#define ST_BSY  0x80
#define ST_DRDY 0x40
#define ST_DF   0x20
#define ST_DRQ  0x08
#define ST_ERR  0x01

#define CTL_NIEN 0x02
#define CTL_SRST 0x04

#define CMD_READ     0x20
#define CMD_WRITE    0x30
#define CMD_READ_MULTIPLE  0xc4
#define CMD_WRITE_MULTIPLE 0xc5
#define CMD_SET_MULTIPLE   0xc6
#define CMD_FLUSH    0xe7
#define CMD_IDENTIFY 0xec

#define ATA_MAX_SECTORS 128     /* per command (BD_BUF_SIZE / 512) */
#define ATA_MAX_MULTIPLE 16     /* sectors per interrupt in multiple mode (QEMU's, Bochs' limit) */

int ata_reset(void);                                  /* OK, ETIMEDOUT */
int ata_status(uint8_t *st);                          /* alt status, no IRQ ack */
int ata_command(uint32_t lba, uint32_t count, uint8_t cmd);
int ata_wait_irq(uint8_t *st);                        /* IRQ, then not busy */
int ata_wait_drq(uint8_t *st);                        /* poll: not busy, DRQ or error */
int ata_pio_in(void *buf, uint32_t bytes);
int ata_pio_out(const void *buf, uint32_t bytes);

#endif
