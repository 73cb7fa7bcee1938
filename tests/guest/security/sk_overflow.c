/* sk_overflow.c: numbers near the ends of int.  An endpoint is decoded with
 * unsigned arithmetic (<lantern/endpoint.h>), so a value near INT_MAX cannot
 * overflow into a real slot: every value that no generation could produce
 * gives EBADSRCDST (IPC) or EINVAL (SYS_PRIVCTL's bad target).  A kernel
 * call number is checked the same way: m_type near INT_MIN gives
 * EBADREQUEST, the documented error for an unknown call. */
#include <stdio.h>
#include <string.h>
#include "sk.h"

#define INT_MAX_ 0x7fffffff
#define INT_MIN_ (-INT_MAX_ - 1)

/* IPC and SYS_PRIVCTL on a value that is no endpoint; the count of wrong
 * answers, with the first one in *what. */
static int bad_endpoint(endpoint_t e, char *what, size_t n)
{
    struct priv_info pi;
    message m;
    memset(&m, 0, sizeof(m));
    int r_nb = ipc_sendnb(e, &m), r_no = ipc_notify(e), r_pq = sys_getpriv(e, &pi);
    if (r_nb == EBADSRCDST && r_no == EBADSRCDST && r_pq == EINVAL)
        return 0;
    if (!*what)
        snprintf(what, n, "%#x: sendnb %d notify %d query %d", (unsigned)e, r_nb, r_no, r_pq);
    return 1;
}

static void test_endpoints(void)
{
    struct whoami_info me;
    struct priv_info pi;
    char what[80] = "";
    int wrong = 0;
    sys_whoami(&me);
    const endpoint_t vals[] = {
        INT_MAX_, INT_MAX_ - 1, INT_MAX_ - 3, INT_MAX_ - 4,
        /* generation ENDPOINT_MAX_GEN + 1, our own slot: never issued */
        ENDPOINT(ENDPOINT_MAX_GEN + 1, ENDPOINT_NR(me.endpoint)),
        ENDPOINT(ENDPOINT_MAX_GEN + 1, PM_PROC_NR),
        INT_MIN_, INT_MIN_ + 3, -NR_TASKS - 1,
    };
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        wrong += bad_endpoint(vals[i], what, sizeof(what));
    int ok_self = sys_getpriv(me.endpoint, &pi), ok_pm = sys_getpriv(PM_ENDPOINT, &pi);
    LT_CHECK(S, "endpoint_near_int_max", wrong == 0 && ok_self == OK && ok_pm == OK,
             "%d wrong answers (first %s); query self %d, PM %d", wrong, what, ok_self, ok_pm);
}

static void test_kcalls(void)
{
    const int32_t vals[] = {
        INT_MIN_, INT_MIN_ + 1, INT_MIN_ + KCALL_BASE,   /* the last: call - base == INT_MIN */
        INT_MIN_ + KCALL_BASE - 1, INT_MAX_, -1, 0, KCALL_BASE - 1, KCALL_BASE + NR_KCALLS,
    };
    struct whoami_info me;
    int wrong = 0, first = 0, first_r = 0;
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        message m;
        memset(&m, 0, sizeof(m));
        int r = kernel_call(vals[i], &m);
        if (r != EBADREQUEST && !wrong++)
            first = vals[i], first_r = r;
    }
    int ok = sys_whoami(&me);
    LT_CHECK(S, "kcall_near_int_min", wrong == 0 && ok == OK,
             "%d wrong answers (first m_type %#x gave %d); SYS_GETINFO %d", wrong,
             (unsigned)first, first_r, ok);
}

void sk_overflow_tests(void)
{
    test_endpoints();
    test_kcalls();
}
