/* proc.h: the process table.
 *
 * One struct proc per slot: kernel tasks at numbers -NR_TASKS..-1, then
 * NR_PROCS user-space slots.  Invariants:
 *   - a process is on a run queue iff p_rts_flags == 0;
 *   - p_endpoint is the slot's current incarnation; the generation part grows
 *     each time the slot is reused, so stale endpoints are detected;
 *   - p_reg is the first member: trap entry saves user registers there;
 *   - MF_DELIVER: p got a message (p_msg) that schedule() copies to its
 *     buffer (p_msg_addr) right after loading p's address space, through
 *     p's own mapping (ipc.c says why).
 */
#ifndef PROC_H
#define PROC_H

#include "kernel.h"
#include "frame.h"
#include "priv.h"
#include "trace.h"
#include <lantern/vm.h>
#include <lantern/signal.h>

#define NR_SLOTS        (NR_TASKS + NR_PROCS)
#define MAP_WORDS       ((NR_SLOTS + 31) / 32)
#define NR_SCHED_QUEUES 16
#define TASK_Q          0
#define SERVER_Q        4
#define USER_Q          7
#define IDLE_Q          15
#define DEFAULT_QUANTUM 10          /* ticks */

/* p_rts_flags: reasons a process cannot run */
#define RTS_SLOT_FREE   0x001       /* slot unused */
#define RTS_SENDING     0x002       /* blocked in SEND to p_sendto_e */
#define RTS_RECEIVING   0x004       /* blocked in RECEIVE from p_getfrom_e */
#define RTS_NO_PRIV     0x008       /* not allowed to run yet (RS decides) */
#define RTS_PROC_STOP   0x020       /* kernel task: never scheduled */
#define RTS_ZOMBIE      0x040       /* exited; slot kept until PM fetches the exit */
#define RTS_VMREQUEST   0x080       /* waits for VM to answer p_vmreq (vmreq.c) */
#define RTS_DEAD        (RTS_SLOT_FREE | RTS_ZOMBIE)  /* not an IPC partner */

/* p_misc_flags */
#define MF_SENDREC      0x001       /* RECEIVING half of a SENDREC: reply pending */
#define MF_RAN          0x002       /* has run at least once */
#define MF_BOOT         0x004       /* started from the boot image */
#define MF_EV_START     0x008       /* PM has not yet fetched its PROC_EV_START */
#define MF_DELIVER      0x010       /* p_msg goes to p_msg_addr when p next resumes */
#define MF_VMFETCHED    0x020       /* VM has fetched p_vmreq (vmreq.c) */
#define MF_VMIPC        0x040       /* p_vmreq is an IPC buffer fault (vmreq.c) */
#define MF_COWDONE      0x080       /* VM shared a safecopy's pages: copy the ends (cowcopy.c) */
#define MF_COWSKIP      0x100       /* VM refused to share: copy it all (cowcopy.c) */

struct proc {
    struct stackframe p_reg;        /* must be first */
    uint32_t  p_cr3;                /* physical address of the page directory */
    uint32_t *p_pgdir;              /* same, as a kernel pointer */
    int       p_nr;
    endpoint_t p_endpoint;
    uint32_t  p_rts_flags;
    uint32_t  p_misc_flags;
    uint8_t   p_priority;
    uint8_t   p_quantum;
    uint32_t  p_ticks_left;
    struct proc *p_nextready;

    /* IPC state */
    endpoint_t p_sendto_e;          /* valid while RTS_SENDING */
    endpoint_t p_getfrom_e;         /* valid while RTS_RECEIVING (may be ANY) */
    vir_bytes p_msg_addr;           /* user buffer of the pending send/receive */
    message   p_msg;                /* delivered, not yet copied out (MF_DELIVER) */
    int       p_ipc_op;             /* IPC_* of the pending operation */
    uint32_t  p_call_id;            /* trace id of the request being sent */
    uint32_t  p_recv_call_id;       /* trace id of the last request received */
    struct proc *p_caller_q;        /* head: processes blocked sending to me */
    struct proc *p_q_link;          /* next in someone's p_caller_q */
    uint32_t  p_notify_pending[MAP_WORDS];  /* by sender slot */
    uint32_t  p_asyn_pending[MAP_WORDS];    /* slots with SENDA entries for me */
    vir_bytes p_asyn_tab;           /* SENDA table in this process, or 0 */
    uint32_t  p_asyn_size;

