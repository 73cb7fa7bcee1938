/* priv.h: privileges of system processes (the SYS_PRIVCTL ABI).
 *
 * Every process runs under one privilege structure ("priv").  Kernel tasks
 * and RS, the root system process, get theirs from the kernel at boot; every
 * other boot process starts with RTS_NO_PRIV and cannot run until RS installs
 * a priv (PRIV_SET_SYS or PRIV_SET_USER) and then allows it (PRIV_ALLOW).
 *
 * Priv ids: static ids are the process number + NR_TASKS, and exist only for
 * the kernel tasks (0..3) and RS (4).  All user processes share USER_PRIV_ID.
 * System services get a dynamic id from [FIRST_DYN_PRIV_ID, NR_SYS_PRIVS).
 *
 * IPC send masks are bitmaps indexed by priv id and kept symmetric by the
 * kernel: if A may send to B then B may send to A.  A bit that names a free
 * priv slot is dropped; it comes back when the other side gets its priv with
 * a mask that names this one.
 *
 * What a parent that is not RS may give its child (PRIV_SET_SYS, PRIV_ADD_*):
 * at most what the parent has, field by field.  RS (ROOT_SYS_PROC) is not
 * limited: it holds the policy (servers/rs/table.c).
 *   flags      privilege flags (SYS_PROC, and any other bit that grants
 *              something) only if the parent has them; ROOT_SYS_PROC never.
 *              PRIV_RESTRICTING_FLAGS take something away, so the child keeps
 *              every one the parent has: a child of a preemptible parent is
 *              preemptible, a child of a billable parent billable.  The child
 *              is always CHECK_IO_PORT | CHECK_IRQ | CHECK_MEM: it uses only
 *              the ranges it is given.
 *   trap_mask, kcall_mask   intersected with the parent's.
 *   ipc_to     the child may send to its parent, and to a target B only if
 *              (1) the parent may send to B, and (2) B admits user processes
 *              (B's own mask names USER_PRIV_ID).  Rule 1 is "at most what the
 *              parent has".  Rule 2 is needed because masks are symmetric:
 *              the bit child -> B also lets B send to the child, and lets the
 *              child reach B, a process B never agreed to talk to.  A service
 *              that admits users already talks to anyone who asks (any process
 *              may be made a user), so it gains nothing new; a service with a
 *              closed list (RS's labels) is opened to nobody by a parent, and
 *              neither are user processes or the parent's other children.
 *              Bits that break a rule are dropped (PRIV_QUERY shows the result).
 *   io, mem    every range must lie inside one range the parent holds in its
 *              own io[] / mem[]; irq: every line must be in the parent's irq[].
 *              A parent holds exactly the ranges listed in its priv (its CHECK_
 *              flags do not matter: a parent with no list hands down nothing).
 *              A range the parent does not hold is refused with EPERM, and
 *              PRIV_SET_SYS then changes nothing.
 */
#ifndef LANTERN_PRIV_H
#define LANTERN_PRIV_H

#include <lantern/types.h>
#include <lantern/endpoint.h>
#include <lantern/kcall.h>

/* Fixed process numbers: the kernel puts these boot modules in these slots
 * whatever their order in the boot image, so their endpoints are constants
 * (none of them is ever restarted). */
#define RS_PROC_NR        0      /* module "rs": root system process */
#define PM_PROC_NR        1      /* module "pm": process manager */
#define INIT_PROC_NR      2      /* module "init": root user process */
#define NR_FIXED_SLOTS    3      /* slots 0..2 are reserved for these three */
/* Module "vm", the memory manager (lantern/vm.h), has the last slot, also
 * reserved: at the end, so the endpoints of everything else are the same
 * with and without VM in the image. */
#define VM_PROC_NR        (NR_PROCS - 1)
#define RS_ENDPOINT       ((endpoint_t)RS_PROC_NR)
#define PM_ENDPOINT       ((endpoint_t)PM_PROC_NR)
#define INIT_ENDPOINT     ((endpoint_t)INIT_PROC_NR)

#define NR_SYS_PRIVS      48
#define PRIV_MAP_WORDS    ((NR_SYS_PRIVS + 31) / 32)
#define static_priv_id(nr) ((nr) + NR_TASKS)
#define RS_PRIV_ID        static_priv_id(RS_PROC_NR)          /* 4 */
#define USER_PRIV_ID      (RS_PRIV_ID + 1)                    /* 5 */
#define FIRST_DYN_PRIV_ID (USER_PRIV_ID + 1)                  /* 6 */

/* priv flags */
#define PREEMPTIBLE       0x002  /* quantum runs out; else runs until it blocks */
#define BILLABLE          0x004  /* charged for its own system time */
#define DYN_PRIV_ID       0x008  /* SET_SYS: kernel picks a dynamic id */
#define SYS_PROC          0x010  /* system process with its own priv slot */
#define CHECK_IO_PORT     0x020  /* I/O port use is checked against io[] */
#define CHECK_IRQ         0x040  /* IRQ use is checked against irq[] */
#define CHECK_MEM         0x080  /* memory mapping is checked against mem[]
                                    (VM_MAPPHYS and SYS_VMMAP VMMAP_PHYS, lantern/vm.h) */
