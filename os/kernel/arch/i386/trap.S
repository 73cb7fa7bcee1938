/* trap.S: interrupt and trap entry stubs, and the way back to user mode.
 *
 * Every vector pushes (error code or 0, vector number) and joins
 * trap_common, which saves the rest of the frame (frame.h).  From user mode
 * the frame is inside the current struct proc; we then switch to the single
 * kernel stack and call trap_from_user(), which never returns: it ends in
 * switch_to_user().  The kernel is not preemptible: it runs with interrupts
 * off, except in the idle loop, whose interrupts take the kernel path. */
#include "segments.h"

.macro VEC_NOERR n
    .globl vector\n
vector\n:
    pushl $0
    pushl $\n
    jmp trap_common
.endm

.macro VEC_ERR n
    .globl vector\n
vector\n:
    pushl $\n
    jmp trap_common
.endm

    .section .text.hot, "ax"
VEC_NOERR 0
VEC_NOERR 1
VEC_NOERR 2
VEC_NOERR 3
VEC_NOERR 4
VEC_NOERR 5
VEC_NOERR 6
VEC_NOERR 7
VEC_ERR   8
VEC_NOERR 9
VEC_ERR   10
VEC_ERR   11
VEC_ERR   12
VEC_ERR   13
VEC_ERR   14
VEC_NOERR 15
VEC_NOERR 16
VEC_ERR   17
VEC_NOERR 18
VEC_NOERR 19
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
VEC_NOERR \n
.endr
VEC_NOERR 48     /* IPC_VECTOR 0x30 */
VEC_NOERR 49     /* KCALL_VECTOR 0x31 */

trap_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $SEG_KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    testl $3, FRAME_CS_OFF(%esp)
    jz 1f
    movl %esp, %eax              /* eax = &current->p_reg */
    movl $kernel_stack_top, %esp
    xorl %ebp, %ebp
    pushl %eax
    call trap_from_user          /* never returns */
1:  pushl %esp
    call trap_from_kernel
    addl $4, %esp
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp
    iret

/* void switch_to_user(struct stackframe *f): resume the process whose saved
 * frame is f (the caller has set CR3 and tss.esp0). */
    .globl switch_to_user
switch_to_user:
    movl 4(%esp), %esp
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp
    iret

/* Benchmark floor (vector 0x32): one trap that reloads CR3 and returns.  It
 * measures the unavoidable cost under IPC: the trap and the TLB flush. */
    .globl vector_floor
vector_floor:
    pushl %eax
    movl %cr3, %eax
    movl %eax, %cr3
    popl %eax
    iret

    .bss
    .align 16
    .globl kernel_stack_top
kernel_stack:
    .space KERNEL_STACK_SIZE
kernel_stack_top:
