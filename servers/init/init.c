/* init: the first user process.  Today it prints the boot banner with the
 * table of running processes, then waits for messages forever (it is the
 * parent that will reap orphans once PM exists). */
#include <stdio.h>
#include <sys.h>

static const char *state(uint32_t flags)
{
    if (flags & PI_TASK)
        return "task";
    if (flags & PI_RUNNABLE)
        return "ready";
    if (flags & PI_BLOCKED)
        return "blocked";
    return "stopped";
}

int main(void)
{
    struct proc_info tab[NR_TASKS + NR_PROCS];
    struct kinfo k;
    message m;
    int n;

    sys_kinfo(&k);
    printf("\n  _                 _                  \n"
           " | |   __ _ _ _  __| |_ ___ _ _ _ _    \n"
           " | |__/ _` | ' \\/ _|  _/ -_) '_| ' \\   \n"
           " |____\\__,_|_||_\\__|\\__\\___|_| |_||_|  a teaching microkernel\n\n");
    printf("memory %u KiB (%u KiB free), clock %u Hz, %u boot processes\n",
           k.mem_total_kb, k.mem_free_kb, k.hz, k.nr_boot_procs);
    n = sys_proctab(tab, NR_TASKS + NR_PROCS);
    printf("  %-10s %8s %4s  %s\n", "name", "endpoint", "prio", "state");
    for (int i = 0; i < n; i++)
        printf("  %-10s %8d %4u  %s\n", tab[i].name, tab[i].endpoint, tab[i].priority,
               state(tab[i].flags));
    printf("\ninit: all boot processes are running. (QEMU: Ctrl-a x quits)\n");
    for (;;)
        ipc_receive(ANY, &m);
}
