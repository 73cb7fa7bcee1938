/* gdt.c: flat segments for kernel and user, and the one TSS.
 *
 * Segmentation is unused (every segment is base 0, limit 4 GiB); the GDT
 * exists for privilege levels.  The TSS only supplies ss0:esp0, the kernel
 * entry stack for traps from user mode, which arch_set_kernel_entry() points
 * at the saved-frame area of the process about to run. */
#include <stdint.h>
#include "segments.h"
#include "arch.h"

struct gdt_entry {
    uint16_t limit_lo, base_lo;
    uint8_t base_mid, access, flags_limit_hi, base_hi;
} __attribute__((packed));

CPU_PAGE static struct gdt_entry gdt[GDT_ENTRIES];
CPU_PAGE struct tss tss;

static void set_entry(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i].limit_lo = limit & 0xffff;
    gdt[i].base_lo = base & 0xffff;
    gdt[i].base_mid = (base >> 16) & 0xff;
    gdt[i].access = access;
    gdt[i].flags_limit_hi = (uint8_t)((flags << 4) | ((limit >> 16) & 0x0f));
    gdt[i].base_hi = (base >> 24) & 0xff;
}

void gdt_init(void)
{
    struct { uint16_t size; uint32_t base; } __attribute__((packed)) desc;

    set_entry(0, 0, 0, 0, 0);
    set_entry(1, 0, 0xfffff, 0x9a, 0xc);     /* kernel code, ring 0 */
    set_entry(2, 0, 0xfffff, 0x92, 0xc);     /* kernel data */
    set_entry(3, 0, 0xfffff, 0xfa, 0xc);     /* user code, ring 3 */
    set_entry(4, 0, 0xfffff, 0xf2, 0xc);     /* user data */
    tss.ss0 = SEG_KDATA;
    tss.iomap_base = sizeof(tss);            /* no I/O bitmap: user port I/O faults */
    set_entry(5, (uint32_t)&tss, sizeof(tss) - 1, 0x89, 0x0);

    desc.size = sizeof(gdt) - 1;
    desc.base = (uint32_t)gdt;
    __asm__ volatile("lgdt %0" :: "m"(desc));
    __asm__ volatile("ljmp %0, $1f\n1:" :: "i"(SEG_KCODE));
    __asm__ volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%fs; mov %0, %%gs; mov %0, %%ss"
                     :: "r"(SEG_KDATA));
    __asm__ volatile("ltr %w0" :: "r"(SEG_TSS));
}