#define ROOT_SYS_PROC     0x100  /* RS: may change anyone's privileges */
#define TEST_PROC         0x200  /* may report test results (SYS_TESTRESULT) */
#define TRACE_CTL         0x400  /* may steer the trace recorder (SYS_TRACECTL) */
#define MAGIC_GRANTS      0x800  /* its magic grants (of other processes' memory) work */
/* TEST_PROC, TRACE_CTL and MAGIC_GRANTS come from RS only (RS_ONLY_FLAGS): RS gives them
 * to the programs its table marks (servers/rs/table.c); a parent that is not
 * RS never hands them down, whatever it has itself. */
#define RS_ONLY_FLAGS     (ROOT_SYS_PROC | TEST_PROC | TRACE_CTL | MAGIC_GRANTS)
/* Flags that take something away from their holder (see above): a child of
 * a parent that is not RS keeps every one of these its parent has. */
#define PRIV_RESTRICTING_FLAGS (PREEMPTIBLE | BILLABLE | CHECK_IO_PORT | CHECK_IRQ | CHECK_MEM)

#define NR_IO_RANGE       8
#define NR_MEM_RANGE      4
#define NR_IRQ            4
#define KCALL_MASK_WORDS  2

#define TRAP_BIT(op)      (1u << (op))          /* op = IPC_* */

struct priv_range { uint32_t base, limit; };    /* inclusive */

/* The public view of a priv: argument of PRIV_SET_SYS, answer of PRIV_QUERY. */
struct priv_info {
    int32_t  id;                          /* priv id (SET_SYS: wanted static id) */
    int32_t  owner;                       /* endpoint owning the slot (query) */
    uint32_t flags;                       /* the flags above */
    uint32_t trap_mask;                   /* TRAP_BIT(IPC_*) */
    uint32_t ipc_to[PRIV_MAP_WORDS];      /* by priv id */
    uint32_t kcall_mask[KCALL_MASK_WORDS];/* bit = call - KCALL_BASE */
    uint32_t nr_io, nr_mem, nr_irq;
    struct priv_range io[NR_IO_RANGE];
    struct priv_range mem[NR_MEM_RANGE];
    uint32_t irq[NR_IRQ];
};

LANTERN_STATIC_ASSERT(NR_KCALLS <= 32 * KCALL_MASK_WORDS, "kernel-call mask too small");

static inline void priv_map_set(uint32_t *map, int i) { map[i >> 5] |= 1u << (i & 31); }
static inline int priv_map_test(const uint32_t *map, int i) { return (map[i >> 5] >> (i & 31)) & 1; }
static inline void kcall_allow(struct priv_info *p, int call)
{
    int n = call - KCALL_BASE;
    p->kcall_mask[n >> 5] |= 1u << (n & 31);
}

/* SYS_PRIVCTL: m1.i1 = target endpoint (or SELF), m1.i2 = request,
 * m1.p1 = argument pointer (struct priv_info or struct priv_range),
 * m1.i3 = IRQ for PRIV_ADD_IRQ.
 *
 * The caller must be SYS_PROC and either RS (ROOT_SYS_PROC) or the target's
 * parent (else EPERM); a parent cannot give its child rights the parent does
 * not have (the rules at the top), nor any of RS_ONLY_FLAGS even if it has
 * them.  PRIV_SET_SYS and PRIV_SET_USER work only while the target is not
 * allowed to run.  Errors: EINVAL for a bad target endpoint, request, count,
 * range (limit < base) or IRQ (>= 16); EFAULT for a bad argument pointer;
 * EPERM for a caller that may not, or a range or IRQ the parent does not
 * hold; ENOMEM when a target's range table is full. */
#define PRIV_ALLOW        1   /* clear RTS_NO_PRIV (target must have a priv) */
#define PRIV_DISALLOW     2   /* set RTS_NO_PRIV */
#define PRIV_SET_SYS      3   /* own priv slot; p1 = priv_info or 0 (defaults) */
#define PRIV_SET_USER     4   /* the shared user priv */
#define PRIV_ADD_IO       5   /* p1 = struct priv_range */
#define PRIV_ADD_MEM      6   /* p1 = struct priv_range */
#define PRIV_ADD_IRQ      7   /* m1.i3 = IRQ line */
#define PRIV_QUERY_MEM    8   /* p1 = struct priv_range: OK if inside one mem[] */
#define PRIV_QUERY        9   /* copy the target's priv_info to p1 */

/* SYS_PROCEVENT (PM only): fetch one pending process event into p1.
 * Returns OK with an event, or EAGAIN when there is none.  The kernel
 * notifies PM (from SYSTEM) when events are pending; an exited process's
 * slot stays reserved until PM has fetched its PROC_EV_EXIT. */
#define PROC_EV_START     1
#define PROC_EV_EXIT      2
struct proc_event {
    int32_t kind;          /* PROC_EV_* */
    int32_t endpoint;
    int32_t parent;        /* endpoint that spawned it, NONE for boot processes */
    int32_t status;        /* exit status; faults give PROC_FAULT_STATUS(vector) */
    int32_t by;            /* who ended it: itself, KERNEL (fault) or a killer */
    char    name[16];
};
#define PROC_FAULT_STATUS(vector) (-1000 - (int)(vector))

#endif
