/* fault_test: a process that faults on purpose (spawn argument picks how).
 * The kernel must stop it and carry on; ipc_test checks that.  Started at
 * boot (argument 0) it just exits. */
#include <string.h>
#include <sys.h>
#include <sef.h>

enum { FAULT_NONE, FAULT_NULL_READ, FAULT_KERNEL_WRITE, FAULT_PRIVILEGED,
       FAULT_DIVIDE, FAULT_BAD_TRAP, FAULT_JUMP_NOWHERE, FAULT_WRITE_TEXT };

int main(void)
{
    struct whoami_info me;
    message m;
    sef_startup();                  /* RS's init request (or none, when spawned) */

    sys_whoami(&me);
    switch (me.spawn_arg) {
    case FAULT_NULL_READ:
        (void)*(volatile int *)0;
        break;
    case FAULT_KERNEL_WRITE:
        *(volatile int *)0x100000 = 1;          /* the kernel's own text */
        break;
    case FAULT_PRIVILEGED:
        __asm__ volatile("cli; hlt");
        break;
    case FAULT_DIVIDE:
        __asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx" ::: "eax", "ecx", "edx");
        break;
    case FAULT_BAD_TRAP:
        __asm__ volatile("int $0x80");           /* not a user vector: GP */
        break;
    case FAULT_JUMP_NOWHERE:
        ((void (*)(void))0xdead0000)();
        break;
    case FAULT_WRITE_TEXT:                        /* text is mapped read-only */
        *(volatile unsigned char *)(uintptr_t)&main = 0xc3;
        break;
    default:
        return 0;
    }
    /* Still alive: the fault did not happen.  Tell the parent, which fails
     * the test. */
    m.m_type = 0x5afe;
    ipc_send(me.parent, &m);
    return 1;
}
