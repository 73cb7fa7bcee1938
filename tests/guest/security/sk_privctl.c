/* sk_privctl.c: what a parent that is not RS may hand down (the rules are in
 * <lantern/priv.h>).  security_kernel holds I/O 0x100-0x1ff, memory
 * 0x200000-0x2fffff and IRQ 5 (RS's resource table), is preemptible and
 * billable, and may send to sec_closed (whose list names it, but no user)
 * and not to sec_open (which admits users but not it).  Each test asks for
 * more than that and checks the refusal (EPERM for ranges, dropped bits and
 * kept flags for masks), and that a request within its rights still works. */
#include <string.h>
#include "sk.h"

#define IO_OUT    { 0x300, 0x30f }            /* outside 0x100-0x1ff */
#define IO_ACROSS { 0x1f0, 0x20f }            /* starts inside, ends outside */
#define IO_IN     { 0x120, 0x12f }
#define MEM_OUT   { 0x00300000, 0x00300fff }
#define MEM_ACROSS { 0x001ff000, 0x00200fff }
#define MEM_IN    { 0x00210000, 0x00210fff }

static int add(endpoint_t ep, int req, struct priv_range r)
{
    return sys_privctl(ep, req, &r);
}

static int add_irq(endpoint_t ep, int irq)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = ep;
    m.m_u.m1.i2 = PRIV_ADD_IRQ;
    m.m_u.m1.i3 = irq;
    return kernel_call(SYS_PRIVCTL, &m);
}

static void want_init(struct priv_info *w)
{
    memset(w, 0, sizeof(*w));
    w->flags = SYS_PROC | DYN_PRIV_ID;
    w->trap_mask = IPC_ALL_OPS;
    memset(w->kcall_mask, 0xff, sizeof(w->kcall_mask));
    memset(w->ipc_to, 0xff, sizeof(w->ipc_to));
}

/* The target: a fresh child with the I/O range it may have. */
static endpoint_t io_child(int *r_out, int *unchanged, int *r_in)
{
    struct priv_info w, got;
    endpoint_t t = sk_spawn(SK_ROLE_IDLE);
    want_init(&w);
    w.flags |= CHECK_IO_PORT;
    w.nr_io = 1;
    w.io[0] = (struct priv_range)IO_OUT;
    *r_out = sys_privctl(t, PRIV_SET_SYS, &w);
    *unchanged = sys_getpriv(t, &got) == OK && got.id == -1;   /* still no priv */
    w.io[0] = (struct priv_range)IO_IN;
    *r_in = sys_privctl(t, PRIV_SET_SYS, &w);
    return t;
}

static void test_io(endpoint_t *tp)
{
    struct priv_info got, me;
    int r_out, unchanged, r_in;
    endpoint_t t = *tp = io_child(&r_out, &unchanged, &r_in);
    int a_out = add(t, PRIV_ADD_IO, (struct priv_range)IO_OUT);
    int a_across = add(t, PRIV_ADD_IO, (struct priv_range)IO_ACROSS);
    int a_in = add(t, PRIV_ADD_IO, (struct priv_range){ 0x180, 0x1ff });
    sys_getpriv(t, &got);
    sys_getpriv(SELF, &me);
    LT_CHECK(S, "privctl_io_capped", me.nr_io == 1 && t != NONE && r_out == EPERM && unchanged &&
             r_in == OK && a_out == EPERM && a_across == EPERM && a_in == OK &&
             got.nr_io == 2 && got.io[0].base == 0x120 && got.io[1].limit == 0x1ff &&
             (got.flags & CHECK_IO_PORT),
             "own io %u; SET_SYS outside %d (unchanged %d) inside %d; ADD outside %d across %d "
             "inside %d; child has %u ranges, flags %#x", me.nr_io, r_out, unchanged, r_in,
             a_out, a_across, a_in, got.nr_io, got.flags);
}

