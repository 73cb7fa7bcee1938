/* ipc.c: message passing (SEND, RECEIVE, SENDREC, NOTIFY, SENDNB, REPLY_RECV,
 * SENDA).
 *
 * Rendezvous semantics as in MINIX: a message moves when both sides are
 * ready, so the kernel never queues message contents.  It is copied from the
 * sender's buffer into the receiver's slot (p_msg), and from there into the
 * receiver's buffer when schedule() resumes the receiver (put_message says
 * why); a slot holds at most that one message.  A blocked sender waits on the
 * destination's p_caller_q (FIFO) with its buffer address; notifications
 * are one pending bit per source slot (so they coalesce); SENDA entries stay
 * in the sender's table and the destination's p_asyn_pending bit says where
 * to look.
 *
 * Receive order: pending notifications (lowest slot first), then blocked
 * senders in arrival order, then SENDA entries.  A process waiting for the
 * reply of a SENDREC (MF_SENDREC) accepts only a plain message from its
 * partner: no notification or SENDA entry can slip in before the reply.
 *
 * REPLY_RECV is a server's whole turn in one trap (seL4's ReplyRecv): the
 * reply goes only to a caller blocked in SENDREC waiting for this server,
 * never blocks, and then the caller receives as in RECEIVE.  Everything the
 * receive part can reject before blocking (the source endpoint, the buffer)
 * is checked before the reply goes out, so a failed call either replied and
 * then received, or did neither, except ELOCKED, which needs the state after
 * the reply (docs/ipc.md).
 *
 * Invariants: a process is RTS_SENDING iff it is on exactly one p_caller_q;
 * a RTS_RECEIVING process's buffer was checked writable when it blocked.
 */
#include "kernel.h"
#include "proc.h"
#include "vmreq.h"
#include "memory.h"
#include "trace.h"
#include "boot.h"
#include <lantern/ipc.h>

/* One IPC record: event ev (TEV_IPC_*), folded events `flags` (TRF_*).
 * Every IPC event has the same fields (TRACE_F_IPC) and category, so the
 * functions generated for IPC_SEND write them all, with the id chosen at
 * run time.  A round trip to a waiting server is three records: the SENDREC
 * (delivered, server woken, client blocked, switch), the REPLY (delivered,
 * client woken) and the server's SCHED_BLOCK in its next RECEIVE (switch);
 * two when the server uses REPLY_RECV, which folds its block into the REPLY
 * (src_receives, mini_receive()). */
#define TRACE_IPC(ev, flags, src, dst, m, status, call_id) do { \
        if (unlikely(trace_enabled & TC_IPC)) \
            TRACE_EMIT(IPC_SEND, (ev) | (uint32_t)(flags) << 24, (uint32_t)(src), \
                       (uint32_t)(dst), (uint32_t)(m)->m_type, (uint32_t)(status), \
                       (call_id), (m)->m_u.m_u32[0], (m)->m_u.m_u32[1]); \
    } while (0)

HOT static int accepts(const struct proc *dst, const struct proc *src, int plain_message)
{
    if ((dst->p_rts_flags & (RTS_RECEIVING | RTS_SENDING)) != RTS_RECEIVING)
        return 0;
    if (!plain_message && (dst->p_misc_flags & MF_SENDREC))
        return 0;
    return dst->p_getfrom_e == ANY || dst->p_getfrom_e == src->p_endpoint;
}

/* Follow the chain of blocked processes from `target`; if it comes back to
 * `caller`, blocking caller on target would never end. */
static int would_deadlock(const struct proc *caller, struct proc *target)
{
    struct proc *xp = target;
    for (int hops = 0; hops < NR_SLOTS; hops++) {
        endpoint_t next;
        if (xp->p_rts_flags & RTS_SENDING)
            next = xp->p_sendto_e;
        else if ((xp->p_rts_flags & RTS_RECEIVING) && xp->p_getfrom_e != ANY)
            next = xp->p_getfrom_e;
        else
            return 0;
        if (next == caller->p_endpoint)
            return 1;
        if (endpoint_lookup(next, &xp) != OK)
            return 0;
    }
    return 0;
}

/* Deliver a message to p, for its buffer at addr; the caller records the
 * delivery (an IPC_RECEIVE record, or TRF_DELIVERED on the send's record).
 * The message waits in p's slot, and schedule() copies it out when it next
 * resumes p, through p's own mapping: no walk of p's page table, whose pages
 * (directory, table, frame) would each cost a TLB refill under QEMU right
 * after a CR3 load.  The buffer was probed writable, so it is OK. */
