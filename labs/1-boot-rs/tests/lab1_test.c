/* lab1_test.c: Lab 1's graded tests (labs/1-boot-rs/README.md).
 *
 * Booted with rs pm init echo lab1_test.  Each test checks one thing the
 * handout asks of echo, from outside echo: it is up after the RS-driven boot,
 * it answers a user process, it holds exactly the rights it needs (read back
 * with PRIV_QUERY) and the kernel refuses what its list does not admit, and
 * after RS restarts it, SEF ran its restart callback in a new process.
 * A failed check says what it got and what it wanted ("got X, want Y"), which
 * the grader shows as actual and expected.  Waits are polls with a deadline
 * in guest ticks (lab1_time.c). */
#include <string.h>
#include <stdio.h>
#include "lab1.h"

#define S LAB1_SUITE
#define DEADLINE_TICKS 500          /* 5 s of guest time */

static endpoint_t echo_ep;

static int priv_of(endpoint_t ep, struct priv_info *pi)
{
    memset(pi, 0, sizeof(*pi));
    return sys_privctl(ep, PRIV_QUERY, pi);
}

static void test_up(void)
{
    struct rs_status st;
    int r = rs_lookup("echo", &echo_ep);
    int s = r == OK ? rs_status("echo", &st) : r;
    LT_CHECK(S, "echo_up", r == OK && s == OK && st.restarts == 0 &&
             !(st.flags & (RS_DOWN_FLAG | RS_BACKOFF | RS_INITIALIZING)),
             "rs_lookup(echo) %d, rs_status %d flags 0x%x restarts %u; "
             "got not running, want up and initialised", r, s,
             s == OK ? st.flags : 0, s == OK ? st.restarts : 0);
}

static void test_answers(int value)
{
    struct ping p;
    int r = ping_as_user(ECHO_PING, value, &p);
    LT_CHECK(S, "echo_answers", r == OK && p.lookup == OK && p.call == OK && p.type == OK &&
             p.value == value && p.served == 1,
             "spawn %d lookup %d sendrec %d: got reply %d value %d served %d, "
             "want reply 0 value %d served 1", r, p.lookup, p.call, p.type, p.value,
             p.served, value);
    LT_CHECK(S, "echo_fresh_init", r == OK && p.init == ECHO_INIT_FRESH && p.restarts == 0,
             "got init %d restarts %d, want init %d (ECHO_INIT_FRESH) restarts 0",
             p.init, p.restarts, ECHO_INIT_FRESH);
    r = ping_as_user(ECHO_PING + 7, value, &p);
    LT_CHECK(S, "echo_bad_request", r == OK && p.call == OK && p.type == EBADREQUEST,
             "spawn %d sendrec %d: got reply %d, want %d (EBADREQUEST)", r, p.call,
             p.type, EBADREQUEST);
}

/* The set of kernel calls in a mask, as text ("GETINFO EXIT ..."). */
static void kcall_names(const struct priv_info *pi, char *out, size_t len)
{
    static const char *const names[] = {
#define LAB1_NAME(name, nr, text) [nr] = #name,
        KCALL_TABLE(LAB1_NAME)
#undef LAB1_NAME
    };
    size_t n = 0;
    out[0] = 0;
    for (int c = 0; c < NR_KCALLS && n + 12 < len; c++)
        if ((pi->kcall_mask[c >> 5] >> (c & 31)) & 1)
            n += snprintf(out + n, len - n, "%s%s", n ? " " : "", names[c]);
    if (!n)
        snprintf(out, len, "(none)");
}

static void test_kernel_calls(const struct priv_info *pi)
{
    char got[160];
    kcall_names(pi, got, sizeof(got));
    LT_CHECK(S, "echo_kernel_calls", !strcmp(got, "GETINFO EXIT DIAGCTL"),
             "got %s, want GETINFO EXIT DIAGCTL", got);
}

static void test_flags(const struct priv_info *pi)
{
    uint32_t must = SYS_PROC | PREEMPTIBLE;
    uint32_t never = ROOT_SYS_PROC | TEST_PROC | TRACE_CTL;
    LT_CHECK(S, "echo_flags", (pi->flags & must) == must && !(pi->flags & never),
             "got flags 0x%x, want SYS_PROC|PREEMPTIBLE (0x%x) and none of 0x%x",
             pi->flags, must, never);
}