static void test_mem_irq(endpoint_t t)
{
    struct priv_info got;
    struct priv_range in = MEM_IN;
    int m_out = add(t, PRIV_ADD_MEM, (struct priv_range)MEM_OUT);
    int m_across = add(t, PRIV_ADD_MEM, (struct priv_range)MEM_ACROSS);
    int m_in = add(t, PRIV_ADD_MEM, in);
    int q_in = sys_privctl(t, PRIV_QUERY_MEM, &in);
    int i_out = add_irq(t, 7), i_bad = add_irq(t, 16), i_in = add_irq(t, 5);
    sys_getpriv(t, &got);
    LT_CHECK(S, "privctl_mem_capped", m_out == EPERM && m_across == EPERM && m_in == OK &&
             q_in == OK && got.nr_mem == 1 && (got.flags & CHECK_MEM),
             "ADD_MEM outside %d across %d inside %d, query %d, child has %u ranges",
             m_out, m_across, m_in, q_in, got.nr_mem);
    LT_CHECK(S, "privctl_irq_capped", i_out == EPERM && i_bad == EINVAL && i_in == OK &&
             got.nr_irq == 1 && got.irq[0] == 5 && (got.flags & CHECK_IRQ),
             "ADD_IRQ 7 %d, 16 %d, 5 %d; child has %u lines", i_out, i_bad, i_in, got.nr_irq);
}

static int kbit(const struct priv_info *pi, int call)
{
    int n = call - KCALL_BASE;
    return (pi->kcall_mask[n >> 5] >> (n & 31)) & 1;
}

/* Asks for no PREEMPTIBLE, no BILLABLE, ROOT_SYS_PROC and every call. */
static void test_flags(void)
{
    struct priv_info w, got;
    endpoint_t t = sk_spawn(SK_ROLE_IDLE);
    want_init(&w);
    w.flags |= ROOT_SYS_PROC;
    int r = sys_privctl(t, PRIV_SET_SYS, &w);
    sys_getpriv(t, &got);
    uint32_t need = PREEMPTIBLE | BILLABLE | CHECK_IO_PORT | CHECK_IRQ | CHECK_MEM | SYS_PROC;
    LT_CHECK(S, "privctl_flags_kept", r == OK && (got.flags & need) == need &&
             !(got.flags & ROOT_SYS_PROC) && !kbit(&got, SYS_PANIC) &&
             !kbit(&got, SYS_PROCEVENT) && kbit(&got, SYS_SPAWN) && got.nr_io == 0,
             "set %d, flags %#x, PANIC %d PROCEVENT %d SPAWN %d, io %u", r, got.flags,
             kbit(&got, SYS_PANIC), kbit(&got, SYS_PROCEVENT), kbit(&got, SYS_SPAWN),
             got.nr_io);
    sys_privctl(t, PRIV_ALLOW, NULL);                 /* it exits at once */
}

static int priv_id(endpoint_t ep)
{
    struct priv_info pi;
    return ep != NONE && sys_getpriv(ep, &pi) == OK ? pi.id : -1;
}

/* Live processes other than `self` and `parent` whose mask names `id` but
 * that do not admit users: rights the child's mask gave them. */
static int widened(int id, int self, int parent)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    struct priv_info pi;
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS), bad = 0;
    for (int i = 0; i < n; i++)
        if (!(tab[i].flags & PI_TASK) && sys_getpriv(tab[i].endpoint, &pi) == OK &&
            pi.id >= 0 && pi.id != self && pi.id != parent && sk_priv_bit(&pi, id) &&
            !sk_priv_bit(&pi, USER_PRIV_ID))
            bad++;
    return bad;
}

/* The masks around the probe, read before it runs (it exits after its
 * report, and its slot goes). */
struct mask_view {
    struct priv_info me, got, closed, open;
    int c_id, pm_id, closed_id, open_id, wide;
};

static void read_masks(endpoint_t c, struct mask_view *v)
{
    endpoint_t closed = sys_find_proc("sec_closed"), open = sys_find_proc("sec_open");
    memset(v, 0, sizeof(*v));
    v->c_id = priv_id(c);
    v->pm_id = priv_id(PM_ENDPOINT);
    v->closed_id = priv_id(closed);
    v->open_id = priv_id(open);
    sys_getpriv(SELF, &v->me);
    sys_getpriv(c, &v->got);
    sys_getpriv(closed, &v->closed);
    sys_getpriv(open, &v->open);
    v->wide = v->c_id >= 0 ? widened(v->c_id, v->c_id, v->me.id) : -1;
}