static int put_message(struct proc *p, vir_bytes addr, const message *m, uint32_t call_id)
{
    p->p_recv_call_id = call_id;
    p->p_msg = *m;
    p->p_msg_addr = addr;
    p->p_misc_flags |= MF_DELIVER;
    return OK;
}

/* A blocked receiver got its message (status r): let it run.  Returns the
 * flag to fold into the sender's record. */
static inline __attribute__((always_inline)) uint32_t wake_receiver(struct proc *p, int r)
{
    p->p_reg.eax = (uint32_t)r;
    p->p_misc_flags &= ~MF_SENDREC;
    return rts_unblock(p, RTS_RECEIVING) ? TRF_DST_WOKE : 0;
}

/* The send half of a SENDREC completed: wait for the reply from `from`. */
HOT static void await_reply(struct proc *p, endpoint_t from)
{
    p->p_getfrom_e = from;
    p->p_misc_flags |= MF_SENDREC;
    p->p_ipc_op = IPC_RECEIVE;
    p->p_rts_flags = (p->p_rts_flags & ~RTS_SENDING) | RTS_RECEIVING;  /* stays off the queue */
}

static void enqueue_sender(struct proc *dst, struct proc *sender)
{
    struct proc **xpp = &dst->p_caller_q;
    while (*xpp)
        xpp = &(*xpp)->p_q_link;
    sender->p_q_link = NULL;
    *xpp = sender;
}

static int send_blocked(struct proc *caller, struct proc *dst, vir_bytes addr, int op,
                        uint32_t ev, const message *mp);

HOT static int mini_send(struct proc *caller, struct proc *dst, vir_bytes addr, int op)
{
    message m;
    int reply = (dst->p_misc_flags & MF_SENDREC) && dst->p_getfrom_e == caller->p_endpoint;
    uint32_t ev = reply ? TEV_IPC_REPLY : op == IPC_SENDREC ? TEV_IPC_SENDREC
                : op == IPC_SENDNB ? TEV_IPC_SENDNB : TEV_IPC_SEND;
    uint32_t call_id, flags;
    int r;

    if (op == IPC_REPLY_RECV && !reply)          /* only a caller waiting for us */
        return ENOTREADY;
    if (accepts(dst, caller, 1)) {               /* a reply always gets here */
        /* put_message(), with one copy: straight from the caller's buffer
         * into dst's slot.  A bad buffer leaves p_msg half written but not
         * delivered. */
        if (vm_copy_msg_from_caller(addr, &dst->p_msg) != OK)
            return EFAULT;
        dst->p_msg.m_source = caller->p_endpoint;
        dst->p_misc_flags |= MF_DELIVER;
        call_id = reply ? caller->p_recv_call_id : trace_new_call_id();
        /* A reply ends dst's own SENDREC: the request dst is serving (a
         * server that called another server on its way) stays the one its
         * own reply and safecopies belong to. */
        if (!reply)
            dst->p_recv_call_id = call_id;
        r = OK;
        flags = TRF_DELIVERED | wake_receiver(dst, OK);
        if (op == IPC_SENDREC) {                     /* now wait for the reply */
            caller->p_getfrom_e = dst->p_endpoint;
            caller->p_msg_addr = addr;
            caller->p_ipc_op = IPC_RECEIVE;
            caller->p_misc_flags |= MF_SENDREC;
            if (rts_block(caller, RTS_RECEIVING))
                flags |= TRF_SRC_BLOCKED;
            r = IPC_BLOCKED;
        }
        TRACE_IPC(ev, flags, caller->p_endpoint, dst->p_endpoint, &dst->p_msg,
                  r == IPC_BLOCKED ? OK : r, call_id);
        return r;
    }
    if (vm_copy_from_caller(addr, &m, sizeof(m)) != OK)
        return EFAULT;
    m.m_source = caller->p_endpoint;
    if (op == IPC_SENDNB)
        return ENOTREADY;
    return send_blocked(caller, dst, addr, op, ev, &m);
}

