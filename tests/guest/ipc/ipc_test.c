/* ipc_test: the `ipc` suite.  Boot image: ipc_test ipc_peer fault_test.
 *
 * Each test spawns ipc_peer copies with a role (peer.h) and checks what the
 * kernel delivers, and in which order, against MINIX IPC semantics.
 * IPC_REPLY_RECV has its own file (ipc_test_reply.c). */
#include <stdio.h>
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include "ipc_test.h"

#define SUITE "ipc"
#define CHECK(test, cond, ...) LT_CHECK(SUITE, test, cond, __VA_ARGS__)

endpoint_t echo_server;

static void sleep_ticks(uint32_t ticks)
{
    message m;
    sys_setalarm(ticks);
    ipc_receive(CLOCK, &m);
}

endpoint_t spawn_peer(int role, int param)
{
    endpoint_t ep = NONE;
    int r = sys_spawn("ipc_peer", PEER_ARG(role, param), &ep);
    if (r != OK)
        printf("ipc_test: spawn role %d failed: %d\n", role, r);
    return ep;
}

/* Wait until `ep` is gone: a receive from a dying process ends with ESRCDIED,
 * from a dead one with EDEADSRCDST. */
int wait_for_exit(endpoint_t ep)
{
    message m;
    int r;
    while ((r = ipc_receive(ep, &m)) == OK)
        ;
    return r;
}

/* An exited process's slot is free again once PM has collected the exit. */
static void wait_reaped(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    for (int round = 0; round < 100; round++) {
        int n = sys_proctab(tab, NR_TASKS + NR_PROCS), found = 0;
        for (int i = 0; i < n; i++)
            found |= tab[i].endpoint == ep;
        if (!found)
            return;
        message m;
        sys_setalarm(1);
        ipc_receive(CLOCK, &m);
    }
}

static uint32_t ticks_now(void)
{
    uint64_t tsc;
    uint32_t t = 0;
    sys_times(&tsc, &t, NULL);
    return t;
}

static int is_blocked(endpoint_t ep)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
    for (int i = 0; i < n; i++)
        if (tab[i].endpoint == ep)
            return (tab[i].flags & PI_BLOCKED) != 0;
    return 0;
}

/* Wait until the kernel reports `ep` blocked in IPC (PI_BLOCKED), with a
 * deadline of BLOCK_DEADLINE ticks.  The roles waited for here do nothing
 * else that blocks, so blocked means: it has done everything before its
 * send to us (or, for the sleeper, it sits in its receive from CLOCK).
 * Returns 1 if it got there.  Polling from CLOCK leaves the peers'
 * messages and notifications queued. */
#define BLOCK_DEADLINE 1000          /* 10 s: QEMU on a busy 2-core host */
static int wait_blocked(endpoint_t ep)
{
    uint32_t t0 = ticks_now();
    while (!is_blocked(ep)) {
        if (ticks_now() - t0 > BLOCK_DEADLINE)
            return 0;
        sleep_ticks(1);             /* poll interval of this deadline loop */
    }
    return 1;
}

static void test_sendrec(void)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = 41;
    m.m_u.m1.i1 = 1234;
    strcpy(m.m_u.m_str + 16, "hello");
    r = ipc_sendrec(echo_server, &m);
    CHECK("sendrec", r == OK && m.m_type == 42 && m.m_u.m1.i1 == 1234 &&
          m.m_source == echo_server && !strcmp(m.m_u.m_str + 16, "hello"),
          "r=%d type=%d i1=%d source=%d", r, m.m_type, m.m_u.m1.i1, m.m_source);
}

static void test_ordering(void)
{
    endpoint_t p = spawn_peer(ROLE_BURST, 50);
    message m;
    int expect = 0, bad = 0;
    for (int i = 0; i < 50; i++) {
        if (ipc_receive(p, &m) != OK || m.m_u.m1.i1 != expect++ || m.m_source != p)
            bad++;
    }
    wait_for_exit(p);
    CHECK("ordering", bad == 0, "%d of 50 messages out of order or wrong", bad);
}

