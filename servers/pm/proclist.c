/* proclist.c: PM_PROCLIST (lantern/pm.h): every process PM knows, one
 * struct pm_proc_row each, for ps.
 *
 * PM has pid, parent, endpoint, name and whether a process is a zombie;
 * the kernel has whether it is blocked and on whom (GETINFO_PROCTAB's
 * PI_SENDING / PI_RECEIVING and ipc_partner).  The two are joined by
 * endpoint.  The kernel's table is read after PM's tree is brought up to
 * date (drain_events), so a row's process exists in both unless it exited
 * in between: such a row says PS_ZOMBIE.  The rows go out in one safe copy
 * into the caller's grant; the caller is never trusted for a size: at
 * most the grant's size, at most PM's table. */
#include <string.h>
#include <safecopies.h>
#include <lantern/pm.h>
#include "proclist.h"
#include "tree.h"

static struct proc_info ktab[NR_TASKS + NR_PROCS];
static struct pm_proc_row rows[NR_PM_PROCS];

static const struct proc_info *kernel_entry(endpoint_t ep, int n)
{
    for (int i = 0; i < n; i++)
        if (ktab[i].endpoint == ep)
            return &ktab[i];
    return NULL;
}

/* State and IPC partner from the kernel's view of the process. */
static void kernel_state(struct pm_proc_row *row, const struct proc_info *k)
{
    row->waits_for = NONE;
    if (k == NULL || (k->flags & PI_STOPPED))
        row->state = PS_ZOMBIE;
    else if (k->flags & PI_SENDING)
        row->state = PS_SENDING;
    else if (k->flags & PI_RECEIVING)
        row->state = PS_RECEIVING;
    else if (k->flags & PI_RUNNABLE)
        row->state = PS_RUNNING;
    else
        row->state = PS_WAITING;
    if (row->state == PS_SENDING || row->state == PS_RECEIVING)
        row->waits_for = k->ipc_partner;
}

static void fill_row(struct pm_proc_row *row, const struct mproc *p, int nk)
{
    memset(row, 0, sizeof(*row));
    row->pid = p->pid;
    row->ppid = mproc[p->parent].pid;
    row->endpoint = p->ep;
    memcpy(row->name, p->name, sizeof(row->name));
    row->name[sizeof(row->name) - 1] = '\0';
    if (p->zombie) {
        row->state = PS_ZOMBIE;
        row->waits_for = NONE;
    } else {
        kernel_state(row, kernel_entry(p->ep, nk));
    }
}

static int collect(void)
{
    int nk, n = 0;

    drain_events();
    nk = sys_proctab(ktab, NR_TASKS + NR_PROCS);
    if (nk < 0)
        nk = 0;                 /* no kernel view: states read as zombies */
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used)
            fill_row(&rows[n++], &mproc[i], nk);
    return n;
}

int do_proclist(const message *rq, message *reply)
{
    int32_t size = rq->m_u.m1.i2;
    int n, fit, r;

    if (size < 0)
        return EINVAL;
    n = collect();
    fit = size / (int32_t)sizeof(rows[0]);
    if (fit > n)
        fit = n;
    if (fit > 0) {
        r = sys_safecopyto(rq->m_source, (cp_grant_id_t)rq->m_u.m1.i1, 0,
                           (vir_bytes)rows, (uint32_t)fit * sizeof(rows[0]));
        if (r != OK)
            return r;
    }
    reply->m_u.m1.i1 = fit;
    reply->m_u.m1.i2 = n;
    return OK;
}
