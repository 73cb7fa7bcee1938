/* setjmp.h: non-local jumps (i386).
 *
 * A jmp_buf holds the callee-saved registers of the cdecl ABI and the stack
 * and instruction pointers: ebx, esi, edi, ebp, esp, eip (in that order).
 * longjmp() must only target a setjmp() whose function is still active. */
#ifndef _LANTERN_LIBC_SETJMP_H
#define _LANTERN_LIBC_SETJMP_H

typedef unsigned long jmp_buf[6];

__attribute__((returns_twice)) int setjmp(jmp_buf env);
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);

#endif
