/* service.h: client calls to RS (services by label) and PM (the process
 * tree).  All return OK or a negative error. */
#ifndef LIBSYS_SERVICE_H
#define LIBSYS_SERVICE_H

#include <lantern/rs.h>
#include <lantern/pm.h>
#include <sys.h>

int rs_lookup(const char *label, endpoint_t *ep);
int rs_up(const char *program, const char *label, uint32_t period, const char *args,
          endpoint_t *ep);
/* Run a user program of RS's table (service, trace, ...) once, as RS's
 * child under its table line (so `service` run this way is an admin); waits
 * for its exit.  Admins only (EPERM otherwise). */
int rs_run(const char *program, const char *args, int *status);
int rs_down(const char *label);
int rs_refresh(const char *label);
int rs_restart(const char *label);
/* Fault injection (RS_FAULT_WILD, _EXIT, _LOOP): admins with TEST_PROC only,
 * EPERM otherwise (docs/services.md, "Fault injection"). */
int rs_fault(const char *label, int kind);
int rs_status(const char *label, struct rs_status *st);
int rs_pubtab(int index, struct rs_pub *entry);    /* ENOENT past the end */

/* Send req to the service named label and wait for the answer; if the
 * service died or was restarted (its endpoint changed), look the label up
 * again and retry, for up to `tries` attempts.  *ep caches the endpoint. */
int rs_sendrec_label(const char *label, endpoint_t *ep, message *m, int tries);

struct pm_child { endpoint_t endpoint; int status, by, pid; };
int pm_wait(int flags, struct pm_child *child);
int pm_waitpid(int flags, int pid, struct pm_child *child);   /* pid <= 0: any */
int pm_fork(int *pid);
int pm_stats(int *procs, int *forked);   /* PM_STATS: table use, for leak checks */            /* OK and *pid: the child's pid, 0 in the child */
int pm_getproc(endpoint_t ep, int *pid, int *ppid, endpoint_t *parent, char name[16]);
/* shexec (pm_ps.c): PM_PROCLIST into rows[0..max-1]: the rows written, or
 * an error; *total (if given): how many processes PM has. */
struct pm_proc_row;
int pm_proclist(struct pm_proc_row *rows, int max, int *total);

#endif
