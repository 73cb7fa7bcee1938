/* gt_roles.c: who may make the grant calls, and granters that exit.
 *
 * Rules (docs/grants.md): every process may register a grant table, user
 * processes too, so that it can lend buffers to servers; only processes
 * whose kernel-call mask lists them (RS's table, or a parent's grant) may
 * make the safe copies.  A spawned user child and a spawned service without
 * the copy calls each lend a page and try every copy call; a third child
 * exits with its grant live. */
#include <string.h>
#include "gtt.h"

static uint8_t page[PAGE] __attribute__((aligned(4096)));

/* The calls a plain service has, SETGRANT included, no copies. */
static const int kc_nocopy[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_SETGRANT, -1 };

/* Child: lend a filled page to the parent, try the copies, report, wait. */
static void lender(endpoint_t parent, int exiter)
{
    message m;
    struct vscp_vec v = { .v_from = parent, .v_to = SELF, .v_gid = 0, .v_addr = (vir_bytes)page,
                          .v_bytes = 16 };
    gt_fill(page, PAGE, LEND_SEED);
    memset(&m, 0, sizeof(m));
    m.m_type = GT_REPORT;
    m.m_u.m1.i1 = cpf_grant_direct(parent, (vir_bytes)page, PAGE, CPF_READ);
    if (!exiter) {
        m.m_u.m1.i2 = sys_safecopyfrom(parent, GRANT_ID(1, 0), 0, (vir_bytes)page + PAGE / 2, 16);
        m.m_u.m1.i3 = sys_safecopyto(parent, GRANT_ID(1, 0), 0, (vir_bytes)page + PAGE / 2, 16);
        m.m_u.m1.i4 = sys_vsafecopy(&v, 1);
    }
    ipc_sendrec(parent, &m);             /* the parent answers when it is done */
}

void gt_role(uint32_t role, endpoint_t parent)
{
    lender(parent, role == ROLE_EXITER);
}

/* Spawn a lender, get its report, read its grant; *rep has the report. */
static int lend_from(endpoint_t child, message *rep, int *copy)
{
    if (child == NONE || wait_message(child, GT_REPORT, GT_WAIT_TICKS, rep) != OK)
        return 0;
    memset(page, 0, PAGE);
    *copy = sys_safecopyfrom(child, rep->m_u.m1.i1, 0, (vir_bytes)page, PAGE);
    return 1;
}

static void user_tests(void)
{
    message rep, done = { .m_type = GT_DONE };
    int copy = EGENERIC;
    endpoint_t c = gt_spawn("grant_test", ROLE_LENDER, 1, NULL);
    int got = lend_from(c, &rep, &copy);
    int32_t *i = &rep.m_u.m1.i1;
    LT_CHECK(S, "user_setgrant_allowed", got && i[0] >= 0, "child %d: grant %d", c, got ? i[0] : 0);
    LT_CHECK(S, "user_safecopy_denied", got && i[1] == ECALLDENIED && i[2] == ECALLDENIED &&
             i[3] == ECALLDENIED, "from %d, to %d, vector %d", i[1], i[2], i[3]);
    LT_CHECK(S, "user_grant_usable", got && copy == OK && gt_check(page, PAGE, LEND_SEED),
             "reading the user's grant: %d", copy);
    if (got)
        ipc_send(c, &done);
}

static void service_tests(void)
{
    message rep, done = { .m_type = GT_DONE };
    int copy = EGENERIC;
    endpoint_t c = gt_spawn("grant_test", ROLE_LENDER, 0, kc_nocopy);
    int got = lend_from(c, &rep, &copy);
    int32_t *i = &rep.m_u.m1.i1;
    LT_CHECK(S, "service_without_copies_denied", got && i[0] >= 0 && copy == OK &&
             i[1] == ECALLDENIED && i[2] == ECALLDENIED && i[3] == ECALLDENIED,
             "grant %d (read %d), from %d, to %d, vector %d", i[0], copy, i[1], i[2], i[3]);
    if (got)
        ipc_send(c, &done);
}

/* The child exits without revoking: its grants end with it (EDEADSRCDST),
 * and no later process in its slot has them (the endpoint's generation). */
static void exit_tests(void)
{
    message rep, done = { .m_type = GT_DONE };
    int live = EGENERIC, after = EGENERIC;
    endpoint_t c = gt_spawn("grant_test", ROLE_EXITER, 0, kc_nocopy);
    int got = lend_from(c, &rep, &live);
    uint32_t deadline = sys_uptime() + GT_WAIT_TICKS;
    if (got)
        ipc_send(c, &done);
    while (got && (int32_t)(deadline - sys_uptime()) > 0) {
        after = sys_safecopyfrom(c, rep.m_u.m1.i1, 0, (vir_bytes)page, 16);
        if (after != OK)
            break;
        gt_sleep_tick();                 /* let the child run and exit */
    }
    LT_CHECK(S, "exit_with_live_grants", got && live == OK && after == EDEADSRCDST,
             "while alive %d, after exit %d", live, after);
}

void gt_roles_tests(void)
{
    user_tests();
    service_tests();
    exit_tests();
}
