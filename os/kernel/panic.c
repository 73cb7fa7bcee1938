/* panic.c: stop the system with a message and a symbolic stack trace.
 *
 * Under the test harness (a nonce was given) the panic is also reported on
 * the result channel and the emulator is powered off, so a test run never
 * hangs on a dead kernel; the trace ring is drained first (post-mortem). */
#include <stdarg.h>
#include <stdio.h>
#include <lantern/testproto.h>
#include "kernel.h"
#include "ksyms.h"
#include "arch.h"
#include "cpu.h"
#include "boot.h"
#include "trace.h"

const char *ksym_lookup(unsigned int addr, unsigned int *offset)
{
    const struct ksym *best = NULL;
    for (unsigned i = 0; i < ksyms_count && ksyms[i].addr <= addr; i++)
        best = &ksyms[i];
    if (!best || !best->name[0])
        return NULL;
    *offset = addr - best->addr;
    return best->name;
}

static void print_frame(int depth, uint32_t eip)
{
    unsigned off;
    const char *name = ksym_lookup(eip, &off);
    if (name)
        kprintf("  #%d %#010x %s+%#x\n", depth, eip, name, off);
    else
        kprintf("  #%d %#010x ?\n", depth, eip);
}

/* Walk saved frame pointers (the kernel is built with them) while they stay
 * inside kernel memory. */
void stack_trace(uint32_t ebp, uint32_t eip)
{
    extern char kernel_start[], kernel_end[];
    int depth = 0;

    print_frame(depth++, eip);
    while (ebp && depth < 16 && ebp >= (uint32_t)kernel_start && ebp < (uint32_t)kernel_end) {
        uint32_t *frame = (uint32_t *)ebp;
        if (!frame[1])
            break;
        print_frame(depth++, frame[1]);
        ebp = frame[0];
    }
}

void panic(const char *fmt, ...)
{
    static int panicking;
    char msg[200];
    va_list ap;

    __asm__ volatile("cli");
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (panicking++)
        cpu_stop();                      /* a panic while panicking: just stop */
    kprintf("\nlantern: kernel panic: %s\n", msg);
    stack_trace(*(uint32_t *)read_ebp(), (uint32_t)__builtin_return_address(0));
    trace_panic(msg);
    if (boot_opts.test_mode) {
        testchan_send(TR_PANIC, 0, msg, (uint32_t)strlen(msg));
        arch_poweroff(3);
    }
    kprintf("lantern: system halted.\n");
    cpu_stop();
}