/* echo's IPC targets as text: "rs", "pm", "user" first (those it has),
 * then any other priv id ("id7").  Kernel tasks are left out: their
 * notifications bypass the masks. */
static void ipc_names(const struct priv_info *pi, char *out, size_t len)
{
    struct priv_info rs, pm;
    priv_of(RS_ENDPOINT, &rs);
    priv_of(PM_ENDPOINT, &pm);
    const int known[3] = { rs.id, pm.id, USER_PRIV_ID };
    static const char *const names[3] = { "rs", "pm", "user" };
    size_t n = 0;
    out[0] = 0;
    for (int k = 0; k < 3; k++)
        if (priv_map_test(pi->ipc_to, known[k]))
            n += snprintf(out + n, len - n, "%s%s", n ? " " : "", names[k]);
    for (int id = NR_TASKS; id < NR_SYS_PRIVS && n + 12 < len; id++)
        if (priv_map_test(pi->ipc_to, id) && id != known[0] && id != known[1] &&
            id != known[2])
            n += snprintf(out + n, len - n, "%sid%d", n ? " " : "", id);
    if (!n)
        snprintf(out, len, "(none)");
}

static void test_ipc_list(const struct priv_info *pi)
{
    char got[160];
    ipc_names(pi, got, sizeof(got));
    LT_CHECK(S, "echo_ipc_list", !strcmp(got, "rs pm user"), "got %s, want rs pm user", got);
}

/* lab1_test is a system process that echo's list does not name: the kernel
 * must refuse its request before echo sees it. */
static void test_system_refused(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = ECHO_PING;
    int r = ipc_sendrec(echo_ep, &m);
    LT_CHECK(S, "echo_refuses_system", r == ECALLDENIED,
             "sendrec from lab1_test: got %d, want %d (ECALLDENIED)", r, ECALLDENIED);
}

/* RS refreshes echo; wait (guest ticks) for a new endpoint. */
static int wait_new_endpoint(endpoint_t old, endpoint_t *now)
{
    uint32_t start = lab1_ticks();
    struct rs_status st;
    while (lab1_ticks() - start < DEADLINE_TICKS) {
        if (rs_status("echo", &st) == OK && st.endpoint != old &&
            !(st.flags & (RS_INITIALIZING | RS_BACKOFF | RS_DOWN_FLAG))) {
            *now = st.endpoint;
            return OK;
        }
        lab1_sleep(2);
    }
    return ETIMEDOUT;
}

static void test_restart(int value)
{
    endpoint_t now = echo_ep;
    int r = rs_refresh("echo");
    int w = r == OK ? wait_new_endpoint(echo_ep, &now) : r;
    LT_CHECK(S, "restart_new_endpoint", r == OK && w == OK && now != echo_ep,
             "refresh %d, wait %d: got endpoint %d, want a new one (old %d)",
             r, w, now, echo_ep);
    struct ping p;
    memset(&p, 0, sizeof(p));
    int s = w == OK ? ping_as_user(ECHO_PING, value, &p) : w;
    LT_CHECK(S, "restart_answers", s == OK && p.call == OK && p.type == OK &&
             p.value == value && p.served == 1 && p.echo_ep == now,
             "spawn %d sendrec %d: got reply %d value %d served %d ep %d, "
             "want reply 0 value %d served 1 ep %d", s, p.call, p.type, p.value, p.served,
             p.echo_ep, value, now);
    LT_CHECK(S, "restart_init", s == OK && p.init == ECHO_INIT_RESTART && p.restarts == 1,
             "got init %d restarts %d, want init %d (ECHO_INIT_RESTART) restarts 1",
             p.init, p.restarts, ECHO_INIT_RESTART);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "ping"))
        return lab1_client_main(argc, argv);
    sef_startup();
    ltest_plan(S, 11);
    /* a value picked at run time from the TSC (under -icount: the count of
     * instructions so far), so a hard-coded answer does not match */
    uint64_t tsc;
    sys_times(&tsc, NULL, NULL);
    int value = 0x4c000 + (int)((tsc >> 4) % 4096u);
    test_up();
    test_answers(value);
    struct priv_info pi;
    int r = priv_of(echo_ep, &pi);
    if (r != OK)
        memset(&pi, 0, sizeof(pi));
    test_kernel_calls(&pi);
    test_flags(&pi);
    test_ipc_list(&pi);
    test_system_refused();
    test_restart(value + 1);
    ltest_finish();
}
