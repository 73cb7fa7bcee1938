/* util.c: time and table lookups. */
#include "rs.h"

static uint32_t tsc_khz;
static uint64_t start_tsc;

uint32_t now_ticks(void)
{
    uint64_t tsc;
    uint32_t ticks = 0;
    sys_times(&tsc, &ticks, NULL);
    return ticks;
}

/* Microseconds since the kernel started. */
uint32_t now_us(void)
{
    if (!tsc_khz) {
        struct kinfo k;
        sys_kinfo(&k);
        tsc_khz = k.tsc_khz ? k.tsc_khz : 1000000;
        start_tsc = ((uint64_t)k.start_tsc_hi << 32) | k.start_tsc_lo;
    }
    return (uint32_t)((read_tsc() - start_tsc) * 1000 / tsc_khz);
}

struct rproc *rp_by_label(const char *label)
{
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if ((rproc[i].r_flags & RS_IN_USE) && !strcmp(pub[i].label, label))
            return &rproc[i];
    return NULL;
}

struct rproc *rp_by_endpoint(endpoint_t ep)
{
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if ((rproc[i].r_flags & RS_IN_USE) && pub[i].endpoint == ep && ep != NONE)
            return &rproc[i];
    return NULL;
}

struct rproc *rp_free(void)
{
    for (int i = 0; i < NR_RS_SERVICES; i++)
        if (!(rproc[i].r_flags & RS_IN_USE))
            return &rproc[i];
    return NULL;
}

int rp_index(const struct rproc *rp) { return (int)(rp - rproc); }

/* Tell the trace who this endpoint is (and, after a restart, who it was). */
void rs_trace_label(const struct rproc *rp, endpoint_t old_ep)
{
    message m;
    const struct rs_pub *p = &pub[rp_index(rp)];
    memset(&m, 0, sizeof(m));
    m.m_type = SYS_TRACECTL;
    m.m_u.m1.i1 = TRACECTL_SERVICE;
    m.m_u.m1.i2 = p->endpoint;
    m.m_u.m1.i3 = old_ep;
    m.m_u.m1.i4 = rp->r_restarts;
    strncpy(m.m_u.m_str + TRACECTL_MARK_TEXT_OFF, p->label, 16);
    kernel_call(SYS_TRACECTL, &m);
}