/* The destination is not waiting for us: queue the caller on it. */
COLD static int send_blocked(struct proc *caller, struct proc *dst, vir_bytes addr, int op,
                             uint32_t ev, const message *mp)
{
    uint32_t call_id, flags;
    if (caller == dst || would_deadlock(caller, dst))
        return ELOCKED;
    caller->p_call_id = call_id = trace_new_call_id();
    caller->p_sendto_e = dst->p_endpoint;
    caller->p_msg_addr = addr;
    caller->p_ipc_op = op;
    enqueue_sender(dst, caller);
    flags = rts_block(caller, RTS_SENDING) ? TRF_SRC_BLOCKED : 0;
    TRACE_IPC(ev, flags, caller->p_endpoint, dst->p_endpoint, mp, OK, call_id);
    return IPC_BLOCKED;
}

COLD static int receive_notification(struct proc *caller, endpoint_t src, vir_bytes addr)
{
    for (int w = 0; w < MAP_WORDS; w++) {
        for (uint32_t bits = caller->p_notify_pending[w]; bits; bits &= bits - 1) {
            int i = w * 32 + __builtin_ctz(bits);
            const struct proc *from = &proc_table[i];
            message m;
            if (src != ANY && src != from->p_endpoint)
                continue;
            map_clear(caller->p_notify_pending, i);
            memset(&m, 0, sizeof(m));
            m.m_source = from->p_endpoint;
            m.m_type = NOTIFY_MESSAGE;
            m.m_u.notify.timestamp = uptime_ticks;
            if (from->p_endpoint == HARDWARE)
                m.m_u.notify.pending_lo = irq_take_pending(caller);
            int r = put_message(caller, addr, &m, 0);
            TRACE_IPC(TEV_IPC_RECEIVE, 0, from->p_endpoint, caller->p_endpoint, &m, r, 0);
            return r;
        }
    }
    return IPC_BLOCKED;
}

COLD static int receive_from_queue(struct proc *caller, endpoint_t src, vir_bytes addr)
{
    for (struct proc **xpp = &caller->p_caller_q; *xpp; xpp = &(*xpp)->p_q_link) {
        struct proc *sender = *xpp;
        message m;
        int r;
        if (src != ANY && src != sender->p_endpoint)
            continue;
        *xpp = sender->p_q_link;
        sender->p_q_link = NULL;
        if ((r = vm_copy_in(sender, sender->p_msg_addr, &m, sizeof(m))) != OK) {
            sender->p_reg.eax = (uint32_t)r;         /* its buffer went away */
            rts_clear(sender, RTS_SENDING);
            return r;
        }
        m.m_source = sender->p_endpoint;
        r = put_message(caller, addr, &m, sender->p_call_id);
        uint32_t flags = 0;
        if (r == OK && sender->p_ipc_op == IPC_SENDREC) {
            await_reply(sender, caller->p_endpoint);
        } else {
            sender->p_reg.eax = (uint32_t)r;
            flags = rts_unblock(sender, RTS_SENDING) ? TRF_SRC_WOKE : 0;
        }
        TRACE_IPC(TEV_IPC_RECEIVE, flags, sender->p_endpoint, caller->p_endpoint, &m, r,
                  sender->p_call_id);
        return r;
    }
    return IPC_BLOCKED;
}

/* Write entry e back to its slot ea in sender's SENDA table, marked done with
 * `result`.  SENDA entries are marked done *before* their message is
 * delivered, so an entry is never delivered twice.  The table was checked
 * writable, page by page, when it was registered (senda_table_ok), so this
 * does not fail; if it did, the table is dropped: nothing more of it is
 * delivered.  OK or EFAULT. */
COLD static int senda_mark_done(struct proc *sender, vir_bytes ea, asynmsg_t *e, int result)
{
    e->flags |= AMF_DONE;
    e->result = result;
    if (vm_copy_out(sender, ea, e, sizeof(*e)) == OK)
        return OK;
    sender->p_asyn_size = 0;
    return EFAULT;
}

/* Mark entry e done, then put its message in `to`'s buffer at addr (and
 * wake `to` if it was blocked receiving: `wake`); a failed delivery is
 * written back as the entry's result.  IPC_BLOCKED if the entry could not
 * be marked (nothing delivered). */
COLD static int senda_put(struct proc *sender, struct proc *to, vir_bytes addr, vir_bytes ea,
                          asynmsg_t *e, int wake)
{
    uint32_t flags = TRF_DELIVERED;
    message m;
    int r;
    if (senda_mark_done(sender, ea, e, OK) != OK)
        return IPC_BLOCKED;
    memcpy(&m, e->msg, sizeof(m));
    m.m_source = sender->p_endpoint;
    if ((r = put_message(to, addr, &m, 0)) != OK)
        senda_mark_done(sender, ea, e, r);
    if (wake)
        flags |= wake_receiver(to, r);
    TRACE_IPC(TEV_IPC_SENDA, flags, sender->p_endpoint, to->p_endpoint, &m, r, 0);
    return r;
}

