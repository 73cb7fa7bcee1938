/* check.c: invariant checks of the CHECK=1 build (-DLANTERN_CHECK).
 *
 * The kernel checks its own state, the run queues' lists at every kernel
 * exit (schedule(), just before the switch to user mode), the scans of all
 * slots and privs at every clock tick, and panics with the invariant's
 * name, where the check was called from and, from panic(), the stack:
 *   runq            each queue is a proper list (no loop, tail right), holds
 *                   only runnable processes of its own priority, each once
 *                   (every exit); every runnable process is on its queue
 *                   (every tick)
 *   priv_symmetric  send rights go both ways between privs in use, and no
 *                   bit names a free priv, a kernel task or the priv itself
 *   priv_copy       each slot's copy of its priv's IPC fields (priv_sync())
 *                   equals the priv
 *   slot_leak       a free slot holds no priv (runq keeps it off the
 *                   queues); a priv in use by a process is owned by a live
 *                   slot that uses it
 * Every freed frame is poisoned (0xcc) when it is freed, and checked when
 * it is taken again and by a sweep of a few frames per tick:
 *   frame_poison    a free frame was written after it was freed
 * Frame reference counts against mappings cannot be checked yet: there is
 * no VM server and no shared frame, each frame has one owner (memory.c).
 *
 * checkbreak=<runq|priv|slot|poison> on the command line breaks one
 * invariant on purpose, BREAK_TICK ticks after boot, so a test (suite
 * check) can see the named panic.  None of this is compiled without
 * LANTERN_CHECK. */
#ifdef LANTERN_CHECK
#include <stdarg.h>
#include <stdio.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "ksyms.h"
#include "check.h"

#define BREAK_TICK     30       /* the boot is long over by then */
#define SWEEP_PER_TICK 16       /* poisoned frames verified per clock tick */
#define POISON         0xccu
#define MAX_FRAMES     (KERNEL_MAP_LIMIT / PAGE_SIZE)

static uint32_t poisoned[MAX_FRAMES / 32];  /* freed and poisoned, not taken */
static uint32_t sweep_next;
static char break_what[16];

/* Stop with the invariant's name, what was wrong and the PC that ran the
 * check; panic() adds the stack. */
#define BROKEN(name, ...) broken(name, (uint32_t)__builtin_return_address(0), __VA_ARGS__)

static void __attribute__((noreturn, format(printf, 3, 4)))
broken(const char *name, uint32_t pc, const char *fmt, ...)
{
    char what[120];
    unsigned off = 0;
    const char *sym = ksym_lookup(pc, &off);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    panic("invariant %s broken: %s (checked from %s+%#x)", name, what, sym ? sym : "?", off);
}

/* ---- run queues ---------------------------------------------------- */

static void check_queue(int q, uint32_t *seen)
{
    struct proc *p = rdy_head[q], *last = NULL;
    int n = 0;
    for (; p; last = p, p = p->p_nextready) {
        int i = proc_index(p);
        if (++n > NR_SLOTS || map_test(seen, i))
            BROKEN("runq", "queue %d loops or holds %s twice", q, p->p_name);
        map_set(seen, i);
        if (p->p_rts_flags != 0)
            BROKEN("runq", "%s (ep %d) on queue %d with flags %#x", p->p_name,
                   p->p_endpoint, q, p->p_rts_flags);
        if (p->p_priority != q)
            BROKEN("runq", "%s on queue %d has priority %d", p->p_name, q, p->p_priority);
    }
    if (rdy_tail[q] != last)
        BROKEN("runq", "queue %d's tail is not its last process", q);
}

/* The queues themselves: cheap enough for every kernel exit. */
static void check_queues(void)
{
    uint32_t seen[MAP_WORDS] = { 0 };
    for (int q = 0; q < NR_SCHED_QUEUES; q++)
        check_queue(q, seen);
}

/* The other half: no runnable process off its queue (a scan of every
 * slot, so once per tick). */
