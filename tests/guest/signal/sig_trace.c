/* sig_trace.c: the kernel's signal records (suite signal).  A raise with a
 * handler leaves SIG_FRAME (ep = us, the signal, the handler) and
 * SIG_RETURN (ep = us, OK) in the trace ring; a forged frame leaves
 * SIG_RETURN with EPERM.  signal_test holds TRACE_CTL (RS's table) to
 * switch category proc on and read the ring. */
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include "sig.h"

static volatile int hits;

static void on_usr1(int sig)
{
    (void)sig;
    hits++;
}

static uint64_t ring_head(void)
{
    message st;
    return sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st) == OK ? st.m_u.m2.t1 : 0;
}

/* A record of type in [from, head) whose words match want[0..n) (a
 * want word of 0xffffffff matches anything). */
static int find(uint64_t from, int type, const uint32_t *want, int n)
{
    static struct trace_rec buf[TRACECTL_READ_MAX];
    uint64_t head = ring_head();
    for (uint64_t i = from; i < head; i += TRACECTL_READ_MAX) {
        uint32_t cnt = head - i < TRACECTL_READ_MAX ? (uint32_t)(head - i) : TRACECTL_READ_MAX;
        if (sys_trace_read(i, cnt, buf) != OK)
            return 0;
        for (uint32_t k = 0; k < cnt; k++) {
            int ok = buf[k].seq == (uint32_t)(i + k) && buf[k].type == type;
            for (int w = 0; ok && w < n; w++)
                ok = want[w] == 0xffffffffu || buf[k].a[w] == want[w];
            if (ok)
                return 1;
        }
    }
    return 0;
}

static int forge_kernel_cs(void)
{
    struct sig_context c;
    message m;
    memset(&c, 0, sizeof(c));
    c.cs = 0x08;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = (uint32_t)(vir_bytes)&c;
    kernel_call(SYS_SIGRETURN, &m);
    return 1;
}

void trace_tests(void)
{
    struct whoami_info me;
    struct sigaction a;
    sys_whoami(&me);
    memset(&a, 0, sizeof(a));
    a.sa_handler = on_usr1;
    sigaction(SIGUSR1, &a, NULL);
    uint64_t h0 = ring_head();
    sys_tracectl(TRACECTL_ENABLE, TC_PROC, 0, 0, NULL);
    raise(SIGUSR1);
    pid_t pid = spawn_child(forge_kernel_cs);
    int st = wait_status(pid);
    sys_tracectl(TRACECTL_DISABLE, TC_PROC, 0, 0, NULL);
    signal(SIGUSR1, SIG_DFL);
    uint32_t frame[] = { (uint32_t)me.endpoint, SIGUSR1, (uint32_t)(vir_bytes)on_usr1 };
    uint32_t ret[] = { (uint32_t)me.endpoint, 0xffffffffu, 0xffffffffu, OK };
    uint32_t refused[] = { 0xffffffffu, 0xffffffffu, 0xffffffffu, (uint32_t)EPERM };
    int f = find(h0, TEV_SIG_FRAME, frame, 3), r = find(h0, TEV_SIG_RETURN, ret, 4);
    int x = find(h0, TEV_SIG_RETURN, refused, 4);
    LT_CHECK(S, "trace_sig_frame_and_return", hits == 1 && f && r && x && WTERMSIG(st) == SIGSEGV,
             "handler %d, SIG_FRAME %d, SIG_RETURN OK %d, refused %d, child %#x", hits, f, r, x, st);
}
