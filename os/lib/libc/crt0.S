/* crt0.S: the first code of every guest program.
 *
 * The kernel jumps to _start with esp pointing at a fresh user stack and
 * passes nothing else.  We clear ebp (so backtraces stop here), align the
 * stack to 16 bytes as the i386 System V ABI expects at a call, call
 * main(0, NULL) and hand its return value to exit().  exit() never returns;
 * the loop below is only a safety net.  _start lives in .text.start so
 * user.ld puts it first. */

    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    xorl    %ebp, %ebp
    andl    $-16, %esp
    subl    $8, %esp            /* two argument words: keep 16-byte alignment */
    movl    $0, 4(%esp)         /* argv = NULL */
    movl    $0, 0(%esp)         /* argc = 0 */
    call    main
    movl    %eax, 0(%esp)       /* exit(main's return value) */
    call    exit
1:  jmp     1b
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
