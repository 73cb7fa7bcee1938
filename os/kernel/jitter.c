/* jitter.c: a seeded jitter in the clock and the scheduler.
 *
 * A race between processes shows up only under some interleavings.  With
 * seed=<n> on the command line (make test SEED=n, docs/testing.md), every
 * clock tick draws from a PRNG seeded with n and may
 *   - end the running process's quantum now (the moment of a preemption
 *     moves), when the process is preemptible, and
 *   - move a random process of a run queue to the front of that queue (the
 *     order of equal-priority processes changes).
 * Under QEMU -icount ... sleep=off (the harness adds it with a seed) ticks
 * arrive at the same instruction every boot, so the same seed gives the
 * same draws at the same moments: the same interleaving, replayed exactly.
 * A different seed gives other draws.
 *
 * Invariants kept: a non-preemptible process (a server) is never made to
 * lose the CPU, so no queue that holds it is reordered while it runs; a
 * process only moves within its own queue.  Without a seed nothing here
 * runs: clock_tick() tests jitter_on, and the IPC path never looks. */
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "jitter.h"

int jitter_on;
static uint32_t seed, state;

/* xorshift32: small, fast, and the same sequence for the same seed. */
static uint32_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static uint32_t parse_decimal(const char *s)
{
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

void jitter_init(void)
{
    const char *s = boot_option("seed");
    if (!s)
        return;
    seed = parse_decimal(s);
    state = seed * 2654435761u + 0x9e3779b9u;   /* xorshift must not start at 0 */
    if (state == 0)
        state = 1;
    jitter_on = 1;
    kprintf("jitter: seed %u\n", seed);
}

uint32_t jitter_seed(void) { return seed; }

static int queue_length(int q)
{
    int n = 0;
    for (struct proc *p = rdy_head[q]; p; p = p->p_nextready)
        n++;
    return n;
}

/* Move the k-th process of queue q to its front. */
static void to_front(int q, int k)
{
    struct proc *p = rdy_head[q];
    while (k-- > 0)
        p = p->p_nextready;
    dequeue(p);
    p->p_nextready = rdy_head[q];
    rdy_head[q] = p;
    if (!rdy_tail[q])
        rdy_tail[q] = p;
}

static int may_preempt(const struct proc *running)
{
    return running && running->p_priv && (running->p_priv->pi.flags & PREEMPTIBLE);
}

/* A queue may be reordered unless that would take the CPU from a running
 * process that is not preemptible. */
static int may_reorder(int q, const struct proc *running)
{
    return !(running && running->p_priority == q && running->p_rts_flags == 0 &&
             !may_preempt(running));
}

/* One tick's draws: maybe end the quantum, then, for each queue of two or
 * more, maybe bring a random member to the front. */
void jitter_tick(struct proc *running)
{
    if ((next_random() & 3) == 0 && may_preempt(running) && running->p_rts_flags == 0)
        sched_yield_quantum(running);
    for (int q = 0; q < NR_SCHED_QUEUES; q++) {
        int n = queue_length(q);
        uint32_t r;
        if (n < 2 || !may_reorder(q, running))
            continue;
        r = next_random();
        if (r & 1)
            to_front(q, (int)((r >> 8) % (uint32_t)n));
    }
}
