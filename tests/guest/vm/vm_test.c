/* vm_test: suite `vm` (docs/vm.md, docs/testing.md).
 *
 * The parent runs each test and checks VM_INFO's free-frame count before
 * and after (vt_no_leak: no frame leaked, the dead children's included).
 * Most tests run in a child, a copy of this program started as a user
 * process with a role (vt_child.c), whose exit status PM_WAIT reports:
 * 0 for a role that went as planned, PROC_FAULT_STATUS(14) for one the
 * kernel stopped on VM's word.  The safecopy, refusal and COW tests run
 * here: the program has TEST_PROC, VM's admin right, and the safe copies. */
#include <unistd.h>
#include <safecopies.h>
#include "vt.h"

#define PLANNED 22
#define KILLED  PROC_FAULT_STATUS(14)

/* Run a child in `role`; its exit status must be `want`, and every frame
 * it had must be free again once it is gone. */
static void child_test(const char *test, const char *role, int want)
{
    uint32_t before = vt_free(), after = 0;
    endpoint_t ep = vt_spawn_user(role);
    int status = 1, r = ep == NONE ? ENOMEM : vt_wait_child(ep, &status);
    int clean = vt_no_leak(before, &after);

    LT_CHECK(S, test, r == OK && status == want && clean,
             "r=%d status %d (want %d), free frames %u before, %u after", r, status, want,
             before, after);
}

static endpoint_t me(void)
{
    struct whoami_info wi;
    return sys_whoami(&wi) == OK ? wi.endpoint : NONE;
}

/* A safe copy into pages of our own heap and stack never touched yet: the
 * kernel finds them missing, VM maps them, the call runs again.  The heap
 * pages go back with the break; the stack page stays until we exit. */
static void safecopy_lazy(void)
{
    uint32_t before = vt_free(), after;
    uint8_t *heap = sbrk(8192), src[64];
    uint32_t stack_va = vt_window() + VM_WINDOW - VM_STACK_MAX + 8192;
    endpoint_t self = me();
    cp_grant_id_t gh = cpf_grant_direct(self, (vir_bytes)heap + 4096, 64, CPF_WRITE);
    cp_grant_id_t gs = cpf_grant_direct(self, stack_va, 64, CPF_WRITE);
    int rh, rs;

    memset(src, 0x3c, sizeof(src));
    rh = sys_safecopyto(self, gh, 0, (vir_bytes)src, sizeof(src));
    rs = sys_safecopyto(self, gs, 0, (vir_bytes)src, sizeof(src));
    LT_CHECK(S, "safecopy_lazy_heap", rh == OK && heap[4096] == 0x3c && heap[4096 + 63] == 0x3c,
             "safecopy into an untouched heap page: %d", rh);
    LT_CHECK(S, "safecopy_lazy_stack", rs == OK && *(uint8_t *)stack_va == 0x3c,
             "safecopy into an untouched stack page: %d", rs);
    cpf_revoke(gh);
    cpf_revoke(gs);
    sbrk(-8192);
    LT_CHECK(S, "safecopy_lazy_no_leak", vt_no_leak(before - 1, &after),
             "free frames %u before, %u after (want one less: the stack page)", before, after);
}

/* The same into another process: a child lends us a page of its heap it
 * never touched and waits; our copy faults in its address space, VM maps
 * the page, our call runs again; the child finds the bytes. */
static void safecopy_granter(void)
{
    uint32_t before = vt_free(), after;
    endpoint_t ep = vt_spawn_user("granter");
    uint8_t src[64];
    message m;
    int r, rc = EINVAL, status = 1, clean;

    memset(src, 0x5c, sizeof(src));
    if ((r = ep == NONE ? ENOMEM : ipc_receive(ep, &m)) == OK && m.m_type == VT_GRANT) {
        rc = sys_safecopyto(ep, m.m_u.m1.i1, 0, (vir_bytes)src, sizeof(src));
        memset(&m, 0, sizeof(m));
        m.m_type = VT_GO;
        r = ipc_send(ep, &m);
    }
    if (vt_wait_child(ep, &status) != OK && r == OK)
        r = ETIMEDOUT;
    clean = vt_no_leak(before, &after);
    LT_CHECK(S, "safecopy_granter_untouched_heap", r == OK && rc == OK && status == 0 && clean,
             "r=%d safecopy %d child status %d, free %u -> %u", r, rc, status, before, after);
}