static void check_runnable_queued(void)
{
    uint32_t seen[MAP_WORDS] = { 0 };
    for (int q = 0; q < NR_SCHED_QUEUES; q++)
        check_queue(q, seen);
    for (int i = 0; i < NR_SLOTS; i++)
        if (proc_table[i].p_rts_flags == 0 && !map_test(seen, i))
            BROKEN("runq", "runnable %s (ep %d) is on no queue", proc_table[i].p_name,
                   proc_table[i].p_endpoint);
}

/* ---- privileges ---------------------------------------------------- */

static int priv_in_use(int id) { return priv_table[id].pi.owner != NONE; }

static void check_priv_bits(int a)
{
    const uint32_t *to = priv_table[a].pi.ipc_to;
    for (int b = 0; b < NR_SYS_PRIVS; b++) {
        if (!priv_map_test(to, b))
            continue;
        if (!priv_in_use(b) || b == a || b < NR_TASKS)
            BROKEN("priv_symmetric", "priv %d may send to priv %d (free, a task or itself)",
                   a, b);
        if (!priv_map_test(priv_table[b].pi.ipc_to, a))
            BROKEN("priv_symmetric", "priv %d may send to %d, but not %d to %d", a, b, b, a);
    }
}

/* Without a priv a slot may keep any p_priv_id (proc_alloc_slot() zeroes
 * it; IPC reads it only when p_priv is set), but it must have no rights. */
static void check_priv_copy(const struct proc *p)
{
    const struct priv_info *pi = p->p_priv ? &p->p_priv->pi : NULL;
    int ok = (!pi || p->p_priv_id == (int)pi->id) &&
             p->p_trap_mask == (pi ? pi->trap_mask : 0);
    for (int w = 0; w < PRIV_MAP_WORDS; w++)
        ok &= p->p_ipc_to[w] == (pi ? pi->ipc_to[w] : 0);
    if (!ok)
        BROKEN("priv_copy", "%s (ep %d): its copy of priv %d differs", p->p_name,
               p->p_endpoint, pi ? (int)pi->id : -1);
}

static void check_privs(void)
{
    for (int a = 0; a < NR_SYS_PRIVS; a++)
        if (priv_in_use(a))
            check_priv_bits(a);
    for (int i = 0; i < NR_SLOTS; i++)
        check_priv_copy(&proc_table[i]);
}

/* ---- slots --------------------------------------------------------- */

/* The owner of a priv that is not the shared user priv (owner KERNEL)
 * must be a live process running under it. */
static void check_priv_owner(int id)
{
    const struct priv_info *pi = &priv_table[id].pi;
    struct proc *p;
    if (pi->owner == KERNEL || id < NR_TASKS)
        return;
    if (endpoint_lookup(pi->owner, &p) != OK && !(ENDPOINT_NR(pi->owner) < NR_PROCS &&
        (p = proc_addr(ENDPOINT_NR(pi->owner)))->p_endpoint == pi->owner))
        BROKEN("slot_leak", "priv %d is owned by ep %d, which is gone", id, pi->owner);
    if (p->p_priv != &priv_table[id])
        BROKEN("slot_leak", "priv %d is owned by %s, which runs under another", id, p->p_name);
}

static void check_slots(void)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        const struct proc *p = &proc_table[i];
        if ((p->p_rts_flags & RTS_SLOT_FREE) && p->p_priv)
            BROKEN("slot_leak", "free slot %d still holds priv %d", p->p_nr,
                   (int)p->p_priv->pi.id);
    }
    for (int id = 0; id < NR_SYS_PRIVS; id++)
        if (priv_in_use(id))
            check_priv_owner(id);
}

/* The run queues change at almost every exit: their lists are checked at
 * every one.  The scans of every slot and priv (~10^4 instructions) run
 * once per clock tick instead (check_tick): at every exit they, and even
 * the scan of all slots for runnable processes, slowed the system enough
 * to change its timing under Bochs (suite tracer-pics compares a QEMU and
 * a Bochs boot message by message). */
void check_kernel_exit(void)
{
    check_queues();
}

/* ---- poisoned frames ----------------------------------------------- */

