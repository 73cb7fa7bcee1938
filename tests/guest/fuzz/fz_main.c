/* fz_main.c: the test program's side of the fuzz run (fuzz.c has the
 * lives of all three): baseline, the user fuzzer, our own calls, the
 * reports, the leak checks and a round trip to every server, then the
 * results.  Every failure names the seed and the call number. */
#include <stdio.h>
#include <lantern/rs.h>
#include <vm.h>
#include "fuzz.h"

struct peer_report {
    struct fz_result res;
    uint32_t flags;
    int got;
};
static struct peer_report svc_rep, user_rep;
static uint32_t seed_, calls_;

/* free_kb: VM's free frames plus the kernel's (a boot program's page that
 * safemap or a COW copy replaced leaves the kernel's pool for VM's: the
 * sum stays); smaps: VM's live safemap records. */
struct snapshot { uint32_t free_kb; int slots; uint32_t grants, smaps; };

static void snap(struct snapshot *s)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    uint32_t n, w[VM_INFO_WORDS] = { 0 };
    const cp_grant_t *t = cpf_table(&n);
    vm_info(w);
    s->free_kb = (w[VM_INFO_FREE] + w[VM_INFO_KFREE]) * 4;
    s->smaps = w[VM_INFO_SMAPS];
    s->slots = sys_proctab(tab, NR_TASKS + NR_PROCS);
    s->grants = 0;
    for (uint32_t i = 0; t && i < n; i++)
        s->grants += (t[i].cp_flags & CPF_VALID) != 0;
}

static uint32_t now_ticks(void)
{
    uint64_t tsc;
    uint32_t t = 0;
    sys_times(&tsc, &t, NULL);
    return t;
}

/* A report: keep it, merge the sender's coverage (read through its grant). */
static int take_report(message *m)
{
    struct peer_report *p = m->m_source == fz.svc ? &svc_rep : m->m_source == fz.user ? &user_rep : NULL;
    static uint32_t cover[FZ_COVER_WORDS];
    uint32_t n = sizeof(struct fz_result) / 4;
    if (!p || m->m_type != FZ_REPORT)
        return EBADREQUEST;
    memcpy(&p->res, m->m_u.m_u32, sizeof(p->res));
    p->flags = m->m_u.m_u32[n + 1];
    p->got = 1;
    if (sys_safecopyfrom(m->m_source, (cp_grant_id_t)m->m_u.m_u32[n], 0, (vir_bytes)cover,
                         sizeof(cover)) == OK)
        for (int i = 0; i < FZ_COVER_WORDS; i++)
            fz_cover[i] |= cover[i];
    return OK;
}

/* Receive until both reports are in (deadline: `ticks`); every other
 * request gets EBADREQUEST, so nobody stays blocked on us. */
