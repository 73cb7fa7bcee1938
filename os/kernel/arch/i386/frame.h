/* frame.h: the register frame saved on every trap.
 *
 * Invariant: for a trap from user mode the CPU and trap.S build this frame
 * directly inside the interrupted process's struct proc (tss.esp0 points
 * just past proc->p_reg), so entering and leaving the kernel copies nothing.
 * The field order is the reverse of the push order in trap.S. */
#ifndef FRAME_H
#define FRAME_H

#include <stdint.h>
#include "segments.h"

struct stackframe {
    uint32_t gs, fs, es, ds;                          /* pushed by trap.S */
    uint32_t edi, esi, ebp, esp_kernel, ebx, edx, ecx, eax;   /* pusha */
    uint32_t vector, err;                             /* stub */
    uint32_t eip, cs, eflags;                         /* CPU */
    uint32_t esp, ss;                                 /* CPU, from user only */
};

_Static_assert(sizeof(struct stackframe) == FRAME_SIZE, "frame size");
_Static_assert(__builtin_offsetof(struct stackframe, cs) == FRAME_CS_OFF, "cs offset");

#endif
