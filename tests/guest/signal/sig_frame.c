/* sig_frame.c: SYS_SIGRETURN with forged contexts (suite signal).
 *
 * A child builds a context by hand and returns "from a handler" into it.
 * A sane one (user selectors, IOPL 0, eip/esp in its window) must work
 * (the control: the check does not refuse everything); kernel selectors,
 * IOPL 3, an eip outside user space or an unreadable frame must end the
 * child with SIGSEGV, and the system must go on. */
#include <lantern/vfs.h>
#include "sig.h"

static char stack[4096] __attribute__((aligned(16)));

static void __attribute__((noreturn)) landed(void)
{
    _exit(42);
}

static void base_context(struct sig_context *c)
{
    uint32_t cs, ds;
    __asm__ volatile("movl %%cs, %0; movl %%ds, %1" : "=r"(cs), "=r"(ds));
    memset(c, 0, sizeof(*c));
    c->cs = cs;
    c->ds = c->es = c->fs = c->gs = c->ss = ds;
    c->eflags = 0x202;
    c->eip = (uint32_t)(vir_bytes)landed;
    c->esp = (uint32_t)(vir_bytes)(stack + sizeof(stack) - 16);
}

static int forge(uint32_t kind)
{
    struct sig_context c;
    message m;
    base_context(&c);
    if (kind == 1)
        c.cs = 0x08;                        /* the kernel's code segment */
    else if (kind == 2)
        c.ss = c.ds = 0x10;                 /* the kernel's data segment */
    else if (kind == 3)
        c.eflags |= 0x3000;                 /* IOPL 3: port access */
    else if (kind == 4)
        c.eip = 0x00100000;                 /* the kernel's code */
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = kind == 5 ? 0x10u : (uint32_t)(vir_bytes)&c;
    kernel_call(SYS_SIGRETURN, &m);
    return 1;                               /* never: it lands or dies */
}

static int sane(void) { return forge(0); }
static int kcode(void) { return forge(1); }
static int kdata(void) { return forge(2); }
static int iopl(void) { return forge(3); }
static int keip(void) { return forge(4); }
static int badptr(void) { return forge(5); }

static int sigsend_as_user(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = SELF;
    m.m_u.m1.i2 = SIGUSR1;
    return kernel_call(SYS_SIGSEND, &m) == ECALLDENIED ? 0 : 1;
}

/* PM's calls: SYS_SIGSEND (kernel) and VFS_PM_UNPAUSE (VFS). */
static void pm_only_tests(void)
{
    message m;
    endpoint_t vfs = NONE;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = SELF;
    m.m_u.m1.i2 = SIGUSR1;
    m.m_u.m1.p1 = 0x1000;
    int k = kernel_call(SYS_SIGSEND, &m);
    int u = run_child(sigsend_as_user);
    int v = sig_with_fs ? rs_lookup("vfs", &vfs) : EPERM;   /* no VFS: not asked */
    if (sig_with_fs && v == OK) {
        memset(&m, 0, sizeof(m));
        m.m_type = VFS_PM_UNPAUSE;
        m.m_u.m1.i1 = SELF;
        v = ipc_sendrec(vfs, &m);
        v = v == OK ? m.m_type : v;
    }
    LT_CHECK(S, "pm_only_calls_refused", k == EPERM && u == 0 && v == EPERM,
             "SYS_SIGSEND %d, as a user %#x, VFS_PM_UNPAUSE %d", k, u, v);
}

void frame_tests(void)
{
    pm_only_tests();
    int st = run_child(sane);
    LT_CHECK(S, "sigreturn_sane_context_lands", st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
             "status %#x", st);
    int (*const forged[])(void) = { kcode, kdata, iopl, keip, badptr };
    int ok = 1, sts[5];
    for (int i = 0; i < 5; i++) {
        sts[i] = run_child(forged[i]);
        ok &= sts[i] >= 0 && WIFSIGNALED(sts[i]) && WTERMSIG(sts[i]) == SIGSEGV;
    }
    st = run_child(sane);                   /* and the system goes on */
    LT_CHECK(S, "sigreturn_forged_frame_sigsegv", ok && st >= 0 && WEXITSTATUS(st) == 42,
             "kernel cs %#x, kernel ss %#x, IOPL %#x, kernel eip %#x, bad pointer %#x, after %#x",
             sts[0], sts[1], sts[2], sts[3], sts[4], st);
}
