/* check.c: VM checks its frame counts in the CHECK=1 build (-DLANTERN_CHECK).
 *
 * Every VM_CHECK_PERIOD ticks (a CLOCK alarm), after every VM_COPY_AS and
 * after every batch of kernel requests that freed an address space, VM
 * walks every address space
 * through the kernel (cow_check, the same walk as the VM_CHECK request)
 * and stops the system if
 *   frame_refcount  a pool frame's reference count differs from the number
 *                   of page-table entries that map it.
 * checkbreak=vmref on the kernel command line gives one free frame a count
 * of 1 with no mapping right after VM's init, for suite check.  In the
 * normal build this file is empty and check.h's hooks are empty statements
 * (the VM_CHECK request still works there). */
#ifdef LANTERN_CHECK
#include <string.h>
#include <stdio.h>
#include "vm.h"
#include "check.h"

#define VM_CHECK_PERIOD 50          /* ticks: the walk costs a kernel call a page */

void vm_check_start(void)
{
    struct kinfo k;
    if (sys_kinfo(&k) == OK && strstr(k.cmdline, "checkbreak=vmref")) {
        uint32_t f = frame_alloc();    /* counted, never mapped: the break */
        printf("vm: checkbreak=vmref: frame %#x counted without a mapping\n", f);
    }
    sys_setalarm(VM_CHECK_PERIOD);
}

void vm_check_now(void)
{
    uint32_t bad = 0;
    char text[56];

    if (cow_check(&bad) != OK) {
        snprintf(text, sizeof text, "invariant frame_refcount broken: %#x count %u", bad,
                 frame_count(bad));
        sys_panic(text);
    }
}

void vm_check_tick(void)
{
    vm_check_now();
    sys_setalarm(VM_CHECK_PERIOD);
}
#endif
