/* crt0.S: the first code of every guest program.
 *
 * The kernel jumps to _start with esp pointing at argc, followed by argv
 * (a pointer to argc argument strings and a NULL); right after argv's NULL
 * come the environment's pointers and a NULL (envp, which becomes environ),
 * all on a fresh user stack (os/kernel/exec.c push_args, servers/pm's
 * exec: docs/processes.md).  We clear ebp (so backtraces stop here),
 * align the stack to 16 bytes as the i386 System V ABI expects at a call,
 * call main(argc, argv) and hand its return value to exit().  exit() never
 * returns; the loop below is only a safety net.  _start lives in
 * .text.start so user.ld puts it first. */

    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    xorl    %ebp, %ebp
    movl    0(%esp), %eax       /* argc */
    movl    4(%esp), %edx       /* argv */
    leal    4(%edx,%eax,4), %ecx    /* envp = argv + argc + 1 */
    movl    %ecx, environ
    andl    $-16, %esp
    subl    $8, %esp            /* two argument words: keep 16-byte alignment */
    movl    %edx, 4(%esp)
    movl    %eax, 0(%esp)
    call    main
    movl    %eax, 0(%esp)       /* exit(main's return value) */
    call    exit
1:  jmp     1b
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
