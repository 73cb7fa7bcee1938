/* init: the root user process (pid 1).  It prints the boot banner with the
 * table of running processes, opens the console and starts /bin/sh when
 * both exist (shell.c), then reaps: PM makes INIT the parent of every
 * orphan, and init collects their exits (PM_WAIT) so none lingers; the
 * shell is started again when it exits. */
#include <stdio.h>
#include <sys.h>
#include <service.h>
#include "init.h"

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
    struct rs_pub svc;
    printf("\n  %-12s %8s %6s  %s\n", "service", "endpoint", "period", "program");
    for (int i = 0; rs_pubtab(i, &svc) == OK; i++)
        if (svc.in_use && svc.endpoint != NONE)
            printf("  %-12s %8d %6u  %s\n", svc.label, svc.endpoint, svc.period, svc.program);
    printf("\ninit: all boot processes are running. (QEMU: Ctrl-a x quits)\n");
    shell_init();
    for (;;) {
        struct pm_child c;
        int r = pm_wait(WNOTIFY, &c);
        if (r == OK) {
            shell_reaped(c.pid);       /* an orphan is gone, or the shell */
            continue;
        }
        if (r == ECHILD)
            ipc_receive(ANY, &m);      /* PM notifies us when we have a child exit */
        else
            ipc_receive(CLOCK, &m);    /* PM unreachable: nothing to do */
    }
}