static void test_receive_specific(void)
{
    endpoint_t a = spawn_peer(ROLE_SEND_ONE, 1), b = spawn_peer(ROLE_SEND_ONE, 2);
    message m1, m2;
    int r1, r2, blocked = wait_blocked(a) && wait_blocked(b);   /* both sending to us */
    r1 = ipc_receive(b, &m1);                 /* b first, although a sent first */
    r2 = ipc_receive(ANY, &m2);
    CHECK("receive_specific", blocked && r1 == OK && m1.m_source == b && m1.m_u.m1.i1 == 2,
          "blocked %d, r=%d source=%d value=%d (want %d, 2)", blocked, r1, m1.m_source,
          m1.m_u.m1.i1, b);
    CHECK("receive_any", r2 == OK && m2.m_source == a && m2.m_u.m1.i1 == 1,
          "r=%d source=%d value=%d (want %d, 1)", r2, m2.m_source, m2.m_u.m1.i1, a);
    wait_for_exit(a);
    wait_for_exit(b);
}

static void test_notify_coalescing(void)
{
    endpoint_t p = spawn_peer(ROLE_NOTIFIER, 5);
    message m1, m2;
    int blocked = wait_blocked(p);            /* 5 notifies posted, blocked sending DONE */
    int r1 = ipc_receive(ANY, &m1);
    int r2 = ipc_receive(ANY, &m2);
    CHECK("notify_first", blocked && r1 == OK && IS_NOTIFY(m1.m_type) && m1.m_source == p,
          "notifier blocked %d; first message: r=%d type=%#x source=%d", blocked, r1,
          m1.m_type, m1.m_source);
    CHECK("notify_coalesced", r2 == OK && m2.m_type == MSG_DONE && m2.m_source == p,
          "second message: r=%d type=%#x (want DONE: 5 notifies must coalesce into one)",
          r2, m2.m_type);
    wait_for_exit(p);
}

static void test_sendnb(void)
{
    endpoint_t busy = spawn_peer(ROLE_SLEEPER, 0);
    message m;
    int r_busy, r_ready, blocked = wait_blocked(busy);   /* in its receive from CLOCK */
    memset(&m, 0, sizeof(m));
    r_busy = ipc_sendnb(busy, &m);
    m.m_type = 7;
    r_ready = ipc_sendnb(echo_server, &m);    /* echo server waits in receive(ANY) */
    if (r_ready == OK)
        ipc_receive(echo_server, &m);         /* collect the echo */
    CHECK("sendnb_busy", blocked && r_busy == ENOTREADY,
          "busy peer blocked %d; sendnb to it gave %d, want ENOTREADY", blocked, r_busy);
    CHECK("sendnb_ready", r_ready == OK && m.m_type == 8, "r=%d reply type=%d", r_ready, m.m_type);
    sys_kill(busy, 0);
}

static void test_senda(void)
{
    static asynmsg_t tab[4];
    endpoint_t p = spawn_peer(ROLE_ASYNC_RECEIVER, 3), gone = spawn_peer(ROLE_EXIT_NOW, 0);
    message m;
    int r, done = 0;

    wait_for_exit(gone);
    memset(tab, 0, sizeof(tab));
    for (int i = 0; i < 3; i++) {
        message *am = (message *)tab[i].msg;
        tab[i].flags = AMF_VALID;
        tab[i].dst = p;
        am->m_type = MSG_DATA;
        am->m_u.m1.i1 = 10 * (i + 1);
    }
    tab[3].flags = AMF_VALID;
    tab[3].dst = gone;
    r = ipc_senda(tab, 4);                     /* returns at once */
    int r2 = ipc_receive(p, &m);               /* the receiver's summary */
    for (int i = 0; i < 3; i++)
        done += (tab[i].flags & AMF_DONE) && tab[i].result == OK;
    CHECK("senda_returns", r == OK, "senda gave %d", r);
    CHECK("senda_delivery", r2 == OK && m.m_type == MSG_SUMMARY && m.m_u.m1.i1 == 3 &&
          m.m_u.m1.i2 == 60 && done == 3,
          "r=%d type=%#x got=%d sum=%d done=%d", r2, m.m_type, m.m_u.m1.i1, m.m_u.m1.i2, done);
    CHECK("senda_dead_dst", (tab[3].flags & AMF_DONE) && tab[3].result == EDEADSRCDST,
          "flags=%#x result=%d", tab[3].flags, tab[3].result);
    ipc_senda(NULL, 0);
    wait_for_exit(p);
}

