/* sk_senda.c: SENDA tables must be writable on every page (docs/ipc.md).
 *
 * Layout (security_kernel.ld): pages A, B, C in a row; A and C writable, B
 * read-only.  The 53-entry table starts 68 bytes before the end of A, so it
 * begins on A and ends on C (the only pages the kernel used to check):
 *   entry 0   on A (its message runs into B): valid, to the receiver;
 *   entries 1..51 on B, all zero (empty);
 *   entry 52  starts 4 bytes before the end of B: its flags word (AMF_VALID,
 *             in the read-only data) is on B, its destination and message on
 *             C, so the kernel could never mark it done.
 * The kernel must refuse the table (EFAULT) and deliver nothing.  A table
 * with the same geometry in writable memory is delivered once, entry by
 * entry, and every entry is marked done, so a second SENDA of it delivers
 * nothing again.  The receiver (a child) acknowledges each message; a SYNC
 * message sent after a check proves that everything before it was seen. */
#include <string.h>
#include "sk.h"

#define PAGE        4096
#define NENT        53
#define LAST        (NENT - 1)
#define TAB_OFF     (PAGE - 68)               /* table start inside page A */
#define MARK_A      0x5310                    /* entry 0 of the bad table */
#define MARK_RO     0x5311                    /* entry 52 of the bad table */
#define MARK_GOOD   0x5312                    /* the good table */
#define MARK_SYNC   0x5313

static uint8_t page_a[PAGE] __attribute__((section(".sk_page_a"), aligned(PAGE)));
static const uint32_t page_b[PAGE / 4] __attribute__((section(".sk_page_b"), aligned(PAGE))) = {
    [PAGE / 4 - 1] = AMF_VALID,              /* entry 52's flags */
};
static uint8_t page_c[PAGE] __attribute__((section(".sk_page_c"), aligned(PAGE)));
static uint8_t good_pages[3 * PAGE] __attribute__((aligned(PAGE)));
static asynmsg_t sync_tab[1];
static endpoint_t receiver;
static int seen[4], sync_no;                  /* acks by mark - MARK_A */

/* The first n bytes of a message (m_source, m_type and m1.i1 are the
 * first 12) with these fields. */
static void set_msg(uint8_t *msg, int type, int value, size_t n)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    m.m_u.m1.i1 = value;
    memcpy(msg, &m, n);
}

/* The table runs past the end of the array it starts in, on purpose: hide
 * the address from the compiler's bounds checks. */
static void *addr_of(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    __asm__("" : "+r"(a));
    return (void *)a;
}

/* Count acknowledgements until `n` of `mark` have come, or a deadline. */
static int wait_marks(int mark, int n)
{
    message m;
    while (seen[mark - MARK_A] < n) {
        if (wait_message(receiver, SK_ACK, 500, &m) != OK)
            return ETIMEDOUT;
        if (m.m_u.m1.i1 >= MARK_A && m.m_u.m1.i1 < MARK_SYNC)
            seen[m.m_u.m1.i1 - MARK_A]++;
    }
    return OK;
}

/* Send a SYNC and count acknowledgements until its own comes back.  A new
 * SENDA replaces the table registered before, so only sync once every entry
 * of the table under test has been delivered (or must never be). */
static int sync_receiver(void)
{
    message m;
    int want = ++sync_no;
    memset(sync_tab, 0, sizeof(sync_tab));
    sync_tab[0].flags = AMF_VALID;
    sync_tab[0].dst = receiver;
    set_msg(sync_tab[0].msg, MARK_SYNC, want, sizeof(message));
    if (ipc_senda(sync_tab, 1) != OK)
        return EFAULT;
    for (;;) {
        if (wait_message(receiver, SK_ACK, 500, &m) != OK)
            return ETIMEDOUT;
        if (m.m_u.m1.i1 == MARK_SYNC && m.m_u.m1.i2 == want)
            return OK;
        if (m.m_u.m1.i1 >= MARK_A && m.m_u.m1.i1 <= MARK_SYNC)
            seen[m.m_u.m1.i1 - MARK_A]++;
    }
}

