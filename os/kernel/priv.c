/* priv.c: the privilege table, its boot defaults and SET_SYS.
 *
 * Only the kernel tasks and RS get privileges from the kernel; everything
 * else gets them from RS (or from its parent, which can hand down at most
 * what it has itself: the rules, field by field, are in <lantern/priv.h>;
 * limit_to(), parent_may_grant() and priv_holds() apply them). */
#include "kernel.h"
#include "proc.h"
#include "priv.h"

struct priv priv_table[NR_SYS_PRIVS];

#define ALL_TRAPS IPC_ALL_OPS
#define USER_TRAPS (TRAP_BIT(IPC_SENDREC) | TRAP_BIT(IPC_RECEIVE))

/* Kernel calls every user process may make: nothing that changes another
 * process or the machine.  Not SYS_TESTRESULT (only test programs report
 * results); SYS_TRACECTL, but the kernel lets users only read the status and
 * write MARK records (trace.c).  SYS_SETGRANT, so that a user process can
 * lend a buffer to a server; not the safe copies (docs/grants.md). */
static const int user_kcalls[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT,
    SYS_SIGRETURN,      /* its own signal frame only (docs/signals.md) */
    SYS_SAFEREVMAP,     /* undoes mappings of the caller's own grants (cpf_revoke) */
};

static int in_use(int id) { return priv_table[id].pi.owner != NONE; }

static void all_kcalls(struct priv_info *pi)
{
    for (int c = 0; c < NR_KCALLS; c++)
        kcall_allow(pi, KCALL_BASE + c);
}

/* Set (or clear) the send right a <-> b in both directions.  A bit to a free
 * slot, to oneself or to a kernel task (which only take kernel calls) is
 * never set. */
static void set_sendto(struct priv_info *a, int b, int allow)
{
    struct priv_info *pb = &priv_table[b].pi;
    if (allow && (!in_use(b) || b == a->id || b < NR_TASKS))
        allow = 0;
    if (allow) {
        priv_map_set(a->ipc_to, b);
        priv_map_set(pb->ipc_to, a->id);
    } else {
        a->ipc_to[b >> 5] &= ~(1u << (b & 31));
        pb->ipc_to[a->id >> 5] &= ~(1u << (a->id & 31));
    }
}

static void apply_ipc_mask(struct priv_info *pi, const uint32_t *want)
{
    for (int b = 0; b < NR_SYS_PRIVS; b++)
        set_sendto(pi, b, priv_map_test(want, b));
}

void priv_init(void)
{
    memset(priv_table, 0, sizeof(priv_table));
    for (int id = 0; id < NR_SYS_PRIVS; id++) {
        priv_table[id].pi.id = id;
        priv_table[id].pi.owner = NONE;
    }
    /* The shared user slot: users may talk to the services whose masks
     * name USER_PRIV_ID (RS, PM, ...), which sets the other half. */
    struct priv_info *u = &priv_table[USER_PRIV_ID].pi;
    u->owner = KERNEL;
    u->flags = PREEMPTIBLE | BILLABLE;
    u->trap_mask = USER_TRAPS;
    for (unsigned i = 0; i < ARRAY_SIZE(user_kcalls); i++)
        kcall_allow(u, user_kcalls[i]);
}

void priv_boot_task(struct proc *p)
{
    struct priv_info *pi = &priv_table[static_priv_id(p->p_nr)].pi;
    pi->owner = p->p_endpoint;
    pi->flags = SYS_PROC;
    p->p_priv = &priv_table[pi->id];
    priv_sync();
}

void priv_boot_rs(struct proc *p)
{
    struct priv_info *pi = &priv_table[RS_PRIV_ID].pi;
    uint32_t all[PRIV_MAP_WORDS];

    pi->owner = p->p_endpoint;
    pi->flags = SYS_PROC | ROOT_SYS_PROC | PREEMPTIBLE;
    pi->trap_mask = ALL_TRAPS;
    all_kcalls(pi);
    memset(all, 0xff, sizeof(all));
    apply_ipc_mask(pi, all);
    p->p_priv = &priv_table[RS_PRIV_ID];
    priv_sync();
}

void priv_set_user(struct proc *p)
{
    priv_release(p);
    p->p_priv = &priv_table[USER_PRIV_ID];
    priv_sync();
}

