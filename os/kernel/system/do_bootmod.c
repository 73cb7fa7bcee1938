/* do_bootmod.c: SYS_BOOTMOD, the data boot modules (RAM-disk images).
 *
 * Who may call: the processes whose RS table line lists it: the RAM-disk
 * driver only (everyone else: ECALLDENIED).  Only data modules (not ELF:
 * main.c never runs them) are reachable, numbered in boot order, so no
 * caller can read or change a program's image.
 *
 * The module's memory, which the kernel keeps for the whole boot, is the RAM
 * disk's store: a write lands there directly, so the data outlives the
 * driver (a restarted RAM disk finds every byte its predecessor wrote). */
#include <lantern/devio.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "system.h"
#include "grant.h"

struct boot_module *data_module(int index)
{
    for (int i = 0; i < nr_boot_modules; i++)
        if (boot_modules[i].is_data && index-- == 0)
            return &boot_modules[i];
    return NULL;
}

int do_BOOTMOD(struct proc *caller, message *m)
{
    const struct boot_module *bm = data_module(m->m_u.m1.i2);
    uint32_t off = (uint32_t)m->m_u.m1.i3, n = (uint32_t)m->m_u.m1.i4, size;

    if (m->m_u.m1.i1 < BMOD_INFO || m->m_u.m1.i1 > BMOD_WRITE)
        return EINVAL;
    if (m->m_u.m1.i2 < 0 || !bm)
        return ENXIO;
    size = bm->end - bm->start;
    if (m->m_u.m1.i1 == BMOD_INFO) {
        m->m_u.m1.i3 = (int32_t)size;
        memcpy(m->m_u.m_str + BMOD_NAME_OFF, bm->name, sizeof(bm->name));
        return OK;
    }
    if (n > SDEVIO_MAX || off > size || n > size - off)
        return EINVAL;
    /* a page missing or shared copy-on-write is a copy fault: VM, then again */
    if (!xcopy_range_ok(caller, m->m_u.m1.p1, n, m->m_u.m1.i1 == BMOD_READ))
        return EFAULT;
    if (m->m_u.m1.i1 == BMOD_READ)
        return vm_copy_out(caller, m->m_u.m1.p1, (const void *)(bm->start + off), n);
    return vm_copy_in(caller, m->m_u.m1.p1, (void *)(bm->start + off), n);
}
