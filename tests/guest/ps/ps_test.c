/* ps_test: suite `ps` (docs/processes.md "The process list"): PM_PROCLIST
 * and the kernel's IPC partner behind ps's STATE and WAITS-FOR columns.
 *
 * The test forks children by hand (PM_FORK, for their endpoints) and puts
 * them in known states: blocked receiving from anyone, blocked receiving
 * from one process, blocked sending to the test (which never receives),
 * exited but not collected.  Each state is polled for with a deadline
 * (PM sees a child only once it has run into its block).  Then the
 * request's edges: a short array, a count-only call, a negative size, a
 * bad grant, a read-only grant.  At the end the children are killed and
 * reaped, and the kernel's process count and VM's free frames must be
 * back where they were. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <ltest.h>
#include <safecopies.h>
#include <sef.h>
#include <service.h>
#include <sys.h>
#include <vm.h>
#include <lantern/pm.h>

#define S        "ps"
#define PLANNED  10
#define DEADLINE 500            /* ticks for a state to show */
#define MAXROWS  128

static struct pm_proc_row rows[MAXROWS];
static endpoint_t self_ep;

/* Poll interval: one clock tick, inside a DEADLINE loop. */
static void sleep_tick(void)
{
    message m;
    sys_setalarm(1);
    while (ipc_receive(CLOCK, &m) != OK)
        ;
}

static int nprocs(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    return sys_proctab(tab, NR_TASKS + NR_PROCS);
}

static uint32_t free_frames(void)
{
    uint32_t info[VM_INFO_WORDS];
    return vm_info(info) == OK ? info[VM_INFO_FREE] : 0;
}

/* PM_FORK by hand: the child's pid (0 in the child), its endpoint in *ep. */
static int raw_fork(endpoint_t *ep)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_FORK;
    if (ipc_sendrec(PM_ENDPOINT, &m) != OK || m.m_type != OK)
        return -1;
    *ep = m.m_u.m1.i2;
    return m.m_u.m1.i1;
}

/* The row of endpoint ep in a fresh list, or NULL. */
static const struct pm_proc_row *row_of(endpoint_t ep)
{
    int n = pm_proclist(rows, MAXROWS, NULL);
    for (int i = 0; i < n; i++)
        if (rows[i].endpoint == ep)
            return &rows[i];
    return NULL;
}

/* Poll until ep's row has state st and partner wf; the last row seen. */
static const struct pm_proc_row *await_state(endpoint_t ep, int st, endpoint_t wf)
{
    const struct pm_proc_row *r = NULL;
    for (int t = 0; t < DEADLINE; t++) {
        r = row_of(ep);
        if (r && r->state == st && r->waits_for == wf)
            return r;
        sleep_tick();
    }
    return r;
}

static void own_rows(void)
{
    int total = 0, n = pm_proclist(rows, MAXROWS, &total);
    const struct pm_proc_row *me = NULL, *init = NULL;

    for (int i = 0; i < n; i++) {
        if (rows[i].endpoint == self_ep)
            me = &rows[i];
        if (rows[i].pid == INIT_PID)
            init = &rows[i];
    }
    /* while PM builds the list we wait for its reply: receiving from PM */
    LT_CHECK(S, "own_row", n > 0 && n == total && me && me->pid == getpid() &&
             me->state == PS_RECEIVING && me->waits_for == PM_ENDPOINT &&
             strcmp(me->name, "ps_test") == 0, "n %d total %d, me %p state %d wf %d",
             n, total, (void *)me, me ? me->state : -1, me ? me->waits_for : 0);
    LT_CHECK(S, "init_row", init && strcmp(init->name, "init") == 0 && init->ppid == INIT_PID,
             "init %p", (void *)init);
}

/* A: receives from anyone; B: receives only from us; C: sends to us
 * (we do not receive from it; a user process may not send to another
 * user process, lantern/priv.h, so the partner is the test). */