    /* time */
    uint32_t  p_alarm_at;           /* tick at which CLOCK notifies, 0 = none */
    uint32_t  p_user_ticks, p_sys_ticks;

    /* identity */
    char      p_name[16];
    endpoint_t p_parent;
    uint32_t  p_spawn_arg;
    int       p_module;             /* boot module it runs, -1 for tasks */
    struct priv *p_priv;            /* privileges; NULL until RS sets them */
    /* A copy of what IPC reads of *p_priv, kept by priv_sync() (priv.c):
     * the round trip reads it from this slot, which it touches anyway,
     * instead of from priv_table, one more page (docs/benchmarks.md). */
    uint32_t  p_trap_mask;          /* TRAP_BIT(IPC_*) */
    uint32_t  p_ipc_to[PRIV_MAP_WORDS];
    int       p_priv_id;
    int       p_billable;           /* the priv has BILLABLE */
    int       p_exit_status;        /* valid while RTS_ZOMBIE */
    endpoint_t p_exit_by;

    /* grants (grant.c): the table registered by SYS_SETGRANT, in this
     * process's memory; 0 entries = none.  Per process, not per priv, so
     * user processes (which share one priv) have tables of their own. */
    vir_bytes p_grant_table;
    uint32_t  p_grant_entries;

    /* VM (vmreq.c): the pending request while RTS_VMREQUEST, the program's
     * layout for VMQ_LAYOUT, and a spawn's arguments until VM has mapped
     * its memory (exec_finish). */
    struct vm_request p_vmreq;
    vir_bytes p_window, p_heap_start;
    char      p_args[129];          /* ARGS_MAX + 1 (boot.h; exec.c checks) */
    /* IRQ lines (bit = line) that fired since this holder's last NOTIFY
     * from HARDWARE, which carries them (irq.c). */
    uint32_t  p_irq_pending;

    /* signals (system/do_signal.c): handler frames PM asked for
     * (SYS_SIGSEND), pushed in this order when p next returns to user
     * mode, so the last one sent runs first. */
    struct sig_req { uint32_t signo, handler, tramp, mask; } p_sigq[SIG_QUEUE_MAX];
    int       p_sigq_n;
};

extern struct proc proc_table[NR_SLOTS];
extern struct proc *current;        /* the process whose frame will be resumed */

#define proc_addr(nr)   (&proc_table[(nr) + NR_TASKS])
#define proc_index(p)   ((int)((p) - proc_table))
#define iskernelp(p)    ((p)->p_nr < 0)

static inline int is_free(const struct proc *p) { return p->p_rts_flags & RTS_SLOT_FREE; }

/* Privilege checks: a denied kernel call gives ECALLDENIED, a denied IPC
 * operation ETRAPDENIED, a denied destination ECALLDENIED. */
static inline int priv_may_call(const struct proc *p, int call)
{
    return (p->p_priv->pi.kcall_mask[call >> 5] >> (call & 31)) & 1;
}
static inline int priv_may_trap(const struct proc *p, int op)
{
    return (p->p_trap_mask >> op) & 1;
}
static inline int priv_may_send(const struct proc *src, const struct proc *dst)
{
    return dst->p_priv && priv_map_test(src->p_ipc_to, dst->p_priv_id);
}

static inline void map_set(uint32_t *map, int i) { map[i >> 5] |= 1u << (i & 31); }
static inline void map_clear(uint32_t *map, int i) { map[i >> 5] &= ~(1u << (i & 31)); }
static inline int map_test(const uint32_t *map, int i) { return (map[i >> 5] >> (i & 31)) & 1; }

/* proc.c */
void proc_init(void);
struct proc *proc_alloc(void);                       /* a free user slot, new generation */
void rts_clear(struct proc *p, uint32_t flags);
void sched_yield_quantum(struct proc *p);
void schedule(void) __attribute__((noreturn));        /* pick and resume a process */
void proc_exit(struct proc *p, int status, endpoint_t by);
void proc_fault(struct proc *p, const char *cause);
void proc_fault_at(struct proc *p, const char *cause, uint32_t cr2);
struct proc *proc_alloc_slot(int nr);                 /* that slot if free, else NULL */
extern struct proc *pm_proc;                         /* the process manager, or NULL */
extern struct proc *bill_ptr;                        /* charged for servers' time */
int proc_next_event(struct proc_event *ev, int consume);  /* OK or EAGAIN */