static int get_slot(const struct priv_info *arg)
{
    if (arg && !(arg->flags & DYN_PRIV_ID)) {
        if (arg->id < 0 || arg->id >= FIRST_DYN_PRIV_ID)
            return EINVAL;
        return in_use(arg->id) ? EBUSY : arg->id;
    }
    for (int id = FIRST_DYN_PRIV_ID; id < NR_SYS_PRIVS; id++)
        if (!in_use(id))
            return id;
    return ENOSPC;
}

/* Defaults for a system process (DEF_SYS): every trap, every kernel call,
 * every destination except user processes. */
static void default_sys(struct priv_info *pi)
{
    pi->flags = SYS_PROC | PREEMPTIBLE | DYN_PRIV_ID;
    pi->trap_mask = ALL_TRAPS;
    all_kcalls(pi);
    memset(pi->ipc_to, 0xff, sizeof(pi->ipc_to));
    pi->ipc_to[USER_PRIV_ID >> 5] &= ~(1u << (USER_PRIV_ID & 31));
}

/* Is range r inside one of the n ranges of tab? */
static int range_in(const struct priv_range *r, const struct priv_range *tab, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (r->base >= tab[i].base && r->limit <= tab[i].limit)
            return 1;
    return 0;
}

static int irq_in(uint32_t irq, const uint32_t *tab, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (tab[i] == irq)
            return 1;
    return 0;
}

/* Does g hold resource r of kind PRIV_ADD_IO, _MEM or _IRQ (IRQ: r->base)?
 * A process holds exactly what its lists name (<lantern/priv.h>). */
int priv_holds(const struct priv_info *g, int kind, const struct priv_range *r)
{
    switch (kind) {
    case PRIV_ADD_IO:  return range_in(r, g->io, g->nr_io);
    case PRIV_ADD_MEM: return range_in(r, g->mem, g->nr_mem);
    case PRIV_ADD_IRQ: return r->base == r->limit && irq_in(r->base, g->irq, g->nr_irq);
    }
    return 0;
}

/* EINVAL for a range that is empty or wrapped, or an IRQ line that does not
 * exist; OK otherwise. */
int priv_range_valid(int kind, const struct priv_range *r)
{
    if (r->limit < r->base)
        return EINVAL;
    return kind == PRIV_ADD_IRQ && r->base >= NR_IRQ_LINES ? EINVAL : OK;
}

/* Check one requested resource: valid, and held by a grantor that is not RS. */
static int check_grant(const struct priv_info *grantor, int kind, const struct priv_range *r)
{
    int v = priv_range_valid(kind, r);
    if (v != OK)
        return v;
    if (!(grantor->flags & ROOT_SYS_PROC) && !priv_holds(grantor, kind, r))
        return EPERM;
    return OK;
}

/* Copy the requested ranges (those whose CHECK_ flag is asked for), each
 * checked against the grantor; entries past the counts stay zero. */
static int copy_resources(struct priv_info *pi, const struct priv_info *arg,
                          const struct priv_info *grantor)
{
    int r = OK;
    if (arg->nr_io > NR_IO_RANGE || arg->nr_mem > NR_MEM_RANGE || arg->nr_irq > NR_IRQ)
        return EINVAL;
    pi->nr_io = (arg->flags & CHECK_IO_PORT) ? arg->nr_io : 0;
    pi->nr_mem = (arg->flags & CHECK_MEM) ? arg->nr_mem : 0;
    pi->nr_irq = (arg->flags & CHECK_IRQ) ? arg->nr_irq : 0;
    memcpy(pi->io, arg->io, pi->nr_io * sizeof(pi->io[0]));
    memcpy(pi->mem, arg->mem, pi->nr_mem * sizeof(pi->mem[0]));
    memcpy(pi->irq, arg->irq, pi->nr_irq * sizeof(pi->irq[0]));
    for (uint32_t i = 0; i < pi->nr_io && r == OK; i++)
        r = check_grant(grantor, PRIV_ADD_IO, &pi->io[i]);
    for (uint32_t i = 0; i < pi->nr_mem && r == OK; i++)
        r = check_grant(grantor, PRIV_ADD_MEM, &pi->mem[i]);
    for (uint32_t i = 0; i < pi->nr_irq && r == OK; i++) {
        struct priv_range line = { pi->irq[i], pi->irq[i] };
        r = check_grant(grantor, PRIV_ADD_IRQ, &line);
    }
    return r;
}

/* May a parent that is not RS give its child the send right to priv b?
 * Its own slot, or a target it may send to that admits users (the rule and
 * why: <lantern/priv.h>). */
