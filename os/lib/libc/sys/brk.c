/* brk.c: brk() and sbrk(), the heap break, kept by the VM server (VM_BRK,
 * lantern/vm.h).  VM maps the heap's pages when they are first touched and
 * frees the ones above a lowered break.  Without VM (or past the heap
 * window) both fail with errno ENOMEM. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <lantern/ipc.h>
#include <lantern/vm.h>
#include <lantern/message.h>

static uintptr_t cur_brk;           /* 0 until VM told us */

/* VM_BRK: OK and *now, or an error. */
static int vm_brk(uintptr_t want, uintptr_t *now)
{
    message m = { .m_type = VM_BRK };
    int r;

    m.m_u.m1.i1 = (int32_t)want;
    __asm__ volatile("int %1"
                     : "=a"(r)
                     : "i"(IPC_VECTOR), "a"(IPC_SENDREC), "b"(VM_ENDPOINT), "c"(&m), "d"(0)
                     : "memory");
    if (r != 0)
        return r;
    if (m.m_type == 0)
        *now = (uintptr_t)m.m_u.m1.i1;
    return m.m_type;
}

int brk(void *addr)
{
    uintptr_t now;
    if (vm_brk((uintptr_t)addr, &now) != 0) {
        errno = ENOMEM;
        return -1;
    }
    cur_brk = now;
    return 0;
}

void *sbrk(intptr_t increment)
{
    uintptr_t old, now;

    if (!cur_brk && vm_brk(0, &cur_brk) != 0) {
        errno = ENOMEM;
        return (void *)-1;
    }
    old = cur_brk;
    if (increment == 0)
        return (void *)old;
    if ((increment > 0 && old + (uintptr_t)increment < old) ||
        (increment < 0 && (uintptr_t)-increment > old) ||
        vm_brk(old + (uintptr_t)increment, &now) != 0) {
        errno = ENOMEM;
        return (void *)-1;
    }
    cur_brk = now;
    return (void *)old;
}
