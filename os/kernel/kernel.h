/* kernel.h: what every kernel file needs: ABI types, kprintf, panic,
 * and a few constants.  Kernel-internal: nothing outside os/kernel includes it. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <lantern/types.h>
#include <lantern/errno.h>
#include <lantern/endpoint.h>
#include <lantern/message.h>

#define HZ             100          /* clock ticks per second */
#define PAGE_SIZE      4096u
#define PAGE_SHIFT     12
#define PAGE_ROUND_DOWN(x) ((x) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(x)   (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
/* HOT: the IPC round-trip path, grouped in .text.hot, which fits one page
 * (make bench: kernel_hot_text_bytes): under QEMU a jump to another code page is never chained
 * and costs a block lookup, slow after each CR3 load (docs/benchmarks.md). */
#define HOT __attribute__((hot))
/* COLD: code next to the round trip that it does not take, kept out of line
 * so that the hot functions stay short and within one page. */
#define COLD __attribute__((noinline, cold))
/* HOT_DATA: variables every kernel entry touches, kept in one page, the
 * trace window (trace.h).  Under QEMU each page touched after a CR3 load
 * costs a TLB refill.  aligned(4) keeps gcc from padding arrays to 32
 * bytes: the window has TRACE_WINDOW_HOT bytes for all of them. */
#define HOT_DATA __attribute__((section(".data.hot"), aligned(4)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* console.c */
void console_init(void);
void kputs(const char *s, size_t n);
void console_vga_off(void);       /* a driver took the VGA screen (do_vm.c) */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* panic.c */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void stack_trace(uint32_t ebp, uint32_t eip);

/* main.c: parsed boot options */
struct boot_options {
    int test_mode;           /* a nonce was given: results go to the harness */
    uint32_t nonce;
    char cmdline[128];
};
extern struct boot_options boot_opts;
const char *boot_option(const char *key);   /* value after "key=", or NULL */

#endif