/* Deliver the first undelivered SENDA entry of `sender` addressed to
 * `caller`.  Clears caller's pending bit once sender has nothing more. */
static int asyn_deliver_from(struct proc *caller, struct proc *sender, vir_bytes addr)
{
    int r = IPC_BLOCKED, more = 0;
    for (uint32_t i = 0; i < sender->p_asyn_size && !more; i++) {
        vir_bytes ea = sender->p_asyn_tab + i * sizeof(asynmsg_t);
        asynmsg_t e;
        if (vm_copy_in(sender, ea, &e, sizeof(e)) != OK)
            break;
        if ((e.flags & (AMF_VALID | AMF_DONE)) != AMF_VALID || e.dst != caller->p_endpoint)
            continue;
        if (r != IPC_BLOCKED) {
            more = 1;
            break;
        }
        r = senda_put(sender, caller, addr, ea, &e, 0);
    }
    if (!more)
        map_clear(caller->p_asyn_pending, proc_index(sender));
    return r;
}

COLD static int receive_async(struct proc *caller, endpoint_t src, vir_bytes addr)
{
    for (int w = 0; w < MAP_WORDS; w++) {
        for (uint32_t bits = caller->p_asyn_pending[w]; bits; bits &= bits - 1) {
            struct proc *sender = &proc_table[w * 32 + __builtin_ctz(bits)];
            int r;
            if (src != ANY && src != sender->p_endpoint)
                continue;
            if ((r = asyn_deliver_from(caller, sender, addr)) != IPC_BLOCKED)
                return r;
        }
    }
    return IPC_BLOCKED;
}

/* Is any bit of a slot map set?  Straight-line code (MAP_WORDS is small),
 * so an empty map costs no loop. */
static inline int any_bit(const uint32_t *map)
{
    uint32_t any = 0;
    for (int w = 0; w < MAP_WORDS; w++)
        any |= map[w];
    return any != 0;
}

/* The caller checked src (sp is its process, NULL for ANY) and the buffer.
 * fold: the REPLY_RECV's own record, still open, which takes the caller's
 * SCHED_BLOCK as a flag if the receive blocks (NULL: write it). */
HOT static int mini_receive(struct proc *caller, endpoint_t src, struct proc *sp, vir_bytes addr,
                            struct trace_rec *fold)
{
    int r;

    if ((any_bit(caller->p_notify_pending) &&
         (r = receive_notification(caller, src, addr)) != IPC_BLOCKED) ||
        (caller->p_caller_q && (r = receive_from_queue(caller, src, addr)) != IPC_BLOCKED) ||
        (any_bit(caller->p_asyn_pending) &&
         (r = receive_async(caller, src, addr)) != IPC_BLOCKED))
        return r;
    if (sp && would_deadlock(caller, sp))
        return ELOCKED;
    caller->p_getfrom_e = src;
    caller->p_msg_addr = addr;
    caller->p_ipc_op = IPC_RECEIVE;
    if (fold && (trace_enabled & TC_SCHED)) {
        if (rts_block(caller, RTS_RECEIVING)) {
            fold->a[TRACE_RECV_FROM_WORD] = (uint32_t)src;
            fold->flags |= TRF_SRC_RECEIVES;
        }
    } else {
        rts_set(caller, RTS_RECEIVING);
    }
    return IPC_BLOCKED;
}

COLD static void post_notify(struct proc *src, struct proc *dst)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_source = src->p_endpoint;
    m.m_type = NOTIFY_MESSAGE;
    m.m_u.notify.timestamp = uptime_ticks;
    if (accepts(dst, src, 0)) {
        if (src->p_endpoint == HARDWARE)
            m.m_u.notify.pending_lo = irq_take_pending(dst);
        int r = put_message(dst, dst->p_msg_addr, &m, 0);
        uint32_t flags = TRF_DELIVERED | wake_receiver(dst, r);
        TRACE_IPC(TEV_IPC_NOTIFY, flags, src->p_endpoint, dst->p_endpoint, &m, r, 0);
    } else {
        map_set(dst->p_notify_pending, proc_index(src));
        TRACE_IPC(TEV_IPC_NOTIFY, 0, src->p_endpoint, dst->p_endpoint, &m, OK, 0);
    }
}

int notify_from_kernel(endpoint_t task, struct proc *dst)
{
    post_notify(proc_addr(ENDPOINT_NR(task)), dst);
    return OK;
}

