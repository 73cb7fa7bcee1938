/* fz_gen.c: the seeded generator and the pools the rows draw from.
 *
 * One xorshift32 state per process, from the run's seed and the role, so a
 * seed replays each process's draws; with -icount and the kernel's jitter
 * seeded alike (make fuzz SEED=s), the interleaving replays too.
 * Endpoints come in classes: ourselves, kernel tasks, the magic values,
 * values that are never endpoints, stale ones (children that exited, and
 * generations not issued yet), random words, and the live processes.
 * Addresses: our scratch pages (the only memory a call may write), our
 * read-only code, kernel memory, unmapped pages, a range that runs off the
 * end of our data, and values near 2^32. */
#include "fuzz.h"

extern char _end[];
extern int main(void);
struct fz_state fz;
uint8_t fz_scratch[2 * FZ_PAGE] __attribute__((aligned(4096)));

uint32_t fz_rand(void)
{
    uint32_t x = fz.rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return fz.rng = x;
}

uint32_t fz_below(uint32_t n) { return n ? fz_rand() % n : 0; }
uint32_t fz_pick(const uint32_t *v, uint32_t n) { return v[fz_below(n)]; }

void fz_seed(uint32_t seed, enum fz_role role)
{
    fz.rng = (seed ^ (0x9e3779b9u * (uint32_t)role)) | 1;  /* xorshift state is never 0 */
    fz.role = role;
    for (int i = 0; i < 8; i++)
        fz_rand();
}

/* The live endpoints, from the kernel's process table. */
void fz_learn_live(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
    fz.nlive = 0;
    for (int i = 0; i < n && fz.nlive < FZ_MAX_LIVE; i++)
        if (!(tab[i].flags & PI_TASK))
            fz.live[fz.nlive++] = tab[i].endpoint;
}

void fz_note_stale(endpoint_t ep)
{
    fz.stale[fz.nstale++ % 8] = ep;
}

static endpoint_t never_endpoint(void)
{
    static const uint32_t v[] = { NR_PROCS, (uint32_t)-5, 0x7fffffff, 0x80000000u, 0xffffffffu,
                                  ENDPOINT_GEN_SIZE - NR_TASKS, (ENDPOINT_MAX_GEN + 1u) * ENDPOINT_GEN_SIZE };
    return (endpoint_t)fz_pick(v, sizeof(v) / sizeof(v[0]));
}

static endpoint_t stale_endpoint(void)
{
    if (fz.nstale && fz_below(2))
        return fz.stale[fz_below(fz.nstale < 8 ? fz.nstale : 8)];
    endpoint_t ep = fz.nlive ? fz.live[fz_below(fz.nlive)] : RS_ENDPOINT;
    return ENDPOINT(ENDPOINT_GEN(ep) + 1 + fz_below(3), ENDPOINT_NR(ep));  /* not issued yet */
}

endpoint_t fz_endpoint(void)
{
    static const uint32_t tasks[] = { (uint32_t)IDLE, (uint32_t)CLOCK, (uint32_t)SYSTEM,
                                      (uint32_t)KERNEL };
    static const uint32_t magic[] = { ANY, NONE, SELF };
    switch (fz_below(10)) {
    case 0: return fz.self;
    case 1: return (endpoint_t)fz_pick(tasks, 4);
    case 2: return (endpoint_t)fz_pick(magic, 3);
    case 3: return never_endpoint();
    case 4: return stale_endpoint();
    case 5: return (endpoint_t)fz_rand();
    default: return fz.nlive ? fz.live[fz_below(fz.nlive)] : RS_ENDPOINT;
    }
}

/* Does ep answer every request it receives (so a SENDREC to it ends)?
 * RS, PM and echo do; the fuzzing services answer what they receive;
 * a user fuzzer cannot reply (users have no SENDNB), so nobody blocks on it. */
static int answers(endpoint_t ep)
{
    return ep == RS_ENDPOINT || ep == PM_ENDPOINT || ep == fz.echo ||
           (ep == fz.main && fz.role != FZ_MAIN) || (ep == fz.svc && fz.role != FZ_SVC);
}

static int is_live(endpoint_t ep)
{
    for (unsigned i = 0; i < fz.nlive; i++)
        if (fz.live[i] == ep)
            return 1;
    return 0;
}

/* A destination for SEND / SENDREC: anything but a live process that might
 * never receive (such a draw becomes one of the answering servers). */
endpoint_t fz_block_target(void)
{
    static const uint32_t servers[] = { RS_ENDPOINT, PM_ENDPOINT };
    endpoint_t ep = fz_endpoint();
    if ((ep == fz.self || is_live(ep)) && ep != fz.self && !answers(ep))
        ep = (endpoint_t)fz_pick(servers, 2);
    return ep;
}

/* An address class and a length that fits it: a call that succeeds writes
 * only into fz_scratch. */
vir_bytes fz_addr(uint32_t *len)
{
    vir_bytes end = ((vir_bytes)_end + FZ_PAGE - 1) & ~(FZ_PAGE - 1);
    switch (fz_below(8)) {
    case 0: if (*len < 16) *len = 16;                  /* straddles the end of our data */
            return end - 8;
    case 1: return (vir_bytes)main;                    /* our code: read-only */
    case 2: return 0x100000 + fz_below(0x100000);      /* the kernel */
    case 3: return end + FZ_PAGE * (1 + fz_below(64)); /* unmapped */
    case 4: return 0xffffffffu - fz_below(64);         /* wraps */
    case 5: return 0;
    default:
        if (*len > FZ_PAGE)
            *len = fz_below(2) ? FZ_PAGE : *len;
        if (*len > FZ_PAGE)                            /* stays a bad length, bad address */
            return end + FZ_PAGE;
        return (vir_bytes)fz_scratch + fz_below(FZ_PAGE);
    }
}

uint32_t fz_len(void)
{
    static const uint32_t v[] = { 0, 1, 3, 16, 56, 64, FZ_PAGE, FZ_PAGE + 1, 0x10000, 0x7fffffff,
                                  0x80000000u, 0xffffffffu };
    return fz_below(2) ? fz_below(2 * FZ_PAGE) : fz_pick(v, sizeof(v) / sizeof(v[0]));
}

/* Every field random; now and then a word is an endpoint or an address. */
void fz_message(message *m)
{
    for (int i = 0; i < 14; i++) {
        uint32_t n = 16;
        m->m_u.m_u32[i] = fz_below(4) ? fz_rand() : fz_below(2) ? (uint32_t)fz_endpoint()
                                                                : fz_addr(&n);
    }
    m->m_source = (endpoint_t)fz_rand();               /* the kernel overwrites it */
    m->m_type = (int32_t)fz_rand();
}

/* A kernel call whose message pointer is `msg` itself (a bad one, usually). */
int fz_raw_kcall(vir_bytes msg)
{
    int r;
    __asm__ volatile("int %1" : "=a"(r) : "i"(KCALL_VECTOR), "a"(msg) : "memory");
    return r;
}
