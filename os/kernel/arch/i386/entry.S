/* entry.S: multiboot v1 header and the first instructions of the kernel.
 *
 * The boot loader (GRUB or QEMU -kernel) enters _start in 32-bit protected
 * mode with paging off, eax = multiboot magic, ebx = multiboot info address.
 * We only set up a stack and call kmain(); everything else is C. */
#include "segments.h"

#define MB_MAGIC   0x1BADB002
#define MB_FLAGS   0x00000003        /* page-align modules, give memory info */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .text
    .globl _start
_start:
    cli
    movl $kernel_stack_top, %esp
    xorl %ebp, %ebp                  /* ends stack traces */
    pushl %ebx
    pushl %eax
    call kmain
1:  hlt
    jmp 1b