static void test_deadlock(void)
{
    endpoint_t p = spawn_peer(ROLE_SEND_TO_PARENT, 9);
    message m;
    int r, r2, blocked = wait_blocked(p);      /* p is blocked sending to us */
    memset(&m, 0, sizeof(m));
    r = ipc_send(p, &m);                       /* we -> p -> we: a cycle */
    r2 = ipc_receive(p, &m);
    CHECK("deadlock", blocked && r == ELOCKED, "p blocked %d; send in a cycle gave %d, "
          "want ELOCKED", blocked, r);
    CHECK("deadlock_recovers", r2 == OK && m.m_u.m1.i1 == 9, "r=%d value=%d", r2, m.m_u.m1.i1);
    wait_for_exit(p);
}

static void test_dead_endpoints(void)
{
    endpoint_t p = spawn_peer(ROLE_EXIT_NOW, 0), q = spawn_peer(ROLE_DIE_ON_REQUEST, 0);
    message m;
    int r_dead, r_bad, r_died, r_task;

    wait_for_exit(p);
    memset(&m, 0, sizeof(m));
    r_dead = ipc_send(p, &m);
    r_bad = ipc_send(12345, &m);
    r_task = ipc_send(SYSTEM, &m);
    r_died = ipc_sendrec(q, &m);               /* q dies instead of replying */
    CHECK("send_dead", r_dead == EDEADSRCDST, "send to an exited process gave %d", r_dead);
    CHECK("send_bad", r_bad == EBADSRCDST, "send to a bad endpoint gave %d", r_bad);
    CHECK("send_task", r_task == ETRAPDENIED, "send to SYSTEM gave %d", r_task);
    CHECK("sendrec_died", r_died == ESRCDIED, "sendrec to a dying server gave %d", r_died);
}

static void test_endpoint_reuse(void)
{
    endpoint_t first = spawn_peer(ROLE_EXIT_NOW, 0), again = NONE;
    message m;
    int r_old, r_new = -1, tries;

    wait_for_exit(first);
    wait_reaped(first);
    for (tries = 0; tries < 8; tries++) {
        again = spawn_peer(ROLE_ECHO_SERVER, 0);
        if (ENDPOINT_NR(again) == ENDPOINT_NR(first))
            break;
        sys_kill(again, 0);
        wait_reaped(again);
    }
    memset(&m, 0, sizeof(m));
    r_old = ipc_send(first, &m);
    m.m_type = 100;
    r_new = ipc_sendrec(again, &m);
    CHECK("endpoint_reuse", ENDPOINT_NR(again) == ENDPOINT_NR(first) &&
          ENDPOINT_GEN(again) > ENDPOINT_GEN(first) && r_old == EDEADSRCDST &&
          r_new == OK && m.m_type == 101,
          "old %d new %d (slot %d/%d gen %d/%d), old send %d, new sendrec %d",
          first, again, ENDPOINT_NR(first), ENDPOINT_NR(again), ENDPOINT_GEN(first),
          ENDPOINT_GEN(again), r_old, r_new);
    sys_kill(again, 0);
}