static int parent_may_grant(const struct priv_info *parent, int b)
{
    if (b == parent->id)
        return 1;
    return priv_map_test(parent->ipc_to, b) && in_use(b) &&
           priv_map_test(priv_table[b].pi.ipc_to, USER_PRIV_ID);
}

/* A parent that is not RS hands down at most its own rights (plus the right
 * to talk to itself); restricting flags stay on, and the flags only RS
 * gives (RS_ONLY_FLAGS) never pass. */
static void limit_to(struct priv_info *pi, const struct priv_info *parent)
{
    uint32_t keep = (pi->flags | parent->flags) & PRIV_RESTRICTING_FLAGS;
    pi->flags = (pi->flags & parent->flags & ~PRIV_RESTRICTING_FLAGS & ~RS_ONLY_FLAGS) |
                keep | (pi->flags & DYN_PRIV_ID) | CHECK_IO_PORT | CHECK_IRQ | CHECK_MEM;
    pi->trap_mask &= parent->trap_mask;
    for (int w = 0; w < KCALL_MASK_WORDS; w++)
        pi->kcall_mask[w] &= parent->kcall_mask[w];
    for (int b = 0; b < NR_SYS_PRIVS; b++)
        if (!parent_may_grant(parent, b))
            pi->ipc_to[b >> 5] &= ~(1u << (b & 31));
    priv_map_set(pi->ipc_to, parent->id);
}

int priv_set_sys(struct proc *caller, struct proc *target, const struct priv_info *arg)
{
    const struct priv_info *cp = &caller->p_priv->pi;
    struct priv_info pi;
    int id, r;

    if ((id = get_slot(arg)) < 0)
        return id;
    memset(&pi, 0, sizeof(pi));
    default_sys(&pi);
    if (arg) {
        pi.flags = arg->flags;
        pi.trap_mask = arg->trap_mask & ALL_TRAPS;
        memcpy(pi.kcall_mask, arg->kcall_mask, sizeof(pi.kcall_mask));
        memcpy(pi.ipc_to, arg->ipc_to, sizeof(pi.ipc_to));
        if ((r = copy_resources(&pi, arg, cp)) != OK)
            return r;                   /* nothing has changed yet */
    }
    pi.flags = (pi.flags | SYS_PROC) & ~ROOT_SYS_PROC;
    if (!(cp->flags & ROOT_SYS_PROC))
        limit_to(&pi, cp);
    priv_release(target);
    uint32_t want[PRIV_MAP_WORDS];
    memcpy(want, pi.ipc_to, sizeof(want));
    memset(pi.ipc_to, 0, sizeof(pi.ipc_to));
    pi.id = id;
    pi.owner = target->p_endpoint;
    priv_table[id].pi = pi;
    target->p_priv = &priv_table[id];
    apply_ipc_mask(&priv_table[id].pi, want);
    priv_sync();
    return OK;
}

/* The process gives up its own slot (exit, or before a new priv). */
void priv_release(struct proc *p)
{
    struct priv *s = p->p_priv;
    p->p_priv = NULL;
    if (s && s->pi.id != USER_PRIV_ID && s->pi.owner == p->p_endpoint) {
        for (int b = 0; b < NR_SYS_PRIVS; b++)
            set_sendto(&s->pi, b, 0);
        int id = s->pi.id;
        memset(&s->pi, 0, sizeof(s->pi));
        s->pi.id = id;
        s->pi.owner = NONE;
    }
    priv_sync();
}

/* Every slot's copy of its priv's IPC fields (proc.h).  Privileges change
 * rarely (spawn, exit, SYS_PRIVCTL), and a change to one priv's send mask
 * changes others (the masks are symmetric), so all slots are refreshed. */
void priv_sync(void)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        struct proc *p = &proc_table[i];
        const struct priv_info *pi = p->p_priv ? &p->p_priv->pi : NULL;
        p->p_trap_mask = pi ? pi->trap_mask : 0;
        p->p_priv_id = pi ? pi->id : -1;
        p->p_billable = pi && (pi->flags & BILLABLE);
        for (int w = 0; w < PRIV_MAP_WORDS; w++)
            p->p_ipc_to[w] = pi ? pi->ipc_to[w] : 0;
    }
}

void priv_export(const struct proc *p, struct priv_info *out)
{
    memset(out, 0, sizeof(*out));
    if (!p->p_priv) {
        out->id = -1;
        out->owner = NONE;
        return;
    }
    *out = p->p_priv->pi;
    if (out->id == USER_PRIV_ID)
        out->owner = p->p_endpoint;
}
