/* ramdisk.c: the RAM-disk driver.
 *
 * Minor n is the n-th data boot module (a module that is not an ELF
 * program: tests/suites.txt's module= key, or a file-system image in the
 * boot image).  The module's memory, which the kernel keeps for the whole
 * boot, is the store itself: reads and writes go through SYS_BOOTMOD, so
 * nothing the driver must remember lives in the driver, and a restarted
 * RAM disk serves every byte its predecessor wrote (docs/drivers.md).
 * The size is the module's, rounded down to a whole sector.
 *
 * Privileges (servers/rs/table.c): SYS_BOOTMOD and the safe copies; no
 * ports, no IRQs. */
#include <string.h>
#include <stdio.h>
#include <sef.h>
#include <devio_calls.h>
#include "blockdriver.h"

static int rd_init(int type)
{
    uint32_t size;
    char name[16];
    int n = 0;
    while (sys_bootmod_info(n, &size, name) == OK)
        n++;
    if (type == SEF_INIT_FRESH)
        printf("ramdisk: %d data module%s\n", n, n == 1 ? "" : "s");
    return OK;
}

static int rd_getinfo(int minor, struct bdev_info *info)
{
    uint32_t size;
    if (minor < 0 || sys_bootmod_info(minor, &size, NULL) != OK)
        return ENXIO;
    memset(info, 0, sizeof(*info));
    info->size_lo = size - size % BDEV_SECTOR;
    info->sector = BDEV_SECTOR;
    return OK;
}

static int rd_transfer(int minor, int write, uint64_t pos, void *buf, uint32_t len)
{
    if (write)
        return sys_bootmod_write(minor, (uint32_t)pos, buf, len);
    return sys_bootmod_read(minor, (uint32_t)pos, buf, len);
}

static const struct blockdriver ramdisk = {
    .name = "ramdisk",
    .init = rd_init,
    .getinfo = rd_getinfo,
    .transfer = rd_transfer,
};

int main(void)
{
    blockdriver_task(&ramdisk);
}
