/* seed.c: the run's seed (SEED=<n> | random) and the rerun command.
 *
 * SEED in the environment (make test SEED=n) gives every run the kernel
 * option seed=<n>, which turns on the kernel's scheduling jitter
 * (os/kernel/jitter.c), and boots QEMU with -icount shift=0,sleep=off, so
 * that timer interrupts land on the same instruction every boot and the
 * same seed replays the same interleaving.  SEED=random draws a fresh seed
 * for each run and prints it.  Without SEED nothing changes: no jitter,
 * no icount beyond the run's own key.
 *
 * Whatever the seed, a failing run gets one `#` line with the seed and the
 * one command that reruns it: LANTERN_RERUN (set by the Makefile, e.g.
 * "make test CHECK=1") then SUITE=<run> SEED=<n>. */
#define _GNU_SOURCE
#include <fcntl.h>
#include "harness.h"

static uint32_t random_seed(void)
{
    return random_u32() % 1000000000u;      /* short enough to type */
}

/* Sets c->seeded and c->seed from SEED, else from the run's seed= key (a
 * run that must always replay exactly: the fuzz run); dies on a seed that
 * is neither a number nor "random" (a typo must not silently run without
 * jitter). */
void seed_choose(struct runctx *c)
{
    const char *s = getenv("SEED");
    char *end;
    unsigned long v;

    if ((!s || !*s) && c->r->seed)
        s = c->r->seed;
    c->seeded = 0;
    if (!s || !*s)
        return;
    c->seeded = 1;
    if (!strcmp(s, "random")) {
        c->seed = random_seed();
        return;
    }
    v = strtoul(s, &end, 10);
    if (*end || v > 0xffffffffUL)
        die("SEED=%s: want a decimal number below 2^32, or random", s);
    c->seed = (uint32_t)v;
}

void seed_rerun_line(const struct runctx *c)
{
    const char *base = getenv("LANTERN_RERUN");
    if (!base || !*base)
        base = "make test";
    if (c->seeded)
        printf("#   seed %u; rerun: %s SUITE=%s SEED=%u\n", c->seed, base, c->r->name, c->seed);
    else
        printf("#   no seed (no jitter); rerun: %s SUITE=%s (add SEED=<n> to replay a seeded run)\n",
               base, c->r->name);
    fflush(stdout);
}
