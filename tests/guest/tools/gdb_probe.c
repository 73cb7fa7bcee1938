/* gdb_probe: the guest side of the GDB helper checks (tools suite,
 * tests/harness/gdb-helpers.sh).
 *
 * The helpers read the kernel's tables from outside.  To check them against
 * something they did not compute, this program asks the kernel and RS the
 * same questions through the ordinary interfaces, keeps the answers in its
 * globals and then calls gdb_probe_ready(), where the test's GDB stops and
 * compares the helpers' output with these globals:
 *   probe_procs   GETINFO_PROCTAB (sys_proctab): what lantern-ps shows
 *   probe_privs   PRIV_QUERY of every user-space process (sys_getpriv):
 *                 what lantern-priv shows
 *   probe_pub     RS's public table (rs_pubtab): the labels lantern-ps shows
 *   probe_grant   once the tree has grants (libsys safecopies.h): a grant of
 *                 probe_buf to gdb_peer, the id libsys gave it: what
 *                 lantern-grants must show
 * Before that it waits until gdb_peer (gdb_peer.c) is blocked sending to
 * it, so that the table has a process waiting on another, and it writes a
 * MARK, so that the trace ring ends with a user record.
 *
 * After the stop it answers gdb_peer's request (which makes gdb_peer
 * runnable: lantern-break-proc is checked on that) and then serves nothing.
 * Nothing here reports to the harness: GDB does the checking.
 */
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <service.h>
#if __has_include(<safecopies.h>)
#include <safecopies.h>
#define PROBE_GRANTS 1
#endif

#define SLOTS (NR_TASKS + NR_PROCS)
#define PEER_LABEL "peer"            /* gdb_peer's RS label (servers/rs/table.c) */
#define WAIT_TICKS 500               /* give up on gdb_peer after 5 s */

struct proc_info probe_procs[SLOTS];
int probe_nprocs;
struct priv_info probe_privs[SLOTS];  /* probe_privs[i]: of probe_procs[i] */
int probe_priv_r[SLOTS];              /* sys_getpriv's result, 1 = not asked (task) */
struct rs_pub probe_pub[NR_RS_SERVICES];
int probe_npub;
endpoint_t probe_peer = NONE;
int probe_status;                     /* 0, or 1 when gdb_peer never blocked */
int probe_grant = -1;                 /* a grant id (PROBE_GRANTS), else -1 */
char probe_buf[100];                  /* what the grant lends */

/* GDB's breakpoint.  noinline and a memory clobber: the call and the
 * stores before it stay where they are. */
__attribute__((noinline)) void gdb_probe_ready(void)
{
    __asm__ volatile("" ::: "memory");
}

static void wait_tick(void)
{
    message m;
    sys_setalarm(1);
    ipc_receive(CLOCK, &m);           /* from CLOCK only: gdb_peer's request stays queued */
}

/* Is gdb_peer initialised (RS says so) and blocked?  Its only blocking
 * call after its init is the request to us. */
static int peer_blocked(void)
{
    struct rs_status st;
    struct proc_info tab[SLOTS];
    if (rs_status(PEER_LABEL, &st) != OK || (st.flags & RS_INITIALIZING) || !st.ready_us)
        return 0;
    int n = sys_proctab(tab, SLOTS);
    for (int i = 0; i < n; i++)
        if (tab[i].endpoint == st.endpoint) {
            probe_peer = st.endpoint;
            return (tab[i].flags & PI_BLOCKED) != 0;
        }
    return 0;
}

static void snapshot(void)
{
    for (int i = 0; i < NR_RS_SERVICES; i++) {
        struct rs_pub e;
        if (rs_pubtab(i, &e) != OK)
            break;
        if (e.in_use)
            probe_pub[probe_npub++] = e;
    }
#ifdef PROBE_GRANTS
    probe_grant = cpf_grant_direct(probe_peer, (vir_bytes)probe_buf, sizeof(probe_buf), CPF_READ);
#endif
    sys_trace_mark(0x6764, 1, 2, "gdb_probe ready");
    /* the process table last: nothing blocks between it and the stop */
    probe_nprocs = sys_proctab(probe_procs, SLOTS);
    for (int i = 0; i < probe_nprocs; i++)
        probe_priv_r[i] = (probe_procs[i].flags & PI_TASK) ? 1 :
                          sys_getpriv(probe_procs[i].endpoint, &probe_privs[i]);
}

int main(void)
{
    message m;
    int ticks = 0;

    sef_startup();
    while (!peer_blocked() && ticks++ < WAIT_TICKS)
        wait_tick();
    probe_status = ticks > WAIT_TICKS;
    snapshot();
    gdb_probe_ready();
    for (;;) {
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        m.m_type = OK;
        ipc_sendnb(m.m_source, &m);
    }
}