/* Is every page of the table [tab, tab + count entries) present, user and
 * writable?  Every page, not just the first and the last: the kernel writes
 * each entry back, and one on a read-only page in the middle would stay
 * undone and be delivered again by the next SENDA.  count > 0. */
COLD static int senda_table_ok(struct proc *caller, vir_bytes tab, uint32_t count)
{
    vir_bytes last = tab + count * sizeof(asynmsg_t) - 1;
    if (last < tab)
        return 0;
    for (vir_bytes va = PAGE_ROUND_DOWN(tab); ; va += PAGE_SIZE) {
        if (!user_lookup(caller->p_pgdir, va, 1))
            return 0;
        if (va == PAGE_ROUND_DOWN(last))
            return 1;
    }
}

/* One entry of a new SENDA table: refuse it (a bad or forbidden destination
 * is the entry's result), deliver it now, or leave it pending at the
 * destination.  OK, or EFAULT if the table turned out unusable. */
COLD static int senda_entry(struct proc *caller, vir_bytes ea)
{
    struct proc *dst;
    asynmsg_t e;
    int r;

    if (vm_copy_in(caller, ea, &e, sizeof(e)) != OK)
        return EFAULT;
    if ((e.flags & (AMF_VALID | AMF_DONE)) != AMF_VALID)
        return OK;
    if ((r = endpoint_lookup(e.dst, &dst)) != OK || iskernelp(dst) || !priv_may_send(caller, dst)) {
        if (r == OK)
            r = iskernelp(dst) ? ETRAPDENIED : ECALLDENIED;
        return senda_mark_done(caller, ea, &e, r);
    }
    if (!accepts(dst, caller, 0)) {
        map_set(dst->p_asyn_pending, proc_index(caller));
        return OK;
    }
    return senda_put(caller, dst, dst->p_msg_addr, ea, &e, 1) == IPC_BLOCKED ? EFAULT : OK;
}

/* SENDA: check the whole table, remember it, deliver what can be delivered
 * now.  An unusable table (any page not user-writable) is refused with
 * EFAULT before anything happens: no entry is delivered or marked, and the
 * table registered before stays as it was. */
COLD static int mini_senda(struct proc *caller, vir_bytes tab, uint32_t count)
{
    int r;
    if (count > SENDA_MAX_ENTRIES)
        return E2BIG;
    if (count && !senda_table_ok(caller, tab, count))
        return EFAULT;
    caller->p_asyn_tab = tab;
    caller->p_asyn_size = count;
    for (uint32_t i = 0; i < count; i++)
        if ((r = senda_entry(caller, tab + i * sizeof(asynmsg_t))) != OK) {
            caller->p_asyn_size = 0;
            return r;
        }
    return OK;
}

/* Who may be sent to: the checks of every sending operation, in SENDNB's
 * order (REPLY_RECV fails with SENDNB's codes). */
static inline int send_target(struct proc *caller, endpoint_t partner, struct proc **dstp)
{
    int r;
    if ((r = endpoint_lookup(partner, dstp)) != OK)
        return r;
    if (iskernelp(*dstp))
        return ETRAPDENIED;                    /* kernel tasks take kernel calls only */
    if (unlikely(!priv_may_send(caller, *dstp)))
        return ECALLDENIED;
    return OK;
}

/* A failed trap: an EFAULT on a page of the caller's message VM may map
 * parks the caller for VM, and the trap runs again (vmreq.c); any other
 * failure is recorded and returned.  Every buffer check comes before
 * anything is sent or received, which is what makes the rerun safe. */
COLD static int ipc_failed(struct proc *caller, int op, endpoint_t partner, vir_bytes addr, int r)
{
    if (r == EFAULT && vm_ipc_fault(caller, op, addr))
        return IPC_BLOCKED;
    TRACE(IPC_FAIL, (uint32_t)op, (uint32_t)caller->p_endpoint, (uint32_t)partner, 0,
          (uint32_t)r, 0);
    return r;
}

/* The operations that receive into their buffer (SENDREC: the reply). */
#define RECEIVING_OPS (TRAP_BIT(IPC_RECEIVE) | TRAP_BIT(IPC_SENDREC) | TRAP_BIT(IPC_REPLY_RECV))

/* One pass for every operation but SENDA: the receive part's checks (RECEIVE,
 * REPLY_RECV), the send part (all but RECEIVE), then the receive.  One
 * copy of each part keeps the round trip's code in one page: the client's
 * SENDREC and the server's REPLY_RECV share the delivery in mini_send(). */