static void collect(uint32_t ticks)
{
    uint32_t start = now_ticks();
    message m;
    while (!(svc_rep.got && user_rep.got) && now_ticks() - start < ticks) {
        sys_setalarm(5);                     /* wakes the receive up to see the deadline */
        if (ipc_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        m.m_type = take_report(&m);
        ipc_sendnb(m.m_source, &m);
    }
}

/* Poll (interval: 2 ticks, inside the deadline) until the snapshot is back
 * to the baseline: the user fuzzer and the SPAWN children are gone. */
static void settle(const struct snapshot *base, struct snapshot *now, uint32_t ticks)
{
    uint32_t start = now_ticks();
    message m;
    for (;;) {
        snap(now);
        if ((now->slots == base->slots && now->free_kb == base->free_kb &&
             now->smaps == base->smaps) ||
            now_ticks() - start > ticks)
            return;
        sys_setalarm(2);
        ipc_receive(CLOCK, &m);
    }
}

static void check_peer(const char *test, const struct peer_report *p)
{
    const struct fz_row *row = p->got && p->res.bad_call >= 0 ? fz_row_at(p->res.bad_row) : NULL;
    LT_CHECK(S, test, p->got && p->res.bad_call < 0,
             p->got ? "seed %u: call %d (%s) returned %d, not a documented code; replay: make fuzz "
                      "SEED=%u CALLS=%u" : "no report (seed %u, %d%s%d; make fuzz SEED=%u CALLS=%u)",
             (unsigned)seed_, (int)p->res.bad_call, row ? row->name : "-", (int)p->res.bad_result,
             (unsigned)seed_, (unsigned)calls_);
}

static int round_trips(void)
{
    struct rs_pub pub;
    int pid, ppid;
    endpoint_t parent;
    char name[16];
    return rs_pubtab(0, &pub) == OK && pm_getproc(SELF, &pid, &ppid, &parent, name) == OK;
}

static void bench(uint64_t tsc, uint32_t n, uint32_t digest)
{
    struct kinfo k;
    sys_kinfo(&k);
    if (k.tsc_khz && tsc)
        ltest_bench("fuzz_calls_per_s", (uint64_t)n * k.tsc_khz * 1000 / tsc, "calls/s");
    ltest_bench("fuzz_calls", n, "calls");
    ltest_bench("fuzz_grant_calls", fz.grant_calls, "calls");
    ltest_bench("fuzz_pairs", fz_pairs(fz_cover), "pairs");
    ltest_bench("fuzz_digest", digest, "hash");
}

/* The fuzzers' own results: every call documented, all calls made. */
static void results_documented(const struct fz_result *mine)
{
    const struct fz_row *row = mine->bad_call >= 0 ? fz_row_at(mine->bad_row) : NULL;
    LT_CHECK(S, "main_results_documented", mine->bad_call < 0,
             "seed %u: call %d (%s) returned %d, not a documented code; replay: make fuzz SEED=%u "
             "CALLS=%u", (unsigned)seed_, (int)mine->bad_call, row ? row->name : "-",
             (int)mine->bad_result, (unsigned)seed_, (unsigned)calls_);
    check_peer("svc_results_documented", &svc_rep);
    check_peer("user_results_documented", &user_rep);
    uint32_t total = mine->calls + svc_rep.res.calls + user_rep.res.calls;
    fz.grant_calls = mine->grant_calls + svc_rep.res.grant_calls + user_rep.res.grant_calls;
    LT_CHECK(S, "all_calls_made", total == calls_ && fz.grant_calls > calls_ / 4,
             "seed %u: %u of %u calls, %u grant/copy calls", (unsigned)seed_, (unsigned)total,
             (unsigned)calls_, (unsigned)fz.grant_calls);
}

/* Nothing leaked, fault injection refused, the servers still answer. */
static void system_intact(const struct snapshot *base, const struct snapshot *now)
{
    unsigned s = (unsigned)seed_;
    uint32_t bad = 0;
    int counts = vm_check(&bad);
    LT_CHECK(S, "no_frame_leak", now->free_kb == base->free_kb && now->smaps == base->smaps &&
             counts == OK, "seed %u: %u KiB free before, %u after; %u safemap records before, "
             "%u after; VM_CHECK %d (frame %#x)", s, (unsigned)base->free_kb,
             (unsigned)now->free_kb, (unsigned)base->smaps, (unsigned)now->smaps, counts, bad);
    LT_CHECK(S, "no_slot_leak", now->slots == base->slots,
             "seed %u: %d processes before, %d after", s, base->slots, now->slots);
    LT_CHECK(S, "no_grant_leak", now->grants == base->grants,
             "seed %u: %u live grants before, %u after", s, (unsigned)base->grants,
             (unsigned)now->grants);
    LT_CHECK(S, "fault_injection_refused", (user_rep.flags & 3) == 3,
             "seed %u: a user's RS_FAULT %s EPERM, its SEF_FAULT to echo %s EPERM", s,
             user_rep.flags & 1 ? "got" : "did not get", user_rep.flags & 2 ? "got" : "did not get");
    LT_CHECK(S, "servers_answer", round_trips() && (user_rep.flags & 4),
             "seed %u: RS, PM or echo (from the user fuzzer: %s) did not answer after the run", s,
             user_rep.flags & 4 ? "ok" : "no");
    LT_CHECK(S, "pairs_covered", fz_pairs(fz_cover) >= fz_nrows(),
             "seed %u: %u (call, result) pairs for %u rows", s, fz_pairs(fz_cover), fz_nrows());
}

int fz_main(uint32_t seed, uint32_t calls)
{
    struct snapshot base, now;
    struct fz_result mine;
    endpoint_t user;
    seed_ = seed;
    calls_ = calls;
    ltest_plan(S, 10);
    snap(&base);
    if (sys_spawn_args("fuzz", "", FZ_ARG_USER, &user) != OK ||
        sys_privctl(user, PRIV_SET_USER, NULL) != OK || sys_privctl(user, PRIV_ALLOW, NULL) != OK)
        user = NONE;
    fz.user = user;
    uint64_t t0 = read_tsc();
    fz_run(calls - 2 * (calls / 3), &mine);
    fz_revoke_all();
    collect(100 * 120);
    uint64_t t1 = read_tsc();
    settle(&base, &now, 500);
    results_documented(&mine);
    system_intact(&base, &now);
    uint32_t total = mine.calls + svc_rep.res.calls + user_rep.res.calls;
    uint32_t digest = mine.digest ^ svc_rep.res.digest * 3 ^ user_rep.res.digest * 5;
    bench(t1 - t0, total, digest);
    printf("fuzz: seed %u, %u calls (%u grant/copy), %u (call, result) pairs, digest %08x\n",
           (unsigned)seed, (unsigned)total, (unsigned)fz.grant_calls, fz_pairs(fz_cover),
           (unsigned)digest);
    ltest_finish();
}
