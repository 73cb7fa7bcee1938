/* vt_child.c: the roles of the vm suite's children, copies of vm_test run
 * as user processes.  Each ends with its status: 0 = as expected, else
 * the number of the check that failed (a fault ends it with
 * PROC_FAULT_STATUS(14) instead). */
#include <unistd.h>
#include <safecopies.h>
#include "vt.h"

#define STACK_DEPTH  (768 * 1024)   /* far below the 64 KiB mapped at start */
#define HEAP_BYTES   (4u << 20)

/* Touch every page of a big frame far below the initial stack. */
static int stack_role(void)
{
    volatile uint8_t big[STACK_DEPTH];
    for (uint32_t i = 0; i < sizeof(big); i += 4096)
        big[i] = (uint8_t)(i >> 12);
    for (uint32_t i = 0; i < sizeof(big); i += 4096)
        if (big[i] != (uint8_t)(i >> 12))
            return 2;
    return 0;
}

/* A 4 MiB heap: every page written and read back; lowered and raised
 * again, the pages come back zeroed. */
static int heap_role(void)
{
    uint8_t *h = sbrk(HEAP_BYTES);
    if (h == (void *)-1)
        return 1;
    for (uint32_t i = 0; i < HEAP_BYTES; i += 4096)
        *(uint32_t *)(h + i) = i ^ 0x5a5a5a5a;
    for (uint32_t i = 0; i < HEAP_BYTES; i += 4096)
        if (*(uint32_t *)(h + i) != (i ^ 0x5a5a5a5a))
            return 2;
    if (sbrk(-(intptr_t)(HEAP_BYTES / 2)) == (void *)-1 || sbrk(HEAP_BYTES / 2) == (void *)-1)
        return 3;
    return *(uint32_t *)(h + HEAP_BYTES - 4096) == 0 ? 0 : 4;
}

/* The middle of the window: above every heap, below the stack's reserve. */
static int wild_role(void)
{
    return *(volatile uint32_t *)(vt_window() + VM_WINDOW / 2) == 0 ? 5 : 6;
}

static int text_role(void)
{
    *(volatile uint8_t *)(uintptr_t)&text_role = 0xc3;
    return 7;
}

/* Below the stack's 1 MiB reserve. */
static int deep_role(void)
{
    return *(volatile uint32_t *)(vt_window() + VM_WINDOW - VM_STACK_MAX - 4096) == 0 ? 8 : 9;
}

/* A user asks for an admin request: VM refuses. */
static int user_role(void)
{
    uint32_t bad;
    int r1 = vm_copy_as(SELF, SELF, vt_window(), 4096), r2 = vm_check(&bad);
    return r1 == EPERM && r2 == EPERM ? 0 : 10;
}

/* COW child (users may only SENDREC and RECEIVE): take the parent's GO,
 * check its heap, write page 0, answer with SENDREC, whose reply is the
 * second GO; then page 0 must be ours and page 1 still the old bytes after
 * the parent wrote its own copy.  The status says how it went. */
static int cow_check_pages(const message *m, int round)
{
    const uint32_t *h = (const uint32_t *)m->m_u.m1.p1;
    uint32_t pages = m->m_u.m1.p2 / 4096, bad = 0;
    for (uint32_t p = 0; p < pages; p++)
        bad += h[p * 1024] != (round == 1 && p == 0 ? 0xc41d0000u : 0xc0c00000u + p);
    return (int)bad;
}

static int cow_role(void)
{
    message m;
    endpoint_t parent;
    int bad;

    if (ipc_receive(ANY, &m) != OK || m.m_type != VT_GO)
        return 11;
    parent = m.m_source;
    bad = cow_check_pages(&m, 0);
    *(uint32_t *)m.m_u.m1.p1 = 0xc41d0000u;       /* the child's own copy */
    m.m_type = VT_ANSWER;
    m.m_u.m1.i1 = bad;
    if (ipc_sendrec(parent, &m) != OK || m.m_type != VT_GO)
        return 12;
    return cow_check_pages(&m, 1) ? 13 : 0;
}

/* A granter: lend the parent 64 bytes in the second of two heap pages we
 * never touch, wait (SENDREC) while it copies into them, then check. */
static int granter_role(void)
{
    struct whoami_info wi;
    uint8_t *h = sbrk(8192);
    message m;
    cp_grant_id_t g;

    if (h == (void *)-1 || sys_whoami(&wi) != OK)
        return 14;
    if ((g = cpf_grant_direct(wi.parent, (vir_bytes)h + 4096, 64, CPF_WRITE)) < 0)
        return 15;
    memset(&m, 0, sizeof(m));
    m.m_type = VT_GRANT;
    m.m_u.m1.i1 = g;
    if (ipc_sendrec(wi.parent, &m) != OK || m.m_type != VT_GO)
        return 16;
    for (int i = 0; i < 64; i++)
        if (h[4096 + i] != 0x5c)
            return 17;
    return 0;
}

void vt_child(const char *role)
{
    static const struct { const char *name; int (*fn)(void); } roles[] = {
        { "stack", stack_role }, { "heap", heap_role }, { "wild", wild_role },
        { "text", text_role }, { "deep", deep_role }, { "user", user_role },
        { "cow", cow_role }, { "granter", granter_role },
    };
    for (unsigned i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
        if (!strcmp(role, roles[i].name))
            sys_exit(roles[i].fn());
    sys_exit(99);
}
