/* kcall.c: kernel-call wrappers (requests to the SYSTEM task). */
#include <string.h>
#include <sys.h>

int kernel_call(int call, message *m)
{
    int r;
    m->m_type = call;
    __asm__ volatile("int %1" : "=a"(r) : "i"(KCALL_VECTOR), "a"(m) : "memory");
    return r;
}

static int getinfo(int what, void *buf, uint32_t len, message *m)
{
    memset(m, 0, sizeof(*m));
    m->m_u.m1.i1 = what;
    m->m_u.m1.i2 = (int32_t)len;
    m->m_u.m1.p1 = (uint32_t)buf;
    return kernel_call(SYS_GETINFO, m);
}

int sys_whoami(struct whoami_info *info)
{
    message m;
    return getinfo(GETINFO_WHOAMI, info, sizeof(*info), &m);
}

int sys_proctab(struct proc_info *tab, int max)
{
    message m;
    int r = getinfo(GETINFO_PROCTAB, tab, (uint32_t)max * sizeof(*tab), &m);
    return r < 0 ? r : m.m_u.m1.i3 / (int)sizeof(*tab);
}

endpoint_t sys_find_proc(const char *name)
{
    struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);
    for (int i = 0; i < n; i++)
        if (!strncmp(tab[i].name, name, sizeof(tab[i].name)))
            return tab[i].endpoint;
    return NONE;
}

int sys_kinfo(struct kinfo *k)
{
    message m;
    return getinfo(GETINFO_KINFO, k, sizeof(*k), &m);
}

int sys_diag_print(const char *s, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = DIAGCTL_PRINT;
    m.m_u.m1.i2 = (int32_t)len;
    m.m_u.m1.p1 = (uint32_t)s;
    return kernel_call(SYS_DIAGCTL, &m);
}

int sys_times(uint64_t *tsc, uint32_t *uptime, uint32_t *user_ticks)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    if ((r = kernel_call(SYS_TIMES, &m)) != OK)
        return r;
    if (tsc)
        *tsc = m.m_u.m2.t1;
    if (uptime)
        *uptime = m.m_u.m2.w1;
    if (user_ticks)
        *user_ticks = m.m_u.m2.w2;
    return OK;
}

int sys_setalarm(uint32_t ticks)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = (int32_t)ticks;
    return kernel_call(SYS_SETALARM, &m);
}

int sys_spawn_args(const char *module, const char *args, uint32_t arg, endpoint_t *child)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    strncpy(m.m_u.m_str, module, 15);
    if (args) {
        m.m_u.m_u32[SPAWN_ARGS_PTR_WORD] = (uint32_t)args;
        m.m_u.m_u32[SPAWN_ARGS_LEN_WORD] = (uint32_t)strlen(args);
    }
    m.m_u.m_u32[SPAWN_ARG_WORD] = arg;
    if ((r = kernel_call(SYS_SPAWN, &m)) == OK && child)
        *child = m.m_u.m1.i1;
    return r;
}

/* A system process's child is born without privileges: hand it the
 * parent's own (the kernel caps them at ours) and let it run. */
int sys_spawn(const char *module, uint32_t arg, endpoint_t *child)
{
    endpoint_t ep;
    int r = sys_spawn_args(module, NULL, arg, &ep);
    if (r != OK)
        return r;
    if (sys_privctl(ep, PRIV_SET_SYS, NULL) == OK)
        sys_privctl(ep, PRIV_ALLOW, NULL);     /* EPERM: a user child already runs */
    if (child)
        *child = ep;
    return OK;
}

int sys_privctl(endpoint_t target, int request, void *arg)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = target;
    m.m_u.m1.i2 = request;
    m.m_u.m1.p1 = (uint32_t)arg;
    return kernel_call(SYS_PRIVCTL, &m);
}

int sys_getpriv(endpoint_t target, struct priv_info *out)
{
    return sys_privctl(target, PRIV_QUERY, out);
}

