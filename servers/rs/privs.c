/* privs.c: turning a table line into a kernel priv.
 *
 * IPC lists are consent on both sides: two services may talk only if each
 * one's list admits the other (IPC_LIST_ALL admits everyone,
 * IPC_LIST_ALL_BUT_USER every system process).  RS gives a new service the
 * bits for every running service that agrees, and the kernel sets the
 * other direction, so masks stay symmetric.  (MINIX lets either side's list
 * suffice; then a restricted service is reachable by every unrestricted
 * one, which defeats the restriction.) */
#include "rs.h"

static int list_admits(const struct boot_priv *p, const char *label, int is_user)
{
    if (p->ipc == IPC_LIST_ALL)
        return 1;
    if (p->ipc == IPC_LIST_ALL_BUT_USER)
        return !is_user;
    for (const char *const *l = p->ipc; *l; l++)
        if (!strcmp(*l, is_user ? "user" : label))
            return 1;
    return 0;
}

static void build_kcalls(struct priv_info *pi, const int *calls)
{
    if (calls[0] == KC_ALL) {
        for (int c = 0; c < NR_KCALLS; c++)
            kcall_allow(pi, KCALL_BASE + c);
        return;
    }
    for (; *calls != KC_END; calls++)
        kcall_allow(pi, *calls);
}

static void build_ipc(struct priv_info *pi, const struct rproc *rp)
{
    const char *label = pub[rp_index(rp)].label;
    struct priv_info other;

    if (list_admits(rp->priv, "user", 1))
        priv_map_set(pi->ipc_to, USER_PRIV_ID);
    for (int i = 0; i < NR_RS_SERVICES; i++) {
        const struct rproc *o = &rproc[i];
        if (o == rp || !(o->r_flags & RS_IN_USE) || pub[i].endpoint == NONE ||
            (pub[i].sys_flags & SF_USER))
            continue;
        if (!list_admits(rp->priv, pub[i].label, 0) || !list_admits(o->priv, label, 0))
            continue;
        if (sys_getpriv(pub[i].endpoint, &other) == OK && other.id >= 0 &&
            other.id != USER_PRIV_ID)
            priv_map_set(pi->ipc_to, other.id);
    }
}

/* A boot line's resources (table_res); dynamic services get none. */
static void build_res(struct priv_info *pi, const struct rproc *rp)
{
    const struct boot_res *res = rp->priv == &rp->r_dpriv ? NULL : table_res(rp->priv->program);
    if (!res)
        return;
    pi->flags |= CHECK_IO_PORT | CHECK_MEM | CHECK_IRQ;
    pi->nr_io = res->nr_io;
    pi->nr_mem = res->nr_mem;
    pi->nr_irq = res->nr_irq;
    memcpy(pi->io, res->io, sizeof(pi->io));
    memcpy(pi->mem, res->mem, sizeof(pi->mem));
    memcpy(pi->irq, res->irq, sizeof(pi->irq));
}

/* Give a freshly spawned (not yet runnable) service its privileges. */
int set_service_priv(struct rproc *rp)
{
    const struct rs_pub *p = &pub[rp_index(rp)];
    struct priv_info pi;

    if (p->sys_flags & SF_USER)
        return sys_privctl(p->endpoint, PRIV_SET_USER, NULL);
    memset(&pi, 0, sizeof(pi));
    pi.flags = rp->priv->flags | DYN_PRIV_ID;
    pi.trap_mask = rp->priv->traps;
    build_kcalls(&pi, rp->priv->kcalls);
    build_ipc(&pi, rp);
    build_res(&pi, rp);
    return sys_privctl(p->endpoint, PRIV_SET_SYS, &pi);
}
