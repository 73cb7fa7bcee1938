/* do_info.c: SYS_GETINFO and SYS_TIMES: read-only views of the kernel. */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "system.h"
#include "cpu.h"

static int copy_out_limited(struct proc *caller, message *m, const void *buf, uint32_t len)
{
    uint32_t max = (uint32_t)m->m_u.m1.i2;
    if (len > max)
        len = max;
    m->m_u.m1.i3 = (int32_t)len;
    return vm_copy_out(caller, m->m_u.m1.p1, buf, len);
}

static uint32_t proc_flags(const struct proc *p)
{
    uint32_t f = 0;
    if (p->p_rts_flags == 0)
        f |= PI_RUNNABLE;
    if (p->p_rts_flags & (RTS_SENDING | RTS_RECEIVING))
        f |= PI_BLOCKED;
    if (p->p_rts_flags & RTS_SENDING)
        f |= PI_SENDING;
    else if (p->p_rts_flags & RTS_RECEIVING)
        f |= PI_RECEIVING;
    if (p->p_rts_flags & RTS_ZOMBIE)
        f |= PI_STOPPED;
    if (p->p_misc_flags & MF_BOOT)
        f |= PI_BOOT;
    if (p->p_priv && (p->p_priv->pi.flags & SYS_PROC))
        f |= PI_SYS;
    if (p->p_rts_flags & RTS_NO_PRIV)
        f |= PI_NOPRIV;
    if (iskernelp(p))
        f |= PI_TASK;
    return f;
}

/* Whom p waits for in IPC (ps's WAITS-FOR): its SEND's destination, or
 * the source of its RECEIVE (ANY), else NONE.  A SENDREC waiting for its
 * reply is RTS_RECEIVING from the server it called. */
static int32_t ipc_partner(const struct proc *p)
{
    if (p->p_rts_flags & RTS_SENDING)
        return p->p_sendto_e;
    if (p->p_rts_flags & RTS_RECEIVING)
        return p->p_getfrom_e;
    return NONE;
}

static int get_proctab(struct proc *caller, message *m)
{
    struct proc_info info[NR_SLOTS];
    uint32_t n = 0;
    for (int i = 0; i < NR_SLOTS; i++) {
        const struct proc *p = &proc_table[i];
        if (is_free(p))
            continue;
        memset(&info[n], 0, sizeof(info[n]));
        info[n].endpoint = p->p_endpoint;
        info[n].nr = p->p_nr;
        info[n].flags = proc_flags(p);
        info[n].priority = p->p_priority;
        info[n].user_ticks = p->p_user_ticks;
        info[n].sys_ticks = p->p_sys_ticks;
        memcpy(info[n].name, p->p_name, sizeof(info[n].name));
        info[n].parent = p->p_parent;
        info[n].ipc_partner = ipc_partner(p);
        n++;
    }
    return copy_out_limited(caller, m, info, n * sizeof(info[0]));
}

int do_GETINFO(struct proc *caller, message *m)
{
    switch (m->m_u.m1.i1) {
    case GETINFO_WHOAMI: {
        struct whoami_info w;
        memset(&w, 0, sizeof(w));
        w.endpoint = caller->p_endpoint;
        w.parent = caller->p_parent;
        w.spawn_arg = caller->p_spawn_arg;
        memcpy(w.name, caller->p_name, sizeof(w.name));
        return copy_out_limited(caller, m, &w, sizeof(w));
    }
    case GETINFO_PROCTAB:
        return get_proctab(caller, m);
    case GETINFO_KINFO: {
        struct kinfo k;
        memset(&k, 0, sizeof(k));
        k.hz = HZ;
        k.uptime_ticks = uptime_ticks;
        k.mem_total_kb = mem_total_kb();
        k.mem_free_kb = mem_free_kb();
        k.nr_boot_procs = (uint32_t)nr_boot_modules;
        k.tsc_khz = boot_tsc_khz();
        k.start_tsc_lo = (uint32_t)boot_start_tsc;
        k.start_tsc_hi = (uint32_t)(boot_start_tsc >> 32);
        memcpy(k.cmdline, boot_opts.cmdline, sizeof(k.cmdline));
        return copy_out_limited(caller, m, &k, sizeof(k));
    }
    case GETINFO_BOOTMODS: {
        char names[NR_BOOT_MODULES][16];
        for (int i = 0; i < nr_boot_modules; i++)
            memcpy(names[i], boot_modules[i].name, 16);
        return copy_out_limited(caller, m, names, (uint32_t)nr_boot_modules * 16);
    }
    default:
        return EINVAL;
    }
}

int do_TIMES(struct proc *caller, message *m)
{
    m->m_u.m2.t1 = rdtsc();
    m->m_u.m2.t2 = 0;
    m->m_u.m2.w1 = uptime_ticks;
    m->m_u.m2.w2 = caller->p_user_ticks;
    m->m_u.m2.w3 = caller->p_sys_ticks;
    m->m_u.m2.w4 = HZ;
    return OK;
}
