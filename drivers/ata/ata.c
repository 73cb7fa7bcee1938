/* ata.c: the ATA/IDE PIO block driver (QEMU -drive if=ide,index=0 and the
 * Bochs ata0-master disk).
 *
 * Minor 0 is the whole disk on the primary channel's master; there is no
 * other minor (ENXIO).  No disk there (or an ATAPI drive) is not an error:
 * the driver runs with no minor, so an image without a disk still boots.
 * Sectors move by PIO, LBA28: READ/WRITE MULTIPLE with up to 16 sectors
 * per interrupt and per SYS_SDEVIO when the drive takes SET MULTIPLE MODE
 * (QEMU and Bochs do), else READ/WRITE SECTORS, one sector per interrupt.
 * A write ends with FLUSH CACHE, so a reply of success means the data is on
 * the disk image.
 *
 * Restart: every init (fresh or after RS restarted a killed driver) resets
 * the channel first, so a command the previous incarnation left half done
 * is abandoned; the client whose request died retries it (docs/drivers.md).
 *
 * Privileges (servers/rs/table.c): ports 0x1f0-0x1f7 and 0x3f6, IRQ 14,
 * SYS_DEVIO, SYS_SDEVIO, SYS_IRQCTL and the safe copies. */
#include <string.h>
#include <stdio.h>
#include <sef.h>
#include <devio_calls.h>
#include "blockdriver.h"
#include "ata.h"

static uint32_t disk_sectors;    /* 0: no disk */
static uint32_t multiple = 1;    /* sectors per interrupt (block) */
static uint16_t ident[256];

/* IDENTIFY DEVICE on the master.  ENODEV: a floating bus (no drive);
 * ENXIO: the drive aborted (not an ATA disk: ATAPI aborts); other errors
 * are the channel's (a deadline, a stale interrupt taken for this one). */
#define READY_TICKS 30      /* how long a drive may take to say DRDY after a reset */

/* Select the master and wait (a deadline, polled) until it is ready.  The
 * master is selected again before every status read: QEMU finishes a
 * channel reset later, in its own loop, and resetting the slave last
 * leaves the slave selected, whose status (no drive) reads 0 for as long
 * as nobody selects the master again.  ENODEV if it never says DRDY. */
static int drive_ready(uint8_t *st)
{
    uint32_t start = sys_uptime();
    int r = OK;
    while (r == OK && (r = sys_outb(ATA_DRIVE, 0xa0)) == OK && (r = ata_status(st)) == OK) {
        if (*st != 0xff && (*st & (ST_BSY | ST_DRDY)) == ST_DRDY)
            return OK;
        if (sys_uptime() - start > READY_TICKS)
            return ENODEV;
    }
    return r;
}

static int identify_once(uint8_t *st)
{
    int r = drive_ready(st);
    if (r != OK)
        return r;
    if ((r = ata_command(0, 0, CMD_IDENTIFY)) != OK || (r = ata_wait_irq(st)) != OK)
        return r;
    if (*st & (ST_ERR | ST_DF))
        return ENXIO;
    if (!(*st & ST_DRQ))
        return EIO;
    if ((r = ata_pio_in(ident, sizeof(ident))) != OK)
        return r;
    disk_sectors = ident[60] | ((uint32_t)ident[61] << 16);
    return disk_sectors ? OK : EIO;
}

/* A drive that may be there gets up to three tries, a channel reset
 * between them: one failed IDENTIFY (seen in CI under heavy load: status 0
 * right after the reset) must not leave the system without its disk.  A
 * floating bus (0xff) is no drive at once.  Each failure is printed. */
static int identify(void)
{
    uint8_t st = 0;
    int r = EIO;
    for (int try = 0; try < 3; try++) {
        if ((r = identify_once(&st)) == OK || r == ENXIO || (r == ENODEV && (st == 0xff || try == 2)))
            return r;
        printf("ata: IDENTIFY failed (%d, status 0x%x)%s\n", r, st, try < 2 ? ", again" : "");
        disk_sectors = 0;
        if (ata_reset() != OK)
            break;
    }
    return r;
}

/* Blocks of up to 16 sectors per interrupt, if the drive says it can
 * (IDENTIFY word 47) and takes SET MULTIPLE MODE; else 1. */
static void set_multiple(void)
{
    uint32_t m = ident[47] & 0xff;
    uint8_t st;
    multiple = 1;
    if (m > ATA_MAX_MULTIPLE)
        m = ATA_MAX_MULTIPLE;
    if (m < 2 || ata_command(0, m, CMD_SET_MULTIPLE) != OK || ata_wait_irq(&st) != OK ||
        (st & (ST_ERR | ST_DF)))
        return;
    multiple = m;
}

