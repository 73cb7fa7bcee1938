/* bootmod.h: may the kernel use a boot module at [start, end)?
 *
 * The loader (GRUB, QEMU -kernel) may put a module anywhere in physical
 * memory.  After paging_init() the kernel reaches physical memory only
 * through its identity map (below KERNEL_MAP_LIMIT, 256 MiB: memory.h), and
 * it reads every module again later (exec, SYS_SPAWN).  A module that lies,
 * even partly, at or above that limit would make the kernel fault, so it is
 * skipped at boot, with a console message, like any other bad module.
 *
 * Pure and header-only: no kernel state, so the host unit tests
 * (tests/host/security/test_bootmod.c) compile this very code.  `end` is
 * exclusive (the multiboot mod_end); mem_end is 64-bit so that a loader's
 * memory size near 4 GiB cannot wrap. */
#ifndef BOOTMOD_H
#define BOOTMOD_H

#include <lantern/types.h>

enum bootmod_verdict {
    BOOTMOD_OK = 0,
    BOOTMOD_EMPTY,       /* end <= start: empty or wrapped */
    BOOTMOD_PAST_RAM,    /* ends past the end of physical memory */
    BOOTMOD_UNMAPPED,    /* (partly) at or above the identity map's limit */
};

static inline enum bootmod_verdict bootmod_check(uint32_t start, uint32_t end,
                                                 uint64_t mem_end, uint32_t map_limit)
{
    if (end <= start)
        return BOOTMOD_EMPTY;
    if (end > mem_end)
        return BOOTMOD_PAST_RAM;
    if (end > map_limit)             /* end is exclusive: end == limit still fits */
        return BOOTMOD_UNMAPPED;
    return BOOTMOD_OK;
}

#endif