static inline __attribute__((always_inline))
int do_ipc(struct proc *caller, int op, endpoint_t partner, vir_bytes addr, uint32_t count)
{
    struct proc *dst = NULL, *sp = NULL;
    struct trace_rec *fold = NULL;
    endpoint_t src = op == IPC_RECEIVE ? partner : (endpoint_t)count;
    int r;

    if (unlikely((unsigned)op >= 32 || !priv_may_trap(caller, op))) {
        r = (unsigned)op < 32 && ((IPC_ALL_OPS >> op) & 1) ? ETRAPDENIED : EBADCALL;
        goto done;
    }
    if (unlikely(op == IPC_SENDA)) {
        r = mini_senda(caller, addr, count);
        goto done;
    }
    if ((op == IPC_RECEIVE || op == IPC_REPLY_RECV) && src != ANY &&
        (r = endpoint_lookup(src, &sp)) != OK)
        goto done;
    if ((TRAP_BIT(op) & RECEIVING_OPS) && !vm_msg_writable(addr)) {
        r = EFAULT;                               /* the buffer a message will go to */
        goto done;
    }
    if (op != IPC_RECEIVE) {
        if ((r = send_target(caller, partner, &dst)) != OK)
            goto done;
        if (op == IPC_NOTIFY) {
            post_notify(caller, dst);
            return OK;
        }
        if (op == IPC_SENDREC && dst == caller) {
            r = ELOCKED;
            goto done;
        }
        r = mini_send(caller, dst, addr, op);
        if (op != IPC_REPLY_RECV || r != OK)
            goto done;
        /* The reply's record is the one open (unless tracing is off or took
         * its slow path: filter, discard, LOST owed); the receive may fold
         * the caller's block into it. */
        if ((trace_enabled & TC_IPC) && !trace_w.slow)
            fold = trace_w.pend;
    }
    r = mini_receive(caller, src, sp, addr, fold);
done:
    if (unlikely(r < 0))
        r = ipc_failed(caller, op, partner, addr, r);
    return r;
}

/* The IPC trap: registers as in <lantern/ipc.h>, the result in eax unless
 * the caller blocked; then on to the next process.  It never returns, and
 * do_ipc() is inlined into it: under QEMU each return is a translated-block
 * lookup, slow after a CR3 load (proc.h). */
HOT void ipc_trap(struct proc *caller)
{
    struct stackframe *f = &caller->p_reg;
    int r = do_ipc(caller, (int)f->eax, (endpoint_t)f->ebx, f->ecx, f->edx);
    if (r != IPC_BLOCKED)
        f->eax = (uint32_t)r;
    schedule();
}

static void unblock_with(struct proc *p, uint32_t flag, int r)
{
    p->p_reg.eax = (uint32_t)r;
    p->p_misc_flags &= ~MF_SENDREC;
    rts_clear(p, flag);
}

/* p is leaving: nobody may stay blocked on it, and nothing of it may stay
 * pending anywhere. */
void ipc_proc_died(struct proc *p)
{
    int idx = proc_index(p);

    if (p->p_rts_flags & RTS_SENDING) {          /* leave the queue we wait on */
        struct proc *dst;
        if (endpoint_lookup(p->p_sendto_e, &dst) == OK)
            for (struct proc **xpp = &dst->p_caller_q; *xpp; xpp = &(*xpp)->p_q_link)
                if (*xpp == p) {
                    *xpp = p->p_q_link;
                    break;
                }
    }
    while (p->p_caller_q) {                      /* senders to p: EDSTDIED */
        struct proc *s = p->p_caller_q;
        p->p_caller_q = s->p_q_link;
        s->p_q_link = NULL;
        unblock_with(s, RTS_SENDING, EDSTDIED);
    }
    for (int i = 0; i < NR_SLOTS; i++) {
        struct proc *q = &proc_table[i];
        map_clear(q->p_notify_pending, idx);
        map_clear(q->p_asyn_pending, idx);
        if (q != p && (q->p_rts_flags & RTS_RECEIVING) && q->p_getfrom_e == p->p_endpoint)
            unblock_with(q, RTS_RECEIVING, ESRCDIED);
    }
    memset(p->p_notify_pending, 0, sizeof(p->p_notify_pending));
    memset(p->p_asyn_pending, 0, sizeof(p->p_asyn_pending));
    p->p_asyn_size = 0;
}
