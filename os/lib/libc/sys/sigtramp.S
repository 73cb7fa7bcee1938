/* sigtramp.S: where a signal handler returns (docs/signals.md).
 *
 * The kernel pushed a struct sig_frame (lantern/signal.h) and called the
 * handler with the frame's first word, this address, as its return
 * address.  After the handler's `ret`, esp points at the frame's signo
 * word and 4(%esp) holds the address of the saved context, which
 * __sigreturn (signal.c) hands back: it never returns here. */
    .text
    .globl __sigtramp
    .type __sigtramp, @function
__sigtramp:
    movl    4(%esp), %eax       /* &frame.sc */
    andl    $-16, %esp
    subl    $12, %esp
    pushl   %eax
    call    __sigreturn
1:  hlt                         /* not reached; a fault if it were */
    jmp     1b
    .size __sigtramp, . - __sigtramp

    .section .note.GNU-stack, "", @progbits
