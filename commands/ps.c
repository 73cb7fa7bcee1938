/* ps: the processes, from PM's list (PM_PROCLIST, lantern/pm.h).
 *
 *     PID  PPID   ENDPT STATE    WAITS-FOR  NAME
 *       1     1   65539 recv     any        init
 *
 * STATE: run, send, recv (a SENDREC waiting for its reply too), zombie,
 * wait (blocked otherwise: VM, no privileges yet).  WAITS-FOR names the
 * IPC partner of a blocked process: a process of the list or a kernel
 * task (GETINFO_PROCTAB, open to all), "any", or the endpoint's number.
 * Exit status 0, 1 when PM does not answer, 2 on arguments. */
#include <stdio.h>
#include <string.h>
#include <sys.h>
#include <service.h>
#include <lantern/pm.h>
#include "lib/cmd.h"

#define MAX_ROWS 128

static struct pm_proc_row rows[MAX_ROWS];
static struct proc_info ktab[NR_TASKS + NR_PROCS];

static const char *state_name(int s)
{
    static const char *const names[] = { "run", "send", "recv", "zombie", "wait" };
    return s >= 0 && s < (int)(sizeof(names) / sizeof(names[0])) ? names[s] : "?";
}

/* The name of endpoint ep: PM's rows first, then the kernel's table. */
static void partner(char *buf, size_t size, endpoint_t ep, int n, int nk)
{
    if (ep == NONE) {
        snprintf(buf, size, "-");
        return;
    }
    if (ep == ANY) {
        snprintf(buf, size, "any");
        return;
    }
    for (int i = 0; i < n; i++)
        if (rows[i].endpoint == ep) {
            snprintf(buf, size, "%.10s", rows[i].name);
            return;
        }
    for (int i = 0; i < nk; i++)
        if (ktab[i].endpoint == ep) {
            snprintf(buf, size, "%.10s", ktab[i].name);
            return;
        }
    snprintf(buf, size, "%ld", (long)ep);
}

int main(int argc, char **argv)
{
    char who[16];
    int n, nk, total;

    cmd_init(argc, argv);
    if (argc != 1)
        cmd_usage("");
    n = pm_proclist(rows, MAX_ROWS, &total);
    if (n < 0) {
        cmd_msg("PM_PROCLIST", strerror(n));
        return 1;
    }
    nk = sys_proctab(ktab, NR_TASKS + NR_PROCS);
    printf("  PID  PPID   ENDPT STATE    WAITS-FOR  NAME\n");
    for (int i = 0; i < n; i++) {
        partner(who, sizeof(who), rows[i].waits_for, n, nk < 0 ? 0 : nk);
        printf("%5ld %5ld %7ld %-8s %-10s %.15s\n", (long)rows[i].pid, (long)rows[i].ppid,
               (long)rows[i].endpoint, state_name(rows[i].state), who, rows[i].name);
    }
    return 0;
}
