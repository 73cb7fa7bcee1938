/* vt_trace.c: trace_pagefault_records: VM's answers leave VM_PAGEFAULT
 * records (ep, addr, err, eip, result) in the kernel's trace ring, one for
 * a fault VM resolved and one for a fault it refused.
 * trace_cow_break_record: after a fork (PM_FORK: the window shared
 * copy-on-write) our first write to a page leaves a COW_BREAK record
 * (grantee = us, addr = the page, result OK).  vm_test holds
 * TRACE_CTL (RS's table) to switch category vm on and read the ring. */
#include <unistd.h>
#include <sys/wait.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "vt.h"

static uint64_t ring_head(void)
{
    message st;
    return sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st) == OK ? st.m_u.m2.t1 : 0;
}

/* Scan records [from, head) for VM_PAGEFAULT of ep at page (any page when
 * page is 0) whose result is (ok ? OK : not OK). */
static int find_record(uint64_t from, endpoint_t ep, uint32_t page, int ok)
{
    static struct trace_rec buf[TRACECTL_READ_MAX];
    uint64_t head = ring_head();

    for (uint64_t i = from; i < head; i += TRACECTL_READ_MAX) {
        uint32_t n = head - i < TRACECTL_READ_MAX ? (uint32_t)(head - i) : TRACECTL_READ_MAX;
        if (sys_trace_read(i, n, buf) != OK)
            return 0;
        for (uint32_t k = 0; k < n; k++) {
            const uint32_t *a = buf[k].a;
            if (buf[k].seq == (uint32_t)(i + k) && buf[k].type == TEV_VM_PAGEFAULT &&
                (endpoint_t)a[0] == ep && (!page || (a[1] & ~4095u) == page) &&
                ((int)a[4] == OK) == ok)
                return 1;
        }
    }
    return 0;
}

/* Is there a COW_BREAK of ep at page in records [from, head)? */
static int find_cow_break(uint64_t from, endpoint_t ep, uint32_t page)
{
    static struct trace_rec buf[TRACECTL_READ_MAX];
    uint64_t head = ring_head();

    for (uint64_t i = from; i < head; i += TRACECTL_READ_MAX) {
        uint32_t n = head - i < TRACECTL_READ_MAX ? (uint32_t)(head - i) : TRACECTL_READ_MAX;
        if (sys_trace_read(i, n, buf) != OK)
            return 0;
        for (uint32_t k = 0; k < n; k++)
            if (buf[k].seq == (uint32_t)(i + k) && buf[k].type == TEV_COW_BREAK &&
                (endpoint_t)buf[k].a[2] == ep && buf[k].a[11] == page && buf[k].a[6] == OK)
                return 1;
    }
    return 0;
}

static void cow_break_test(endpoint_t self)
{
    volatile uint8_t *page;
    uint32_t before, after;
    uint64_t h0;
    int status = -1, found = 0, clean;
    pid_t child;

    before = vt_free();
    page = sbrk(4096);                            /* a VM frame (boot-time pages are */
    page[0] = 1;                                  /* the kernel's: copied, never shared) */
    sys_tracectl(TRACECTL_ENABLE, TC_GRANT, 0, 0, NULL);
    h0 = ring_head();
    if ((child = fork()) == 0)
        _exit(0);                                 /* the child only exits */
    if (child > 0) {
        page[0] = 2;                              /* shared with the child until now */
        found = find_cow_break(h0, self, (uint32_t)page);
        waitpid(child, &status, 0);
    }
    sys_tracectl(TRACECTL_DISABLE, TC_GRANT, 0, 0, NULL);
    sbrk(-4096);
    clean = vt_no_leak(before, &after);
    LT_CHECK(S, "trace_cow_break_record", child > 0 && found && status == 0 && clean,
             "fork %d, record %d, child status %d, free %u -> %u", (int)child, found, status,
             before, after);
}

void vt_trace_test(endpoint_t self)
{
    uint32_t before = vt_free(), after;
    uint64_t h0;
    volatile uint8_t *page;
    endpoint_t child;
    int status = 1, mine, refused, clean;

    sys_tracectl(TRACECTL_ENABLE, TC_VM, 0, 0, NULL);
    h0 = ring_head();
    page = sbrk(4096);
    page[0] = 1;                                  /* a fault VM resolves */
    child = vt_spawn_user("wild");                /* one VM refuses */
    vt_wait_child(child, &status);
    mine = find_record(h0, self, (uint32_t)page, 1);
    refused = find_record(h0, child, 0, 0);
    sys_tracectl(TRACECTL_DISABLE, TC_VM, 0, 0, NULL);
    sbrk(-4096);
    clean = vt_no_leak(before, &after);
    LT_CHECK(S, "trace_pagefault_records", mine && refused && clean,
             "resolved record %d, refused record %d (child status %d), free %u -> %u", mine,
             refused, status, before, after);
    cow_break_test(self);
}