/* ipc.c: do_ipc() returns OK or an error for the caller, or IPC_BLOCKED when
 * the caller now waits (whoever wakes it sets its result). */
#define IPC_BLOCKED 1
void ipc_trap(struct proc *caller) __attribute__((noreturn));   /* int $IPC_VECTOR */
void ipc_proc_died(struct proc *p);
int notify_from_kernel(endpoint_t src_task, struct proc *dst);

/* system/do_signal.c: push p's pending handler frames before it resumes;
 * 0 if p can no longer run (it waits for VM to map its stack, or died). */
int sig_push_frames(struct proc *p);

/* irq.c: IRQ policies set by SYS_IRQCTL */
void irq_deliver(int line);                 /* the line fired: notify its holder */
void irq_proc_exit(struct proc *p);         /* drop p's policies, mask their lines */
uint32_t irq_take_pending(struct proc *p);  /* and clear them */
int irq_claim(struct proc *p, int line);    /* OK or EBUSY */
int irq_holder_ctl(struct proc *p, int line, int request);   /* OK or EPERM */


/* The IPC path's helpers are inline.  Under QEMU every return, and every
 * call or jump to another page, is a translated-block lookup, and after a
 * CR3 load (which empties QEMU's lookup cache) each costs a hash-table
 * search (docs/benchmarks.md). */
extern struct proc *rdy_head[NR_SCHED_QUEUES];       /* run queues (proc.c) */
extern struct proc *rdy_tail[NR_SCHED_QUEUES];

/* OK, EBADSRCDST (no generation or slot could ever give e), EDEADSRCDST */
static inline int endpoint_lookup(endpoint_t e, struct proc **pp)
{
    int nr = ENDPOINT_NR(e);
    struct proc *p;

    if (nr >= NR_PROCS || ENDPOINT_GEN(e) > ENDPOINT_MAX_GEN)   /* nr >= -NR_TASKS always */
        return EBADSRCDST;
    p = proc_addr(nr);
    if ((p->p_rts_flags & RTS_DEAD) || p->p_endpoint != e)
        return EDEADSRCDST;
    *pp = p;
    return OK;
}

static inline void enqueue(struct proc *p)
{
    int q = p->p_priority;
    p->p_nextready = NULL;
    if (rdy_head[q])
        rdy_tail[q]->p_nextready = p;
    else
        rdy_head[q] = p;
    rdy_tail[q] = p;
}

static inline void dequeue(struct proc *p)
{
    int q = p->p_priority;
    struct proc **xpp = &rdy_head[q], *prev = NULL;

    for (; *xpp; prev = *xpp, xpp = &(*xpp)->p_nextready) {
        if (*xpp == p) {
            *xpp = p->p_nextready;
            if (rdy_tail[q] == p)
                rdy_tail[q] = prev;
            return;
        }
    }
}

/* rts_block/rts_unblock change the state only and say whether p stopped /
 * started being runnable; IPC uses them and folds the event into its own
 * record (TRF_SRC_BLOCKED, TRF_DST_WOKE, ...).  rts_set/rts_clear also
 * write the SCHED_BLOCK / SCHED_UNBLOCK record. */
static inline int rts_block(struct proc *p, uint32_t flags)
{
    uint32_t old = p->p_rts_flags;
    p->p_rts_flags |= flags;
    if (old != 0 || p->p_rts_flags == 0)
        return 0;
    dequeue(p);
    return 1;
}

static inline int rts_unblock(struct proc *p, uint32_t flags)
{
    uint32_t old = p->p_rts_flags;
    p->p_rts_flags &= ~flags;
    if (old == 0 || p->p_rts_flags != 0)
        return 0;
    if (p->p_ticks_left == 0)
        p->p_ticks_left = p->p_quantum;
    enqueue(p);
    return 1;
}

/* rts_block() plus the SCHED_BLOCK record.  Inline: the server's RECEIVE
 * blocks with it on every round trip. */
static inline void rts_set(struct proc *p, uint32_t flags)
{
    if (rts_block(p, flags))
        TRACE(SCHED_BLOCK, p->p_endpoint, p->p_rts_flags,
                          (flags & RTS_SENDING) ? p->p_sendto_e :
                          (flags & RTS_RECEIVING) ? p->p_getfrom_e : NONE, p->p_ipc_op);
}

#endif
