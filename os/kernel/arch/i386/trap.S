/* trap.S: interrupt and trap entry stubs, and the way back to user mode.
 *
 * Every vector pushes (error code or 0, vector number) and joins
 * trap_common, which saves the rest of the frame (frame.h).  From user mode
 * the frame is inside the current struct proc; we then switch to the single
 * kernel stack and call trap_from_user(), which never returns: it ends in
 * switch_to_user(), a jump to resume_frame.  The kernel is not preemptible: it runs with interrupts
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

/* Only the vectors of a round trip and the clock are in .text.hot, with
 * trap_common and resume_frame (kernel.h says why the section exists). */
    .text
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
.irp n, 33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
VEC_NOERR \n
.endr
    .section .text.hot, "ax"
VEC_NOERR 32     /* the clock (IRQ 0) */
VEC_NOERR 48     /* IPC_VECTOR 0x30 */
VEC_NOERR 49     /* KCALL_VECTOR 0x31 */

/* Segment registers: loading one costs a descriptor fetch (under QEMU a
 * helper call each, 6 % of an IPC round trip for the eight), so the kernel
 * runs on whatever flat data segment it finds.  Every data segment a user
 * can load is either the flat user segment (DPL 3, base 0, limit 4 GiB,
 * writable: fine for the kernel too, since paging checks the CPL, not the
 * segment) or unusable (null, the user code segment); so DS and ES are
 * reloaded with SEG_KDATA only when they are not SEG_UDATA.  The kernel
 * never uses FS or GS.  On the way out, switch_to_user() loads only the
 * registers whose saved value differs from the one in place. */
trap_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movl %ds, %eax
    cmpw $SEG_UDATA, %ax
    jne 2f
    movl %es, %eax
    cmpw $SEG_UDATA, %ax
    jne 2f
3:  testl $3, FRAME_CS_OFF(%esp)
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
2:  movw $SEG_KDATA, %ax         /* DS or ES unusable: the kernel's own */
    movw %ax, %ds
    movw %ax, %es
    jmp 3b

/* Load segment register SEG from the saved frame word at OFF(%esp) unless it
 * already holds that value (each load is a descriptor fetch). */
.macro RESTORE_SEG seg, off
    movl \off(%esp), %eax
    movl %\seg, %ecx
    cmpw %ax, %cx
    je 9f
    movw %ax, %\seg
9:
.endm

/* resume_frame: resume the process whose saved frame esp points at (the
 * caller has set CR3 and tss.esp0); entered by a jump from
 * switch_to_user() in arch.h. */
    .globl resume_frame
resume_frame:
    RESTORE_SEG gs, 0
    RESTORE_SEG fs, 4
    RESTORE_SEG es, 8
    RESTORE_SEG ds, 12
    addl $16, %esp
    popal
    addl $8, %esp
    iret

/* Benchmark floor (vector 0x32): one trap that reloads CR3 and returns.  It
 * measures the unavoidable cost under IPC: the trap and the TLB flush. */
    .text
    .globl vector_floor
vector_floor:
    pushl %eax
    movl %cr3, %eax
    movl %eax, %cr3
    popl %eax
    iret

/* kernel_stack_top: the linker script places the stack (kernel.ld). */