static void blocked_states(endpoint_t *a, endpoint_t *b, endpoint_t *c)
{
    message m;
    const struct pm_proc_row *r;

    if (raw_fork(a) == 0)
        for (;;)
            ipc_receive(ANY, &m);
    r = await_state(*a, PS_RECEIVING, ANY);
    LT_CHECK(S, "receiving_any", r && r->state == PS_RECEIVING && r->waits_for == ANY &&
             r->ppid == getpid(), "state %d wf %d", r ? r->state : -1, r ? r->waits_for : 0);
    if (raw_fork(b) == 0)
        for (;;)
            ipc_receive(self_ep, &m);
    r = await_state(*b, PS_RECEIVING, self_ep);
    LT_CHECK(S, "receiving_from_one", r && r->waits_for == self_ep, "state %d wf %d",
             r ? r->state : -1, r ? r->waits_for : 0);
    if (raw_fork(c) == 0) {
        memset(&m, 0, sizeof(m));
        ipc_sendrec(self_ep, &m);          /* never received: C blocks sending */
        _exit(1);
    }
    r = await_state(*c, PS_SENDING, self_ep);
    LT_CHECK(S, "sending_to_partner", r && r->waits_for == self_ep, "state %d wf %d",
             r ? r->state : -1, r ? r->waits_for : 0);
}

static void zombie_row(void)
{
    endpoint_t z;
    int st = -1, pid = raw_fork(&z);

    if (pid == 0)
        _exit(0);
    const struct pm_proc_row *r = await_state(z, PS_ZOMBIE, NONE);
    int ok = r && r->state == PS_ZOMBIE && r->pid == pid;
    LT_CHECK(S, "zombie_row", ok && waitpid(pid, &st, 0) == pid && row_of(z) == NULL,
             "state %d", r ? r->state : -1);
}

static int raw_proclist(int32_t grant, int32_t size)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_PROCLIST;
    m.m_u.m1.i1 = grant;
    m.m_u.m1.i2 = size;
    int r = ipc_sendrec(PM_ENDPOINT, &m);
    return r != OK ? r : m.m_type;
}

static void edges(void)
{
    int total = 0, n = pm_proclist(rows, 1, &total), total0 = 0;
    int n0 = pm_proclist(rows, 0, &total0);
    LT_CHECK(S, "short_array", n == 1 && total > 1 && n0 == 0 && total0 == total,
             "n %d total %d, n0 %d total0 %d", n, total, n0, total0);
    int neg = raw_proclist(0, -1), bad = raw_proclist(4093, (int32_t)sizeof(rows));
    cp_grant_id_t g = cpf_grant_direct(PM_ENDPOINT, (vir_bytes)rows, sizeof(rows), CPF_READ);
    int ro = raw_proclist(g, (int32_t)sizeof(rows));
    cpf_revoke(g);
    LT_CHECK(S, "bad_requests_refused", neg == EINVAL && bad < 0 && ro < 0 && g >= 0,
             "negative size %d, no grant %d, read-only grant %d", neg, bad, ro);
}

int main(void)
{
    struct whoami_info w;
    endpoint_t a = NONE, b = NONE, c = NONE;
    int st;

    sef_startup();
    ltest_plan(S, PLANNED);
    sys_whoami(&w);
    self_ep = w.endpoint;
    uint32_t frames = free_frames();
    int procs = nprocs();
    own_rows();
    blocked_states(&a, &b, &c);
    zombie_row();
    edges();
    int k = sys_kill(a, 0) | sys_kill(b, 0) | sys_kill(c, 0), reaped = 0;
    while (wait(&st) > 0)
        reaped++;
    LT_CHECK(S, "children_reaped", k == OK && reaped == 3, "kill %d, reaped %d", k, reaped);
    uint32_t f = 0;
    int p = 0;
    for (int t = 0; t < DEADLINE && ((f = free_frames()) != frames || (p = nprocs()) != procs); t++)
        sleep_tick();
    LT_CHECK(S, "no_leak", f == frames && p == procs, "frames %u -> %u, processes %d -> %d",
             frames, f, procs, p);
    ltest_finish();
}