static void check_subset(const struct mask_view *v, int pre, const message *rep, int r_rep)
{
    int extra = 0;
    for (int b = 0; b < NR_SYS_PRIVS; b++)
        extra += sk_priv_bit(&v->got, b) && !sk_priv_bit(&v->me, b) && b != v->me.id;
    LT_CHECK(S, "privctl_sendmask_subset", pre && v->c_id >= 0 && extra == 0 &&
             !sk_priv_bit(&v->got, v->open_id) && sk_priv_bit(&v->got, v->me.id) &&
             sk_priv_bit(&v->got, v->pm_id) && r_rep == OK && rep->m_u.m1.i2 == ECALLDENIED &&
             rep->m_u.m1.i3 == OK,
             "setup %d, child id %d, %d bits its parent lacks, sec_open %d, parent %d, PM %d; "
             "report %d: notify sec_open %d, PM %d", pre, v->c_id, extra,
             sk_priv_bit(&v->got, v->open_id), sk_priv_bit(&v->got, v->me.id),
             sk_priv_bit(&v->got, v->pm_id), r_rep, rep->m_u.m1.i2, rep->m_u.m1.i3);
}

static void check_masks(const struct mask_view *v, const message *rep, int r_rep)
{
    /* the setup the test relies on: sec_closed admits us but no user,
     * sec_open admits users but not us */
    int pre = sk_priv_bit(&v->me, v->closed_id) && !sk_priv_bit(&v->closed, USER_PRIV_ID) &&
              !sk_priv_bit(&v->me, v->open_id) && sk_priv_bit(&v->open, USER_PRIV_ID);
    check_subset(v, pre, rep, r_rep);
    LT_CHECK(S, "privctl_sendmask_not_widened", pre && v->c_id >= 0 &&
             !sk_priv_bit(&v->got, v->closed_id) && !sk_priv_bit(&v->closed, v->c_id) &&
             v->wide == 0 && r_rep == OK && rep->m_u.m1.i1 == ECALLDENIED,
             "setup %d; child -> sec_closed %d, sec_closed -> child %d, %d others gained the "
             "child, notify sec_closed %d", pre, sk_priv_bit(&v->got, v->closed_id),
             sk_priv_bit(&v->closed, v->c_id), v->wide, rep->m_u.m1.i1);
}

/* The probe asks for every send right; it reports what its IPC gave. */
static void test_sendmask(void)
{
    static struct mask_view v;
    struct priv_info w;
    message rep;
    endpoint_t c = sk_spawn(SK_ROLE_PROBE);
    int r_rep = ETIMEDOUT, r_set = c == NONE ? ESRCH : OK;
    want_init(&w);
    memset(&rep, 0, sizeof(rep));
    if (r_set == OK)
        r_set = sys_privctl(c, PRIV_SET_SYS, &w);
    read_masks(c, &v);
    if (r_set == OK && sys_privctl(c, PRIV_ALLOW, NULL) == OK)
        r_rep = wait_message(c, SK_PROBE_REPORT, 500, &rep);
    check_masks(&v, &rep, r_rep);
}

/* The probe's side: IPC to sec_closed, sec_open and PM. */
void sk_probe_role(endpoint_t parent)
{
    message m;
    int pid, ppid;
    endpoint_t pp;
    int r_closed = ipc_notify(sys_find_proc("sec_closed"));
    int r_open = ipc_notify(sys_find_proc("sec_open"));
    int r_pm = pm_getproc(SELF, &pid, &ppid, &pp, NULL);
    memset(&m, 0, sizeof(m));
    m.m_type = SK_PROBE_REPORT;
    m.m_u.m1.i1 = r_closed;
    m.m_u.m1.i2 = r_open;
    m.m_u.m1.i3 = r_pm;
    ipc_send(parent, &m);
}

void sk_privctl_tests(void)
{
    endpoint_t t;
    test_io(&t);
    test_mem_irq(t);
    sys_privctl(t, PRIV_ALLOW, NULL);                 /* it exits at once */
    test_flags();
    test_sendmask();
}
