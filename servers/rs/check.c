/* check.c: RS checks its own tables in the CHECK=1 build (-DLANTERN_CHECK).
 *
 * After every message RS handles, it checks the invariants rs.h and
 * manager.c rely on, and stops the system with the invariant's name if one
 * is broken (SYS_PANIC):
 *   rs_tables  every entry in use has a table line (priv) and a label no
 *              other entry in use has; no two entries hold one endpoint; a
 *              stopped or backing-off service holds none; a service being
 *              initialized holds one
 * checkbreak=rstables on the kernel command line copies one service's
 * label onto another right after the boot, for suite check.  In the
 * normal build this file is empty and check.h's hooks are empty statements. */
#ifdef LANTERN_CHECK
#include "rs.h"
#include "check.h"

static void __attribute__((noreturn)) broken(const char *what, int i, int j)
{
    char text[60];
    snprintf(text, sizeof text, "invariant rs_tables broken: %s (%d, %d)", what, i, j);
    sys_panic(text);
}

static int in_use(int i)
{
    return (rproc[i].r_flags & RS_IN_USE) != 0;
}

static void check_pair(int i, int j)
{
    if (!strcmp(pub[i].label, pub[j].label))
        broken("label twice", i, j);
    if (pub[i].endpoint != NONE && pub[i].endpoint == pub[j].endpoint)
        broken("endpoint twice", i, j);
}

static void check_entry(int i)
{
    uint32_t f = rproc[i].r_flags;
    if (!rproc[i].priv || !pub[i].label[0])
        broken("no table line or label", i, i);
    if ((f & (RS_DOWN_FLAG | RS_BACKOFF)) && pub[i].endpoint != NONE)
        broken("stopped service holds an endpoint", i, pub[i].endpoint);
    if ((f & RS_INITIALIZING) && pub[i].endpoint == NONE)
        broken("initializing service without endpoint", i, (int)f);
    for (int j = i + 1; j < NR_RS_SERVICES; j++)
        if (in_use(j))
            check_pair(i, j);
}

void rs_check_tables(void)
{
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if (in_use(i))
            check_entry(i);
}

/* The deliberate break: the last entry in use takes the first one's label
 * (once, right after the boot). */
void rs_check_break(void)
{
    struct kinfo k;
    int first = -1, last = -1;
    if (sys_kinfo(&k) != OK || !strstr(k.cmdline, "checkbreak=rstables"))
        return;
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if (in_use(i)) {
            first = first < 0 ? i : first;
            last = i;
        }
    if (first >= 0 && last != first)
        memcpy(pub[last].label, pub[first].label, sizeof(pub[last].label));
}
#endif
