/* fuzz.c: the fuzzing processes' lives (fuzz.h has the design).
 *
 *   fuzz (FZ_MAIN, a test program): notes the free memory, the slots and
 *     its grants, spawns the user fuzzer, fuzzes, collects the other two
 *     reports (their coverage comes through a grant each lends it), checks
 *     that nothing leaked and that every server still answers, and reports.
 *   fuzz_svc (FZ_SVC, a service): fuzzes, reports, then answers requests.
 *   fuzz as a user child (FZ_USER): fuzzes, checks the fault-injection
 *     refusals and echo, reports, exits.
 * The seed is the run's seed= (the harness's SEED=, or the suite line's
 * seed= key; else 1), which also seeds the kernel's jitter; the calls are
 * fuzzcalls= (the three fuzzers together) on the kernel command line. */
#include <stdlib.h>
#include <sef.h>
#include <lantern/rs.h>
#include <lantern/echo.h>
#include "fuzz.h"

static uint32_t seed = 1, calls = 30000;
static struct fz_result res;

static uint32_t option(const char *cmdline, const char *key, uint32_t dflt)
{
    const char *s = strstr(cmdline, key);
    return s ? (uint32_t)strtoul(s + strlen(key), NULL, 10) : dflt;
}

static void configure(void)
{
    static struct kinfo k;
    sys_kinfo(&k);
    seed = option(k.cmdline, " seed=", seed);
    calls = option(k.cmdline, "fuzzcalls=", calls);
}

/* Report to main; a refusal (main was busy fuzzing and answered us as a
 * stray request, or ELOCKED: main was sending to us) means try again. */
static void report(uint32_t flags)
{
    message m;
    uint32_t n;
    const cp_grant_id_t g = cpf_grant_direct(fz.main, (vir_bytes)fz_cover, sizeof(fz_cover), CPF_READ);
    for (int tries = 0; tries < 100000; tries++) {
        memset(&m, 0, sizeof(m));
        m.m_type = FZ_REPORT;
        memcpy(m.m_u.m_u32, &res, sizeof(res));
        n = sizeof(res) / 4;
        m.m_u.m_u32[n] = (uint32_t)g;
        m.m_u.m_u32[n + 1] = flags;
        int r = ipc_sendrec(fz.main, &m);
        if (r == OK && m.m_type == OK)
            return;
        if (r == ELOCKED && fz.role == FZ_SVC) {   /* main waits for us: answer it */
            sys_setalarm(1);
            if (ipc_receive(ANY, &m) == OK && !IS_NOTIFY(m.m_type)) {
                m.m_type = EBADREQUEST;
                ipc_sendnb(m.m_source, &m);
            }
        }
    }
}

/* The user fuzzer's end checks: fault injection refused, echo answers. */
static uint32_t user_checks(void)
{
    message m;
    uint32_t flags = 0;
    memset(&m, 0, sizeof(m));
    strcpy(m.m_u.m_str, "echo");
    m.m_u.m1.p1 = RS_FAULT_WILD;
    m.m_type = RS_FAULT;
    flags |= (ipc_sendrec(RS_ENDPOINT, &m) == OK && m.m_type == EPERM) ? 1 : 0;
    memset(&m, 0, sizeof(m));
    m.m_type = SEF_FAULT;
    m.m_u.m1.i1 = RS_FAULT_WILD;
    flags |= (ipc_sendrec(fz.echo, &m) == OK && m.m_type == EPERM) ? 2 : 0;
    memset(&m, 0, sizeof(m));
    m.m_type = ECHO_PING;
    m.m_u.m1.i1 = 4242;
    flags |= (ipc_sendrec(fz.echo, &m) == OK && m.m_type == OK && m.m_u.m1.i1 == 4242) ? 4 : 0;
    return flags;
}

static void user_main(void)
{
    fz_run(calls / 3, &res);
    report(user_checks());
    sys_exit(0);
}

static void svc_main(void)
{
    message m;
    fz_run(calls / 3, &res);
    report(0);
    for (;;) {                               /* answer whoever still asks */
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        m.m_type = EBADREQUEST;
        ipc_sendnb(m.m_source, &m);
    }
}

int main(void)
{
    struct whoami_info me;
    sys_whoami(&me);
    if (me.spawn_arg == FZ_ARG_THROW)
        sys_exit(0);
    configure();
    fz.self = me.endpoint;
    fz.echo = sys_find_proc("echo");
    fz.svc = sys_find_proc("fuzz_svc");
    fz.user = NONE;
    if (me.spawn_arg == FZ_ARG_USER) {
        fz.main = me.parent;
        fz_seed(seed, FZ_USER);
    } else {
        sef_startup();
        fz.main = sys_find_proc("fuzz");
        fz_seed(seed, strcmp(me.name, "fuzz_svc") ? FZ_MAIN : FZ_SVC);
    }
    fz_learn_live();
    if (fz.role == FZ_USER)
        user_main();
    if (fz.role == FZ_SVC)
        svc_main();
    return fz_main(seed, calls);
}