/* A hole in the window (no region): EFAULT, and the caller lives on. */
static void safecopy_hole(void)
{
    uint8_t src[16] = { 0 };
    endpoint_t self = me();
    cp_grant_id_t g = cpf_grant_direct(self, vt_window() + VM_WINDOW / 2, 16, CPF_WRITE);
    int r = sys_safecopyto(self, g, 0, (vir_bytes)src, sizeof(src));
    LT_CHECK(S, "safecopy_hole_efault", r == EFAULT, "got %d, want EFAULT", r);
    cpf_revoke(g);
}

/* An IPC message whose second half lies in a heap page never touched: the
 * trap finds it missing, VM maps it, the trap runs again.  One in the
 * window's hole still gets EFAULT. */
static void ipc_buffers(void)
{
    uint32_t before = vt_free(), after;
    uint8_t *heap = sbrk(8192);
    message *m = (message *)(heap + 4096 - 32), *hole = (message *)(vt_window() + VM_WINDOW / 2);
    int r, rh, clean;

    heap[0] = 0;                                  /* the first page only */
    m->m_type = VM_INFO;
    r = ipc_sendrec(VM_ENDPOINT, m);
    LT_CHECK(S, "ipc_buffer_lazy_heap", r == OK && m->m_type == OK &&
             m->m_u.m_u32[VM_INFO_TOTAL] > 0, "sendrec with half the message untouched: %d, %d",
             r, m->m_type);
    rh = ipc_sendrec(VM_ENDPOINT, hole);
    sbrk(-8192);
    clean = vt_no_leak(before, &after);
    LT_CHECK(S, "ipc_buffer_hole_efault", rh == EFAULT && clean,
             "sendrec from the hole: %d (want EFAULT); free %u -> %u", rh, before, after);
}

static void refusals(void)
{
    message m;
    void *old = sbrk(0);
    int r0, r1, r2, r3;

    memset(&m, 0, sizeof(m));
    r0 = kernel_call(SYS_VMPOOL, &m);             /* the pool is VM's already */
    memset(&m, 0, sizeof(m));
    r1 = kernel_call(SYS_VMMAP, &m);
    memset(&m, 0, sizeof(m));
    r2 = kernel_call(SYS_VMSHARE, &m);             /* cowmap: VM only as well */
    LT_CHECK(S, "vmctl_denied", r0 == ECALLDENIED && r1 == ECALLDENIED && r2 == ECALLDENIED,
             "SYS_VMPOOL from a test: %d, SYS_VMMAP: %d, SYS_VMSHARE: %d", r0, r1, r2);
    r2 = brk((void *)(vt_window() + VM_WINDOW - VM_STACK_MAX + 4096));
    r3 = brk((void *)((uint32_t)old - 0x100000));
    LT_CHECK(S, "brk_enomem", r2 == -1 && r3 == -1 && sbrk(0) == old,
             "brk into the stack reserve: %d, below the heap: %d", r2, r3);
}

static int send_go(endpoint_t ep, const uint32_t *h, uint32_t bytes)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = VT_GO;
    m.m_u.m1.p1 = (uint32_t)h;
    m.m_u.m1.p2 = bytes;
    return ipc_send(ep, &m);
}

/* A COW copy of 4 heap pages into a child: VM_COPY_AS takes no frame; the
 * child's write takes one (its copy), ours another; each side sees its own
 * bytes; when the child is gone and our break is back, every frame is. */
