/* check.c: PM checks its own tree in the CHECK=1 build (-DLANTERN_CHECK).
 *
 * After every batch of process events and every request, PM checks the
 * invariants tree.c states, and stops the system with the invariant's
 * name if one is broken (SYS_PANIC, which RS's table gives PM only in this
 * build):
 *   pm_tree  every used entry's parent is a used entry; INIT is its own
 *            parent; pids of used entries are unique; a zombie's parent
 *            waits or asked for zombies (WNOTIFY)
 * checkbreak=pmtree on the kernel command line gives an entry an unused
 * parent right after PM's init, for suite check.  In the normal build
 * this file is empty and check.h's hooks are empty statements. */
#ifdef LANTERN_CHECK
#include <string.h>
#include <stdio.h>
#include <lantern/pm.h>
#include "tree.h"
#include "check.h"

static void __attribute__((noreturn)) broken(const char *what, int i, int j)
{
    char text[56];
    snprintf(text, sizeof text, "invariant pm_tree broken: %s (%d, %d)", what, i, j);
    sys_panic(text);
}

static void check_entry(int i)
{
    const struct mproc *p = &mproc[i];
    if (p->parent < 0 || p->parent >= NR_PM_PROCS || !mproc[p->parent].used)
        broken("parent unused", i, p->parent);
    if (p->pid == INIT_PID && p->parent != i)
        broken("init not its own parent", i, p->parent);
    if (p->zombie && !mproc[p->parent].waiting && !mproc[p->parent].wnotify && !mproc[p->parent].keepz)
        broken("zombie nobody waits for", i, p->parent);
    for (int j = i + 1; j < NR_PM_PROCS; j++)
        if (mproc[j].used && mproc[j].pid == p->pid)
            broken("pid twice", i, j);
}

void pm_check_tree(void)
{
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used)
            check_entry(i);
}

/* The deliberate break: the first used entry that is not INIT gets a
 * parent that is not in use. */
void pm_check_break(void)
{
    struct kinfo k;
    int unused = -1;
    if (sys_kinfo(&k) != OK || !strstr(k.cmdline, "checkbreak=pmtree"))
        return;
    for (int i = NR_PM_PROCS - 1; i >= 0 && unused < 0; i--)
        if (!mproc[i].used)
            unused = i;
    for (int i = 0; i < NR_PM_PROCS; i++)
        if (mproc[i].used && mproc[i].pid != INIT_PID && unused >= 0) {
            printf("pm: breaking invariant pm_tree on purpose (checkbreak=)\n");
            mproc[i].parent = unused;
            return;
        }
}
#endif