static void test_readonly_middle(void)
{
    uint8_t *tab = addr_of(page_a + TAB_OFF);
    asynmsg_t *e0 = (asynmsg_t *)tab;
    int layout = (uintptr_t)page_b == (uintptr_t)page_a + PAGE &&
                 (uintptr_t)page_c == (uintptr_t)page_b + PAGE;
    memset(e0, 0, PAGE - TAB_OFF);
    e0->flags = AMF_VALID;
    e0->dst = receiver;
    set_msg(e0->msg, MARK_A, 0, 12);            /* the rest of it is on page B */
    uint8_t *c = addr_of(page_c);
    memcpy(c, &receiver, sizeof(receiver));    /* entry 52: dst, then result... */
    set_msg(c + 12, MARK_RO, 0, sizeof(message));   /* ...reserved, message */
    int r1 = ipc_senda((asynmsg_t *)tab, NENT);
    int s1 = sync_receiver();
    int a1 = seen[0], ro1 = seen[1];
    int r2 = ipc_senda((asynmsg_t *)tab, NENT);
    int s2 = sync_receiver();
    LT_CHECK(S, "senda_readonly_middle_page", layout && r1 == EFAULT && s1 == OK && a1 == 0 &&
             ro1 == 0 && e0->flags == AMF_VALID,
             "layout %d, senda %d, sync %d, delivered: entry 0 %d, read-only entry %d; "
             "entry 0 flags %#x", layout, r1, s1, a1, ro1, e0->flags);
    LT_CHECK(S, "senda_no_redelivery_readonly", r2 == EFAULT && s2 == OK && seen[0] == 0 &&
             seen[1] == 0, "second senda %d, sync %d, delivered: entry 0 %d, read-only entry %d",
             r2, s2, seen[0], seen[1]);
}

static int good_done(const asynmsg_t *t)
{
    int ok = 1;
    for (int i = 0; i < NENT; i++)
        if (t[i].flags & AMF_VALID)
            ok &= t[i].flags == (AMF_VALID | AMF_DONE) && t[i].result == OK;
    return ok;
}

/* The same geometry, writable: entries 0, 26 and 52 (on pages 1, 2, 3). */
static void test_good_table(void)
{
    asynmsg_t *t = addr_of(good_pages + TAB_OFF);
    memset(t, 0, NENT * sizeof(*t));
    for (int i = 0; i < NENT; i += LAST / 2) {
        t[i].flags = AMF_VALID;
        t[i].dst = receiver;
        set_msg(t[i].msg, MARK_GOOD, i, sizeof(message));
    }
    seen[2] = 0;
    int r1 = ipc_senda(t, NENT), s1 = wait_marks(MARK_GOOD, 3), first = seen[2];
    int done = good_done(t);
    int r2 = ipc_senda(t, NENT), s2 = sync_receiver();
    LT_CHECK(S, "senda_no_redelivery", r1 == OK && s1 == OK && first == 3 && done &&
             r2 == OK && s2 == OK && seen[2] == 3,
             "senda %d, wait %d, delivered %d of 3, all marked done %d; again: senda %d, "
             "sync %d, delivered %d in all", r1, s1, first, done, r2, s2, seen[2]);
}

void sk_senda_tests(void)
{
    receiver = sk_spawn(SK_ROLE_RECEIVER);
    if (receiver != NONE && sys_privctl(receiver, PRIV_SET_SYS, NULL) == OK)
        sys_privctl(receiver, PRIV_ALLOW, NULL);
    test_readonly_middle();
    test_good_table();
}

/* The receiver's side: acknowledge every message to the parent. */
void sk_receiver_role(endpoint_t parent)
{
    message m, ack;
    for (;;) {
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        memset(&ack, 0, sizeof(ack));
        ack.m_type = SK_ACK;
        ack.m_u.m1.i1 = m.m_type;
        ack.m_u.m1.i2 = m.m_u.m1.i1;
        ipc_send(parent, &ack);
    }
}