static void cow_test(void)
{
    enum { PAGES = 4 };
    uint32_t before = vt_free(), shared = 0, after_child = 0, after_ours = 0, after, f, gone;
    uint32_t *h = sbrk(PAGES * 4096);
    endpoint_t ep = vt_spawn_user("cow");
    message m;
    int r, status = 1, bad;

    for (uint32_t p = 0; p < PAGES; p++)
        h[p * 1024] = 0xc0c00000u + p;
    f = vt_free();
    if ((r = vm_copy_as(me(), ep, (uint32_t)h, PAGES * 4096)) == OK) {
        shared = vt_free();
        r = send_go(ep, h, PAGES * 4096);
    }
    if (r == OK && (r = ipc_receive(ep, &m)) == OK) {
        after_child = vt_free();
        h[1024] = 0xdeadbeefu;                  /* ours: one more copy */
        after_ours = vt_free();
        r = send_go(ep, h, PAGES * 4096);
    }
    bad = (r == OK ? m.m_u.m1.i1 : 0) + (h[0] != 0xc0c00000u);
    if (vt_wait_child(ep, &status) != OK && r == OK)
        r = ETIMEDOUT;
    LT_CHECK(S, "cow_shared_then_private", r == OK && status == 0 && bad == 0 && shared == f &&
             after_child == f - 1 && after_ours == f - 2,
             "r=%d status %d, %d mismatches, free %u -> %u shared -> %u -> %u", r, status, bad, f,
             shared, after_child, after_ours);
    /* The child's own frames, its copy of page 0 and our old page 1 (only
     * the child still had it) go with the child; pages 0, 2, 3 and our copy
     * of page 1 stay: we use them.  So the free count is `before` less our
     * PAGES frames, and after our break goes back, `before`. */
    vt_no_leak(before - PAGES, &gone);
    sbrk(-(PAGES * 4096));
    LT_CHECK(S, "cow_freed_with_last_user", gone == before - PAGES && vt_no_leak(before, &after),
             "free %u after the child (want %u), %u before, %u after our break went back", gone,
             before - PAGES, before, after);
}

/* VM_INFO's kernel-pool words are the kernel's, now: a spawn takes a page
 * directory and page tables from it, the exit gives them back. */
static void kpool_info(void)
{
    uint32_t a[VM_INFO_WORDS] = { 0 }, b[VM_INFO_WORDS] = { 0 }, c[VM_INFO_WORDS] = { 0 };
    endpoint_t ep = NONE;
    int status = 1, r = vm_info(a);

    if (r == OK && (ep = vt_spawn_user("cow")) == NONE)
        r = ENOMEM;
    if (r == OK) {                                /* the child waits for a GO */
        r = vm_info(b);
        sys_kill(ep, 0);
        vt_wait_child(ep, &status);
        for (int t = 0; t < VT_DEADLINE && r == OK && (r = vm_info(c)) == OK &&
                        c[VM_INFO_KFREE] != a[VM_INFO_KFREE]; t++)
            vt_sleep_tick();                      /* poll interval */
    }
    LT_CHECK(S, "kernel_pool_counts", r == OK && a[VM_INFO_KTOTAL] > 0 &&
             a[VM_INFO_KFREE] < a[VM_INFO_KTOTAL] && b[VM_INFO_KFREE] < a[VM_INFO_KFREE] &&
             c[VM_INFO_KFREE] == a[VM_INFO_KFREE], "r=%d kernel pool %u, free %u -> %u -> %u", r,
             a[VM_INFO_KTOTAL], a[VM_INFO_KFREE], b[VM_INFO_KFREE], c[VM_INFO_KFREE]);
}

int main(int argc, char **argv)
{
    struct pm_child c;
    uint32_t start, end, bad = 0;
    int r;

    if (argc > 1)
        vt_child(argv[1]);
    sef_startup();
    ltest_plan(S, PLANNED);
    pm_wait(WNOHANG | WNOTIFY, &c);           /* PM keeps our children's exits */
    start = vt_free();
    child_test("stack_growth", "stack", 0);
    child_test("heap_sbrk_4mib", "heap", 0);
    child_test("fault_outside_regions", "wild", KILLED);
    child_test("fault_below_stack_max", "deep", KILLED);
    child_test("write_text_kills", "text", KILLED);
    child_test("admin_requests_eperm", "user", 0);
    safecopy_lazy();
    safecopy_granter();
    safecopy_hole();
    ipc_buffers();
    refusals();
    cow_test();
    vt_trace_test(me());
    kpool_info();
    r = vm_check(&bad);
    LT_CHECK(S, "refcounts_match_mappings", r == OK, "VM_CHECK: %d, frame %#x", r, bad);
    LT_CHECK(S, "no_leak_overall", vt_no_leak(start - 1, &end),
             "free %u at start, %u at end (want one less: safecopy_lazy's stack page)", start, end);
    ltest_finish();
}