/* A frame is freed: fill it with POISON; any write before it is taken
 * again shows. */
void check_frame_freed(phys_bytes pa)
{
    memset((void *)pa, (int)POISON, PAGE_SIZE);
    map_set(poisoned, (int)(pa / PAGE_SIZE));
}

static void verify_poison(uint32_t frame)
{
    const uint32_t *w = (const uint32_t *)(frame * PAGE_SIZE);
    for (uint32_t i = 0; i < PAGE_SIZE / 4; i++)
        if (w[i] != POISON * 0x01010101u)
            BROKEN("frame_poison", "free frame %#x written at +%#x (%#x) after it was freed",
                   frame * PAGE_SIZE, i * 4, w[i]);
}

void check_frame_taken(phys_bytes pa)
{
    uint32_t frame = pa / PAGE_SIZE;
    if (!map_test(poisoned, (int)frame))
        return;
    verify_poison(frame);
    map_clear(poisoned, (int)frame);
}

/* Verify up to SWEEP_PER_TICK poisoned frames, going round all of them. */
static void sweep_poison(void)
{
    int done = 0;
    for (uint32_t n = 0; n < MAX_FRAMES && done < SWEEP_PER_TICK; n++) {
        uint32_t f = sweep_next;
        sweep_next = (sweep_next + 1) % MAX_FRAMES;
        if ((f & 31) == 0 && poisoned[f >> 5] == 0) {
            sweep_next = (f + 32) % MAX_FRAMES;    /* a word of none: skip it */
            n += 31;
            continue;
        }
        if (map_test(poisoned, (int)f)) {
            verify_poison(f);
            done++;
        }
    }
}

/* ---- deliberate breaks (suite check) -------------------------------- */

/* A blocked process put on its run queue as if it could run. */
static void break_runq(void)
{
    for (int i = NR_TASKS; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        if (p->p_rts_flags && !(p->p_rts_flags & RTS_DEAD)) {
            enqueue(p);
            return;
        }
    }
}

/* One send right dropped on one side only. */
static void break_priv(void)
{
    for (int a = FIRST_DYN_PRIV_ID; a < NR_SYS_PRIVS; a++)
        for (int b = 0; b < NR_SYS_PRIVS && priv_in_use(a); b++)
            if (priv_map_test(priv_table[a].pi.ipc_to, b)) {
                priv_table[a].pi.ipc_to[b >> 5] &= ~(1u << (b & 31));
                return;
            }
}

static void break_slot(void)
{
    for (int i = NR_TASKS; i < NR_SLOTS; i++)
        if (proc_table[i].p_rts_flags & RTS_SLOT_FREE) {
            proc_table[i].p_priv = &priv_table[USER_PRIV_ID];
            return;
        }
}

static void break_poison(void)
{
    phys_bytes pa = page_alloc();
    if (!pa)
        return;
    page_free(pa);
    ((volatile uint8_t *)pa)[0x123] = 0;     /* a use after free */
}

static void do_break(void)
{
    kprintf("check: breaking invariant %s on purpose (checkbreak=)\n", break_what);
    if (!strcmp(break_what, "runq"))
        break_runq();
    else if (!strcmp(break_what, "priv"))
        break_priv();
    else if (!strcmp(break_what, "slot"))
        break_slot();
    else if (!strcmp(break_what, "poison"))
        break_poison();
}

/* Slots first: a leaked slot also has a priv copy that differs, and
 * slot_leak is the name that says what happened. */
void check_tick(void)
{
    if (break_what[0] && uptime_ticks == BREAK_TICK)
        do_break();
    check_runnable_queued();
    check_slots();
    check_privs();
    sweep_poison();
}

void check_init(void)
{
    const char *s = boot_option("checkbreak");
    int n = 0;
    while (s && s[n] && s[n] != ' ' && n < (int)sizeof break_what - 1) {
        break_what[n] = s[n];
        n++;
    }
    kprintf("check: invariant checks on (CHECK=1 build)%s%s\n", n ? "; will break " : "",
            break_what);
}
#endif
