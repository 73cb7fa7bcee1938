/* usercopy.S: copies that touch a user buffer through its virtual address.
 *
 * int user_copy(void *dst, const void *src, uint32_t n): copy n bytes,
 * where the user side is in the address space CR3 holds now and the caller
 * has checked that it lies in user space (memory.c).  The MMU does the rest
 * of the checking: a page that is not present, or read-only on a write
 * (CR0.WP), faults, and trap_from_kernel() resumes at user_copy_fault, which
 * returns 1.  Returns 0 when all n bytes were copied.
 *
 * Why not walk the page table and copy through the identity map: under
 * QEMU every page touched after a CR3 load costs a TLB refill, and the walk
 * touches three (page directory, page table, the frame's identity address)
 * where the process's own mapping of its buffer is usually still in the TLB. */

    .section .text.hot, "ax"
    .globl user_copy
user_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    cmpl $64, %ecx
    je 2f
    shrl $2, %ecx
    rep movsl
    movl 20(%esp), %ecx
    andl $3, %ecx
    rep movsb
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret
2:  /* a message (64 bytes): unrolled, since QEMU runs each iteration of a
     * rep prefix as a separate step */
    .irp off, 0,4,8,12,16,20,24,28,32,36,40,44,48,52,56,60
    movl \off(%esi), %eax
    movl %eax, \off(%edi)
    .endr
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret
user_copy_fault:                /* esp as at the fault: the two saved registers */
    movl $1, %eax
    popl %edi
    popl %esi
    ret
user_copy_end:

    .section .ex_table, "a"
    .long user_copy, user_copy_fault, user_copy_fault