static void test_reply_not_interleaved(void)
{
    endpoint_t slow = spawn_peer(ROLE_SLOW_ECHO, 3), noisy;
    message m, n;
    int r, r2;
    memset(&m, 0, sizeof(m));
    m.m_type = 200;
    noisy = spawn_peer(ROLE_NOTIFIER, 1);      /* notifies us while we wait */
    r = ipc_sendrec(slow, &m);
    r2 = ipc_receive(ANY, &n);
    CHECK("sendrec_reply_first", r == OK && m.m_type == 201 && m.m_source == slow,
          "r=%d type=%d source=%d", r, m.m_type, m.m_source);
    CHECK("notify_after_reply", r2 == OK && IS_NOTIFY(n.m_type) && n.m_source == noisy,
          "r=%d type=%#x source=%d", r2, n.m_type, n.m_source);
    ipc_receive(noisy, &n);                    /* its DONE message */
    wait_for_exit(noisy);
    sys_kill(slow, 0);
}

static void test_faults(void)
{
    static const char *const names[] = { "", "fault_null", "fault_kernel_write",
        "fault_privileged", "fault_divide", "fault_bad_trap", "fault_jump", "fault_write_text" };
    for (unsigned i = 1; i < sizeof(names) / sizeof(names[0]); i++) {
        endpoint_t p = NONE;
        message m;
        int r = sys_spawn("fault_test", i, &p), r_wait = -1, r_after, survived = 0;
        if (r == OK)
            while ((r_wait = ipc_receive(p, &m)) == OK)
                survived = 1;              /* it only sends if the fault did not happen */
        memset(&m, 0, sizeof(m));
        r_after = ipc_sendnb(p, &m);
        CHECK(names[i], r == OK && !survived && (r_wait == ESRCDIED || r_wait == EDEADSRCDST) &&
              r_after == EDEADSRCDST,
              "spawn %d, survived %d, wait %d, send after %d", r, survived, r_wait, r_after);
    }
}

/* The kernel hands a process its segment registers back exactly as it left
 * them, whatever they hold: trap.S reloads DS/ES only when they are not the
 * flat user data segment, and restores only what differs.  A sendrec to the
 * echo server runs it (other segments) in between.  ds_es/fs_gs pack two
 * selectors each (low half first); the same variables return what came
 * back.  Only SS-relative pushes and pops run while DS may be null. */
#define USER_DATA_SEL 0x23            /* GDT entry 4, RPL 3: what exec gives */
static int sendrec_with_segments(message *m, uint32_t *ds_es, uint32_t *fs_gs)
{
    int r = IPC_SENDREC;
    endpoint_t ep = echo_server;
    uint32_t count = 0;
    __asm__ volatile(
        "pushl %%ds\n\t" "pushl %%es\n\t" "pushl %%fs\n\t" "pushl %%gs\n\t"
        "pushl %%esi\n\t" "popl %%ds\n\t" "shrl $16, %%esi\n\t"
        "pushl %%esi\n\t" "popl %%es\n\t"
        "pushl %%edi\n\t" "popl %%fs\n\t" "shrl $16, %%edi\n\t"
        "pushl %%edi\n\t" "popl %%gs\n\t"
        "int %[vec]\n\t"
        "xorl %%esi, %%esi\n\t" "movw %%es, %%si\n\t" "shll $16, %%esi\n\t"
        "movw %%ds, %%si\n\t"
        "xorl %%edi, %%edi\n\t" "movw %%gs, %%di\n\t" "shll $16, %%edi\n\t"
        "movw %%fs, %%di\n\t"
        "popl %%gs\n\t" "popl %%fs\n\t" "popl %%es\n\t" "popl %%ds"
        : "+a"(r), "+b"(ep), "+c"(m), "+d"(count), "+S"(*ds_es), "+D"(*fs_gs)
        : [vec] "i"(IPC_VECTOR)
        : "memory", "cc");
    return r;
}

static void check_segments(const char *test, uint32_t ds_es, uint32_t fs_gs)
{
    message m;
    uint32_t got_ds_es = ds_es, got_fs_gs = fs_gs;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_type = 41;
    m.m_u.m1.i1 = 4321;
    r = sendrec_with_segments(&m, &got_ds_es, &got_fs_gs);
    CHECK(test, r == OK && m.m_type == 42 && m.m_u.m1.i1 == 4321 &&
          got_ds_es == ds_es && got_fs_gs == fs_gs,
          "r=%d type=%d i1=%d; ds/es %#x -> %#x, fs/gs %#x -> %#x", r, m.m_type,
          m.m_u.m1.i1, ds_es, got_ds_es, fs_gs, got_fs_gs);
}

