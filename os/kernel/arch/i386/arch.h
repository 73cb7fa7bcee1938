/* arch.h: what the portable kernel calls in arch/i386. */
#ifndef ARCH_H
#define ARCH_H

#include <stdint.h>

void gdt_init(void);
void idt_init(void);
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));
extern struct tss tss;                  /* gdt.c: the one TSS */

/* The IDT, GDT and TSS share a page with the top of the kernel stack
 * (kernel.ld says why). */
#define CPU_PAGE __attribute__((section(".bss.cpu_page")))

/* Where the CPU saves the frame of the next trap from user mode.  Inline:
 * it runs on every switch (proc.h says why that matters). */
static inline void arch_set_kernel_entry(uint32_t esp0)
{
    tss.esp0 = esp0;
}
/* Resume the process whose saved frame is f (the caller has set CR3 and
 * tss.esp0): trap.S's resume_frame, entered with esp = f by a jump, so it
 * pushes nothing on the kernel stack (proc.c says why that matters). */
struct stackframe;
static inline __attribute__((noreturn)) void switch_to_user(struct stackframe *f)
{
    __asm__ volatile("movl %0, %%esp\n\tjmp resume_frame" :: "r"(f) : "memory");
    __builtin_unreachable();
}

/* usercopy.S: a copy through a user virtual address of the current address
 * space; 0, or 1 if it faulted (the fault resumes at user_copy_fault). */
int user_copy(void *dst, const void *src, uint32_t n);

/* The exception table: a page fault in the kernel at an eip in [start, end)
 * of an entry resumes at its fixup, which makes the copy report EFAULT; it
 * is never a panic.  Entries come from usercopy.S and from inline copies
 * (USER_COPY_MSG); the linker gathers them (kernel.ld). */
struct ex_entry { uint32_t start, end, fixup; };
extern const struct ex_entry ex_table_start[], ex_table_end[];

/* Probe that the user byte at p (in the address space loaded, checked to
 * lie in user space) is writable, by writing it unchanged: CR0.WP makes a
 * read-only page fault, and the fixup resumes with fault still 1.  Through
 * the process's own mapping, which its code touched just before the trap,
 * rather than a walk of its page table (three more pages). */
static inline int user_probe_write(void *p)
{
    int fault = 1;
    __asm__ volatile(
        "1: orb $0, (%[p])\n\t"
        "xorl %[f], %[f]\n"
        "2:\n\t"
        ".pushsection .ex_table, \"a\"\n\t"
        ".long 1b, 2b, 2b\n\t"
        ".popsection"
        : [f] "+r"(fault)
        : [p] "r"(p)
        : "memory", "cc");
    return fault;
}

/* Copy one 64-byte message between a user address (in the address space
 * loaded, checked to lie in user space) and the kernel, either way, inline:
 * no call, so no return, which under QEMU is a block lookup.  Returns 0, or
 * 1 if the user side faulted (dst then holds part of the message).  fault
 * starts as 1 and the fixup resumes after the xor that clears it. */
static inline int user_copy_msg(void *dst, const void *src)
{
    int fault = 1;
    uint32_t t;
    __asm__ volatile(
        "1:\n\t"
        ".irp off, 0,4,8,12,16,20,24,28,32,36,40,44,48,52,56,60\n\t"
        "movl \\off(%[s]), %[t]\n\t"
        "movl %[t], \\off(%[d])\n\t"
        ".endr\n\t"
        "xorl %[f], %[f]\n"
        "2:\n\t"
        ".pushsection .ex_table, \"a\"\n\t"
        ".long 1b, 2b, 2b\n\t"
        ".popsection"
        : [f] "+r"(fault), [t] "=&r"(t)
        : [s] "r"(src), [d] "r"(dst)
        : "memory");
    return fault;
}

/* 8259 PIC and 8253 PIT */
void pic_init(void);
void pic_eoi(int irq);
void pic_unmask(int irq);
void pic_mask(int irq);
void pit_init(unsigned hz);
uint32_t tsc_calibrate_khz(void);

/* serial ports (8250/16550) */
void serial_init(uint16_t port);
void serial_putc(uint16_t port, char c);
void serial_write(uint16_t port, const void *buf, uint32_t n);

/* VGA text console */
void vga_init(void);
void vga_putc(char c);

/* Emulator power-off: QEMU isa-debug-exit and the Bochs shutdown port. */
void arch_poweroff(int status) __attribute__((noreturn));

#define COM1 0x3f8
#define COM2 0x2f8

#define IRQ_BASE   32
#define IRQ_TIMER  0

#endif
