/* do_privctl.c: SYS_PRIVCTL, the privilege control call RS uses to let boot
 * processes run, and SYS_PROCEVENT, PM's feed of process starts and exits.
 *
 * Fix of the MINIX reference: only RS (ROOT_SYS_PROC) or the target's parent
 * may change a process's privileges, and a parent cannot hand down more than
 * it has (priv_set_sys for SET_SYS, add_resource for the ranges; the rules
 * are in <lantern/priv.h>). */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "system.h"

static int may_control(const struct proc *caller, const struct proc *target)
{
    if (!(caller->p_priv->pi.flags & SYS_PROC))
        return 0;
    return (caller->p_priv->pi.flags & ROOT_SYS_PROC) || target->p_parent == caller->p_endpoint;
}

/* The count, capacity and CHECK_ flag of one of a priv's resource lists. */
struct res_list { uint32_t *n; uint32_t max, check; };

static struct res_list res_list(struct priv_info *pi, int kind)
{
    if (kind == PRIV_ADD_IO)
        return (struct res_list){ &pi->nr_io, NR_IO_RANGE, CHECK_IO_PORT };
    if (kind == PRIV_ADD_MEM)
        return (struct res_list){ &pi->nr_mem, NR_MEM_RANGE, CHECK_MEM };
    return (struct res_list){ &pi->nr_irq, NR_IRQ, CHECK_IRQ };
}

/* PRIV_ADD_IO / _MEM / _IRQ: append one resource to the target's list.  A
 * caller that is not RS must hold it itself (priv_holds); the CHECK_ flag
 * goes on only when the resource is added. */
static int add_resource(struct proc *caller, struct priv_info *pi, int kind,
                        const struct priv_range *r)
{
    const struct priv_info *cp = &caller->p_priv->pi;
    struct res_list l = res_list(pi, kind);
    int v;

    if ((v = priv_range_valid(kind, r)) != OK)
        return v;
    if (!(cp->flags & ROOT_SYS_PROC) && !priv_holds(cp, kind, r))
        return EPERM;
    if (*l.n >= l.max)
        return ENOMEM;
    if (kind == PRIV_ADD_IO)
        pi->io[*l.n] = *r;
    else if (kind == PRIV_ADD_MEM)
        pi->mem[*l.n] = *r;
    else
        pi->irq[*l.n] = r->base;
    (*l.n)++;
    pi->flags |= l.check;
    return OK;
}

static int query_mem(struct proc *caller, const struct priv_info *pi, vir_bytes arg)
{
    struct priv_range r;
    if (vm_copy_in(caller, arg, &r, sizeof(r)) != OK)
        return EFAULT;
    if (r.limit < r.base)
        return EPERM;                       /* wrapped or empty */
    for (uint32_t i = 0; i < pi->nr_mem; i++)
        if (r.base >= pi->mem[i].base && r.limit <= pi->mem[i].limit)
            return OK;
    return EPERM;
}

/* Requests on a process that is already allowed to run. */
static int privctl_running(struct proc *caller, struct proc *t, int req, message *m)
{
    struct priv_info *pi;
    struct priv_range r;

    if (!t->p_priv || !(t->p_priv->pi.flags & SYS_PROC) || t->p_priv->pi.owner != t->p_endpoint)
        return EPERM;
    pi = &t->p_priv->pi;
    switch (req) {
    case PRIV_ADD_IO: case PRIV_ADD_MEM:
        if (vm_copy_in(caller, m->m_u.m1.p1, &r, sizeof(r)) != OK)
            return EFAULT;
        return add_resource(caller, pi, req, &r);
    case PRIV_ADD_IRQ:
        if (m->m_u.m1.i3 < 0)
            return EINVAL;
        r.base = r.limit = (uint32_t)m->m_u.m1.i3;
        return add_resource(caller, pi, req, &r);
    case PRIV_QUERY_MEM:
        return query_mem(caller, pi, m->m_u.m1.p1);
    }
    return EINVAL;
}

int do_PRIVCTL(struct proc *caller, message *m)
{
    struct proc *t = caller;
    struct priv_info pi;
    int req = m->m_u.m1.i2, r;

    if (m->m_u.m1.i1 != SELF && (r = endpoint_lookup(m->m_u.m1.i1, &t)) != OK)
        return EINVAL;
    if (iskernelp(t))
        return EPERM;
    if (req == PRIV_QUERY) {                /* anyone may look */
        priv_export(t, &pi);
        return vm_copy_out(caller, m->m_u.m1.p1, &pi, sizeof(pi)) == OK ? OK : EFAULT;
    }
    if (!may_control(caller, t))
        return EPERM;
    switch (req) {
    case PRIV_ALLOW:
        if (!(t->p_rts_flags & RTS_NO_PRIV) || !t->p_priv)
            return EPERM;
        rts_clear(t, RTS_NO_PRIV);
        return OK;
    case PRIV_DISALLOW:
        if (t->p_rts_flags & RTS_NO_PRIV || t == caller)
            return EPERM;
        rts_set(t, RTS_NO_PRIV);
        return OK;
    case PRIV_SET_SYS:
        if (!(t->p_rts_flags & RTS_NO_PRIV))
            return EPERM;
        if (m->m_u.m1.p1 && vm_copy_in(caller, m->m_u.m1.p1, &pi, sizeof(pi)) != OK)
            return EFAULT;
        return priv_set_sys(caller, t, m->m_u.m1.p1 ? &pi : NULL);
    case PRIV_SET_USER:
        if (!(t->p_rts_flags & RTS_NO_PRIV))
            return EPERM;
        priv_set_user(t);
        return OK;
    case PRIV_ADD_IO: case PRIV_ADD_MEM: case PRIV_ADD_IRQ: case PRIV_QUERY_MEM:
        return privctl_running(caller, t, req, m);
    }
    return EINVAL;
}

int do_PROCEVENT(struct proc *caller, message *m)
{
    struct proc_event ev;
    int r;

    if (caller != pm_proc)
        return EPERM;
    if ((r = proc_next_event(&ev, 0)) != OK)
        return r;
    if (vm_copy_out(caller, m->m_u.m1.p1, &ev, sizeof(ev)) != OK)
        return EFAULT;                      /* the event stays pending */
    return proc_next_event(&ev, 1);
}
