/* setjmp.S: setjmp() and longjmp() for i386 (cdecl).
 *
 * jmp_buf layout (see setjmp.h): [0] ebx [1] esi [2] edi [3] ebp
 * [4] esp as it will be after setjmp returns, [5] the return address.
 * eax, ecx and edx are caller-saved, so they need not be kept.
 * longjmp(env, 0) makes setjmp return 1, as C requires. */

    .text
    .globl setjmp
    .type setjmp, @function
setjmp:
    movl    4(%esp), %eax       /* env */
    movl    %ebx, 0(%eax)
    movl    %esi, 4(%eax)
    movl    %edi, 8(%eax)
    movl    %ebp, 12(%eax)
    leal    4(%esp), %ecx       /* caller's esp once we have returned */
    movl    %ecx, 16(%eax)
    movl    (%esp), %ecx        /* return address */
    movl    %ecx, 20(%eax)
    xorl    %eax, %eax
    ret
    .size setjmp, . - setjmp

    .globl longjmp
    .type longjmp, @function
longjmp:
    movl    4(%esp), %edx       /* env */
    movl    8(%esp), %eax       /* val */
    testl   %eax, %eax
    jnz     1f
    incl    %eax                /* setjmp must not appear to return 0 */
1:  movl    0(%edx), %ebx
    movl    4(%edx), %esi
    movl    8(%edx), %edi
    movl    12(%edx), %ebp
    movl    16(%edx), %esp
    jmp     *20(%edx)
    .size longjmp, . - longjmp

    .section .note.GNU-stack, "", @progbits
