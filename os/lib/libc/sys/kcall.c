/* kcall.c: libc's only doors into the kernel.
 *
 * _kcall() traps with `int $KCALL_VECTOR`, eax = address of the message; the
 * kernel handles the call in our context, writes the result into m_type and
 * returns it in eax.  The "memory" clobber tells the compiler the kernel may
 * have read and written the message (and, for DIAGCTL, read the buffer).
 * libsys has its own wrappers; libc stays self-contained on purpose. */
#include <lantern/types.h>    /* kcall.h uses uint32_t without including it */
#include <lantern/ipc.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include "../internal.h"

int _kcall(message *m)
{
    int r;

    __asm__ volatile("int %[vec]"
                     : "=a"(r)
                     : "a"(m), [vec] "i"(KCALL_VECTOR)
                     : "memory", "cc");
    return r;
}