static int ata_init(int type)
{
    int r = sys_irqctl(IRQCTL_SETPOLICY, ATA_IRQ);
    if (r == OK)
        r = ata_reset();
    disk_sectors = 0;
    if (r == OK && identify() != OK)
        disk_sectors = 0;
    if (disk_sectors)
        set_multiple();
    if (type == SEF_INIT_FRESH)
        printf("ata: primary master: %u sectors (%u KiB), %u per interrupt%s\n", disk_sectors,
               disk_sectors / 2, multiple, r != OK ? " (channel error)" : "");
    return r;
}

static int ata_getinfo(int minor, struct bdev_info *info)
{
    if (minor != 0 || disk_sectors == 0)
        return ENXIO;
    memset(info, 0, sizeof(*info));
    info->size_lo = disk_sectors * BDEV_SECTOR;
    info->size_hi = disk_sectors >> 23;
    info->sector = BDEV_SECTOR;
    return OK;
}

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }

/* n sectors in blocks of `multiple`: an interrupt, then the block's data. */
static int read_sectors(uint32_t lba, uint8_t *buf, uint32_t n)
{
    uint8_t st;
    int r = ata_command(lba, n, multiple > 1 ? CMD_READ_MULTIPLE : CMD_READ);
    for (uint32_t i = 0; r == OK && i < n; i += multiple) {
        if ((r = ata_wait_irq(&st)) != OK)
            break;
        if ((st & (ST_ERR | ST_DF)) || !(st & ST_DRQ))
            return EIO;
        r = ata_pio_in(buf + i * BDEV_SECTOR, min_u32(multiple, n - i) * BDEV_SECTOR);
    }
    return r == OK ? OK : EIO;
}

/* The drive asks for each block with DRQ (no interrupt before the first)
 * and interrupts after each; the last interrupt means it took the data. */
static int write_sectors(uint32_t lba, const uint8_t *buf, uint32_t n)
{
    uint8_t st;
    int r = ata_command(lba, n, multiple > 1 ? CMD_WRITE_MULTIPLE : CMD_WRITE);
    for (uint32_t i = 0; r == OK && i < n; i += multiple) {
        r = i == 0 ? ata_wait_drq(&st) : ata_wait_irq(&st);
        if (r == OK && ((st & (ST_ERR | ST_DF)) || !(st & ST_DRQ)))
            return EIO;
        if (r == OK)
            r = ata_pio_out(buf + i * BDEV_SECTOR, min_u32(multiple, n - i) * BDEV_SECTOR);
    }
    if (r == OK)
        r = ata_wait_irq(&st);
    if (r == OK && !(st & (ST_ERR | ST_DF)))
        r = ata_command(0, 0, CMD_FLUSH);
    if (r == OK)
        r = ata_wait_irq(&st);
    return r == OK && !(st & (ST_ERR | ST_DF)) ? OK : EIO;
}

static int ata_transfer(int minor, int write, uint64_t pos, void *buf, uint32_t len)
{
    uint32_t lba = (uint32_t)(pos / BDEV_SECTOR), n = len / BDEV_SECTOR;
    (void)minor;
    while (n) {
        uint32_t k = n < ATA_MAX_SECTORS ? n : ATA_MAX_SECTORS;
        int r = write ? write_sectors(lba, buf, k) : read_sectors(lba, buf, k);
        if (r != OK)
            return r;
        lba += k;
        n -= k;
        buf = (uint8_t *)buf + k * BDEV_SECTOR;
    }
    return OK;
}

/* An interrupt between requests: one a command's waits did not consume (a
 * stale edge made an earlier wait take the next one early; ata_hw.c).  The
 * kernel masked the line: acknowledge the drive and unmask it, or the next
 * command's interrupt would never come. */
static void ata_notify(const message *m)
{
    uint8_t st;
    if (m->m_source != HARDWARE || !(m->m_u.notify.pending_lo & (1u << ATA_IRQ)))
        return;
    printf("ata: interrupt between requests\n");
    sys_inb(ATA_STATUS, &st);
    sys_irqctl(IRQCTL_ENABLE, ATA_IRQ);
}

static const struct blockdriver ata = {
    .name = "ata",
    .init = ata_init,
    .getinfo = ata_getinfo,
    .transfer = ata_transfer,
    .notify = ata_notify,
};

int main(void)
{
    blockdriver_task(&ata);
}
