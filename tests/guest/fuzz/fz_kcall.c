/* fz_kcall.c: one row per kernel call (KCALL_TABLE), plus unknown numbers
 * and bad message addresses.  Each row fills a message with random words,
 * sets the fields its call reads from the generator's pools, and returns
 * the call's result.  The codes are the ones kcall.h, docs/kernel-calls.md
 * and the handlers in os/kernel/system/ document for every caller.
 *
 * Calls that would end the run are drawn only by the roles that lack them
 * (TESTRESULT, SHUTDOWN, PANIC, PROCEVENT: ECALLDENIED), or with arguments
 * that keep them harmless: EXIT never names the caller or the user fuzzer,
 * PRIVCTL never names the user fuzzer, every SPAWN child is ended in the
 * same row (it never runs; the leak check at the end counts slots). */
#include "fuzz.h"

static message m;

static int call(int nr)
{
    return kernel_call(nr, &m);
}

static void msg_with_buffer(uint32_t len_word, uint32_t ptr_word)
{
    uint32_t len = fz_len();
    fz_message(&m);
    m.m_u.m_u32[ptr_word] = fz_addr(&len);
    m.m_u.m_u32[len_word] = len;
}

static int getinfo(void)
{
    static const uint32_t ops[] = { GETINFO_WHOAMI, GETINFO_PROCTAB, GETINFO_BOOTMODS,
                                    GETINFO_KINFO, 0, 5, 0xffffffffu };
    msg_with_buffer(1, 4);
    m.m_u.m1.i1 = (int32_t)fz_pick(ops, 7);
    return call(SYS_GETINFO);
}

/* Never the caller itself (that is the end of the run), never the user fuzzer. */
static endpoint_t other_than_us(void)
{
    endpoint_t ep = fz_endpoint();
    return (ep == SELF || ep == fz.self || ep == fz.user) ? NONE : ep;
}

static int exit_other(void)
{
    fz_message(&m);
    m.m_u.m1.i2 = other_than_us();
    return call(SYS_EXIT);
}

static int diagctl(void)
{
    msg_with_buffer(2, 4);
    m.m_u.m1.i1 = fz_below(2) ? DIAGCTL_PRINT : (int32_t)fz_rand();
    if (m.m_u.m1.i2 > 64 && fz_below(4))
        m.m_u.m1.i2 = 64;                    /* keep the console readable, mostly */
    return call(SYS_DIAGCTL);
}

static int times(void) { fz_message(&m); return call(SYS_TIMES); }

static int setalarm(void)
{
    fz_message(&m);
    m.m_u.m1.i1 = fz_below(2) ? (int32_t)fz_below(1000) : (int32_t)fz_rand();
    return call(SYS_SETALARM);
}

static int testresult(void) { fz_message(&m); return call(SYS_TESTRESULT); }
static int shutdown(void) { fz_message(&m); return call(SYS_SHUTDOWN); }
static int panic(void) { fz_message(&m); return call(SYS_PANIC); }
static int procevent(void) { fz_message(&m); return call(SYS_PROCEVENT); }

static int tracectl(void)
{
    fz_message(&m);
    m.m_u.m1.i1 = fz_below(4) ? 1 + (int32_t)fz_below(TRACECTL_READ) : (int32_t)fz_rand();
    uint32_t len = 64;
    if (fz_below(2))
        m.m_u.m1.p1 = fz_addr(&len);
    return call(SYS_TRACECTL);
}

/* A privctl on a target, with a random request and priv_info. */
static int privctl_on(endpoint_t target)
{
    uint32_t len = sizeof(struct priv_info);
    fz_message(&m);
    m.m_u.m1.i1 = target;
    m.m_u.m1.i2 = fz_below(8) ? 1 + (int32_t)fz_below(PRIV_QUERY_MEM) : (int32_t)fz_rand();
    m.m_u.m1.p1 = fz_below(4) ? 0 : fz_addr(&len);
    return call(SYS_PRIVCTL);
}

static int privctl(void)
{
    endpoint_t t = fz_endpoint();
    return privctl_on(t == fz.user ? NONE : t);
}