static void test_segment_registers(void)
{
    check_segments("segments_null", 0, 0);
    check_segments("segments_mixed", 0x20 | USER_DATA_SEL << 16, USER_DATA_SEL);
}

static void test_bad_input(void)
{
    message m;
    int r_ptr, r_recv, r_op, r_kcall, r_kptr;
    memset(&m, 0, sizeof(m));
    r_ptr = ipc_send(echo_server, (message *)0x10);           /* kernel memory */
    r_recv = ipc_receive(ANY, (message *)0xfffff000);
    r_op = ({ int r_; __asm__ volatile("int $0x30" : "=a"(r_) : "a"(99), "b"(ANY), "c"(&m), "d"(0)
                                       : "memory"); r_; });
    r_kcall = kernel_call(KCALL_BASE + 999, &m);
    r_kptr = ({ int r_; __asm__ volatile("int $0x31" : "=a"(r_) : "a"(0x20) : "memory"); r_; });
    CHECK("bad_msg_pointer", r_ptr == EFAULT && r_recv == EFAULT, "send %d receive %d", r_ptr,
          r_recv);
    CHECK("bad_ipc_op", r_op == EBADCALL, "unknown IPC op gave %d", r_op);
    CHECK("bad_kernel_call", r_kcall == EBADREQUEST && r_kptr == EFAULT,
          "unknown call %d, bad pointer %d", r_kcall, r_kptr);
}

/* Buffers in user space that the MMU refuses: the kernel copies the current
 * process's buffers through their virtual address and turns the page fault
 * into EFAULT (usercopy.S); it must not panic.  Three kinds: a page that is
 * not mapped, a read-only page (program text) written by a kernel call, and
 * a message that starts 4 bytes below the top of the stack, where this
 * program's 16 MiB window ends (image/linkmap.txt) and nothing is mapped. */
#define UNMAPPED_USER_PAGE 0xffbfe000u    /* in user space, in no program's window */
#define PROGRAM_WINDOW     0x01000000u    /* each program's slice of user space */
static void test_user_buffer_faults(void)
{
    static struct proc_info tab[4];
    uint32_t sp, window_end;
    int r_unmapped, r_readonly, r_straddle, r_ok;

    __asm__ volatile("movl %%esp, %0" : "=r"(sp));
    window_end = (sp | (PROGRAM_WINDOW - 1)) + 1;
    r_unmapped = ipc_send(echo_server, (message *)UNMAPPED_USER_PAGE);
    r_readonly = sys_proctab((struct proc_info *)(uintptr_t)&test_user_buffer_faults, 4);
    r_straddle = ipc_send(echo_server, (message *)(window_end - 4));
    r_ok = sys_proctab(tab, 4);
    CHECK("fault_unmapped_buffer", r_unmapped == EFAULT, "send from an unmapped page gave %d",
          r_unmapped);
    CHECK("fault_readonly_buffer", r_readonly == EFAULT && r_ok > 0,
          "kernel call writing into program text gave %d (then %d)", r_readonly, r_ok);
    CHECK("fault_straddling_buffer", r_straddle == EFAULT,
          "send of a message running past the stack top gave %d", r_straddle);
}

int main(void)
{
    sef_startup();                  /* RS's init request (or none, when spawned) */
    ltest_plan(SUITE, 35 + REPLY_RECV_TESTS);
    echo_server = sys_find_proc("ipc_peer");
    printf("ipc_test: echo server is endpoint %d\n", echo_server);
    test_sendrec();
    test_ordering();
    test_receive_specific();
    test_notify_coalescing();
    test_sendnb();
    test_senda();
    test_deadlock();
    test_dead_endpoints();
    test_endpoint_reuse();
    test_reply_not_interleaved();
    test_faults();
    test_segment_registers();
    test_bad_input();
    test_user_buffer_faults();
    test_reply_recv();
    ltest_finish();
}