int sys_procevent(struct proc_event *ev)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.p1 = (uint32_t)ev;
    return kernel_call(SYS_PROCEVENT, &m);
}

int sys_kill(endpoint_t target, int status)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = status;
    m.m_u.m1.i2 = target;
    return kernel_call(SYS_EXIT, &m);
}

void sys_exit(int status)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = status;
    m.m_u.m1.i2 = SELF;
    kernel_call(SYS_EXIT, &m);
    for (;;)
        ;
}

void sys_shutdown(int status)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = status;
    kernel_call(SYS_SHUTDOWN, &m);
    for (;;)
        ;
}

void sys_panic(const char *why)
{
    message m;
    memset(&m, 0, sizeof(m));
    strncpy(m.m_u.m_str, why, sizeof(m.m_u.m_str) - 1);
    kernel_call(SYS_PANIC, &m);
    for (;;)
        ;
}

int sys_tracectl(int op, int a, int b, int c, message *reply)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = op;
    m.m_u.m1.i2 = a;
    m.m_u.m1.i3 = b;
    m.m_u.m1.i4 = c;
    r = kernel_call(SYS_TRACECTL, &m);
    if (reply)
        *reply = m;
    return r;
}

int sys_trace_mark(uint32_t tag, uint32_t a0, uint32_t a1, const char *text)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = TRACECTL_MARK;
    m.m_u.m1.i2 = (int32_t)tag;
    m.m_u.m1.i3 = (int32_t)a0;
    m.m_u.m1.i4 = (int32_t)a1;
    strncpy(m.m_u.m_str + TRACECTL_MARK_TEXT_OFF, text ? text : "", 16);
    return kernel_call(SYS_TRACECTL, &m);
}

int sys_trace_read(uint64_t first, uint32_t n, void *buf)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = TRACECTL_READ;
    m.m_u.m1.i2 = (int32_t)(uint32_t)first;
    m.m_u.m1.i3 = (int32_t)(uint32_t)(first >> 32);
    m.m_u.m1.i4 = (int32_t)n;
    m.m_u.m1.p1 = (uint32_t)buf;
    return kernel_call(SYS_TRACECTL, &m);
}

int sys_testresult(int kind, int status, const void *payload, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = kind;
    m.m_u.m1.i2 = status;
    m.m_u.m1.i3 = (int32_t)len;
    m.m_u.m1.p1 = (uint32_t)payload;
    return kernel_call(SYS_TESTRESULT, &m);
}

int sys_fork(endpoint_t parent, endpoint_t *child, uint32_t *msg_addr)
{
    message m;
    int r;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = parent;
    if ((r = kernel_call(SYS_FORK, &m)) == OK) {
        *child = m.m_u.m1.i1;
        *msg_addr = m.m_u.m1.p1;
    }
    return r;
}

/* SYS_EXECCOPY and SYS_EXEC: PM's exec (lantern/kcall.h). */
int sys_execcopy(endpoint_t target, vir_bytes dst, const void *src, uint32_t len)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)target;
    m.m_u.m_u32[1] = dst;
    m.m_u.m_u32[2] = (uint32_t)(vir_bytes)src;
    m.m_u.m_u32[3] = len;
    return kernel_call(SYS_EXECCOPY, &m);
}

int sys_exec(endpoint_t target, const struct exec_start *st)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)target;
    m.m_u.m_u32[1] = st->entry;
    m.m_u.m_u32[2] = st->esp;
    m.m_u.m_u32[3] = st->window;
    m.m_u.m_u32[4] = st->heap_start;
    m.m_u.m_u32[5] = (uint32_t)(vir_bytes)st->args;
    m.m_u.m_u32[6] = st->args_len;
    memcpy(m.m_u.m_str + EXEC_NAME_OFF, st->name, 16);
    return kernel_call(SYS_EXEC, &m);
}
