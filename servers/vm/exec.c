/* exec.c: a process's new image (VM_EXEC_RESET, VM_EXEC_SEG; PM only).
 *
 * PM's exec has checked the program file before it sends VM_EXEC_RESET:
 * this is the point of no return.  Every page of the process goes (its
 * frames' counts go down: a page shared copy-on-write with a parent stays
 * the parent's), the layout becomes the new program's, whose window may
 * differ from the old one (each program in /bin is linked at its own), and
 * the first VM_STACK_INIT bytes of stack are mapped for the arguments PM
 * copies there.  VM_EXEC_SEG then maps each segment zeroed, as a spawn
 * does (fault.c, spawn_page); PM copies the file bytes in with SYS_EXECCOPY.
 * Page tables stay (the kernel frees them when the address space dies). */
#include "vm.h"

static int in_window(uint32_t window, uint32_t va, uint32_t len)
{
    return va >= window && len <= VM_WINDOW && va - window <= VM_WINDOW - len;
}

static void drop_all(endpoint_t ep)
{
    uint32_t a = 0, frame, flags, old;

    while (vk_query(ep, VMQ_NEXT, &a, &frame, &flags) == OK) {
        if (vk_unmap(ep, a, &old) == OK)
            frame_unref(old);           /* a kernel-pool frame: 0, ignored */
        if ((a += 4096) == 0)
            break;
    }
}

int exec_reset(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top)
{
    int r = OK;

    if (!vmp_get(ep))
        return ESRCH;
    if ((window & (VM_WINDOW - 1)) || window == 0 || stack_top != window + VM_WINDOW ||
        heap < window || heap > stack_top - VM_STACK_MAX || (heap & 4095))
        return EINVAL;
    drop_all(ep);
    vmp_set(ep, window, heap, stack_top);
    for (uint32_t a = stack_top - VM_STACK_INIT; a < stack_top && r == OK; a += 4096)
        r = spawn_page(ep, a, 1);
    return r;
}

int exec_seg(endpoint_t ep, uint32_t va, uint32_t len, int writable)
{
    struct vmproc *vp = vmp_get(ep);
    int r = OK;

    if (!vp)
        return ESRCH;
    if (len == 0 || !in_window(vp->window, va, len) || va + len > vp->heap_start)
        return EINVAL;
    for (uint32_t a = va & ~4095u; a < va + len && r == OK; a += 4096)
        r = spawn_page(ep, a, writable);
    return r;
}