/* SPAWN: a boot module by name (or a bad name, bad arguments); a child that
 * was made gets a privctl or two and is ended at once (checked). */
static int spawn(void)
{
    static const char *const names[] = { "fuzz", "fuzz_svc", "echo", "pm", "rs", "nope", "" };
    msg_with_buffer(5, 4);
    if (fz_below(3))
        m.m_u.m_u32[5] = fz_below(140);
    if (fz_below(4))
        strcpy(m.m_u.m_str, names[fz_below(7)]);
    m.m_u.m_u32[SPAWN_ARG_WORD] = FZ_ARG_THROW;
    int r = call(SYS_SPAWN);
    if (r != OK)
        return r;
    endpoint_t child = m.m_u.m1.i1;
    for (uint32_t n = fz_below(3); n > 0; n--)
        privctl_on(child);
    if (sys_kill(child, 0) != OK)
        return EGENERIC;                     /* our own child must end: not documented */
    fz_note_stale(child);
    return OK;
}

static int unknown_call(void)
{
    static const uint32_t nrs[] = { 0, KCALL_BASE - 1, KCALL_BASE + NR_KCALLS, 0x80000000u,
                                    0x7fffffff, 0xffffffffu };
    fz_message(&m);
    int nr = (int)(fz_below(2) ? fz_pick(nrs, 6) : fz_rand());
    if ((uint32_t)nr - KCALL_BASE < NR_KCALLS)
        nr = KCALL_BASE + NR_KCALLS;
    return call(nr);
}

static int bad_message(void)
{
    uint32_t len = sizeof(message);
    vir_bytes a = fz_addr(&len);
    if (a >= (vir_bytes)fz_scratch && a < (vir_bytes)fz_scratch + 2 * FZ_PAGE)
        a = 0;                               /* the good class: make it a bad one */
    return fz_raw_kcall(a);
}

#define ENDPOINT_ERRS EBADSRCDST, EDEADSRCDST
const struct fz_row fz_kcall_rows[] = {
    { "SYS_GETINFO", getinfo, FZ_ALL, { OK, EINVAL, EFAULT, FZ_END } },
    { "SYS_EXIT", exit_other, FZ_ALL, { OK, EPERM, ENDPOINT_ERRS, FZ_END } },
    { "SYS_DIAGCTL", diagctl, FZ_ALL, { OK, EINVAL, E2BIG, EFAULT, FZ_END } },
    { "SYS_TIMES", times, FZ_ALL, { OK, FZ_END } },
    { "SYS_SETALARM", setalarm, FZ_ALL, { OK, EINVAL, FZ_END } },
    { "SYS_TESTRESULT", testresult, FZ_SVC | FZ_USER, { ECALLDENIED, FZ_END } },
    { "SYS_SHUTDOWN", shutdown, FZ_SVC | FZ_USER, { ECALLDENIED, FZ_END } },
    { "SYS_TRACECTL", tracectl, FZ_ALL, { OK, EPERM, EINVAL, ENOSYS, EFAULT, FZ_END } },
    { "SYS_SPAWN", spawn, FZ_ALL,
      { OK, E2BIG, EFAULT, ENOENT, EAGAIN, ENOMEM, ENOEXEC, EINVAL, ECALLDENIED, FZ_END } },
    { "SYS_PANIC", panic, FZ_SVC | FZ_USER, { ECALLDENIED, FZ_END } },
    { "SYS_PRIVCTL", privctl, FZ_ALL,
      { OK, EPERM, EINVAL, EFAULT, ENOMEM, ENDPOINT_ERRS, ECALLDENIED, FZ_END } },
    { "SYS_PROCEVENT", procevent, FZ_ALL, { EPERM, ECALLDENIED, FZ_END } },
    { "unknown call", unknown_call, FZ_ALL, { EBADREQUEST, FZ_END } },
    { "bad message address", bad_message, FZ_ALL, { EFAULT, FZ_END } },
};
const unsigned fz_kcall_n = sizeof(fz_kcall_rows) / sizeof(fz_kcall_rows[0]);
