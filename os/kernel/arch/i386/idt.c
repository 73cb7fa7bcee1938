/* idt.c: the interrupt descriptor table.
 *
 * All gates are interrupt gates (IF cleared on entry): the kernel always runs
 * with interrupts off.  Only the IPC, kernel-call and benchmark-floor vectors
 * may be invoked from user mode (DPL 3); any other `int n` from user mode is
 * a general-protection fault that stops the process. */
#include <stdint.h>
#include <lantern/ipc.h>
#include <lantern/kcall.h>
#include "segments.h"
#include "arch.h"



struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t zero, type_attr;
    uint16_t off_hi;
} __attribute__((packed));

CPU_PAGE static struct idt_gate idt[256];

#define V(n) extern void vector##n(void);
V(0) V(1) V(2) V(3) V(4) V(5) V(6) V(7) V(8) V(9) V(10) V(11) V(12) V(13) V(14)
V(15) V(16) V(17) V(18) V(19)
V(32) V(33) V(34) V(35) V(36) V(37) V(38) V(39) V(40) V(41) V(42) V(43) V(44)
V(45) V(46) V(47) V(48) V(49)
#undef V
extern void vector_floor(void);

static void (*const handlers[])(void) = {
    vector0, vector1, vector2, vector3, vector4, vector5, vector6, vector7,
    vector8, vector9, vector10, vector11, vector12, vector13, vector14,
    vector15, vector16, vector17, vector18, vector19,
};
static void (*const irq_handlers[])(void) = {
    vector32, vector33, vector34, vector35, vector36, vector37, vector38,
    vector39, vector40, vector41, vector42, vector43, vector44, vector45,
    vector46, vector47,
};

static void set_gate(int n, void (*fn)(void), int dpl)
{
    uint32_t off = (uint32_t)fn;
    idt[n].off_lo = off & 0xffff;
    idt[n].sel = SEG_KCODE;
    idt[n].zero = 0;
    idt[n].type_attr = (uint8_t)(0x8e | (dpl << 5));   /* present, 32-bit interrupt gate */
    idt[n].off_hi = off >> 16;
}

void idt_init(void)
{
    struct { uint16_t size; uint32_t base; } __attribute__((packed)) desc;
    unsigned i;

    for (i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
        set_gate(i, handlers[i], 0);
    for (i = 0; i < 16; i++)
        set_gate(IRQ_BASE + i, irq_handlers[i], 0);
    set_gate(IPC_VECTOR, vector48, 3);
    set_gate(KCALL_VECTOR, vector49, 3);
    set_gate(BENCH_FLOOR_VECTOR, vector_floor, 3);

    desc.size = sizeof(idt) - 1;
    desc.base = (uint32_t)idt;
    __asm__ volatile("lidt %0" :: "m"(desc));
}
