/* do_misc.c: console output, alarms, tracing control, test results and
 * power-off. */
#include <lantern/testproto.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "system.h"
#include "trace.h"
#include "arch.h"

#define DIAG_MAX 200

int do_DIAGCTL(struct proc *caller, message *m)
{
    char buf[DIAG_MAX];
    uint32_t len = (uint32_t)m->m_u.m1.i2;
    int r;

    if (m->m_u.m1.i1 != DIAGCTL_PRINT)
        return EINVAL;
    if (len > DIAG_MAX)
        return E2BIG;
    if ((r = vm_copy_in(caller, m->m_u.m1.p1, buf, len)) != OK)
        return r;
    kputs(buf, len);
    return OK;
}

int do_SETALARM(struct proc *caller, message *m)
{
    int32_t ticks = m->m_u.m1.i1;
    uint32_t left = caller->p_alarm_at > uptime_ticks ? caller->p_alarm_at - uptime_ticks : 0;

    if (ticks < 0)
        return EINVAL;
    caller->p_alarm_at = ticks ? uptime_ticks + (uint32_t)ticks : 0;
    m->m_u.m1.i2 = (int32_t)left;
    return OK;
}

int do_TRACECTL(struct proc *caller, message *m)
{
    return trace_ctl_call(caller, m);
}

/* TR_BOOTDONE says "RS finished the boot": the harness's expect=booted runs
 * pass on it, so only RS itself may send it.  RS is the one process with
 * ROOT_SYS_PROC (the kernel gives it at boot; priv.c never hands it on). */
static int may_send_bootdone(const struct proc *caller)
{
    return caller->p_priv && (caller->p_priv->pi.flags & ROOT_SYS_PROC);
}

int do_TESTRESULT(struct proc *caller, message *m)
{
    char buf[TR_MAX_PAYLOAD];
    int kind = m->m_u.m1.i1, status = m->m_u.m1.i2;
    uint32_t len = (uint32_t)m->m_u.m1.i3;
    int r;

    /* Step 1: which kinds a process may send at all; the rest (BOOTED,
     * PANIC, FAULT, SERVICE) are the kernel's own. */
    if (kind != TR_PLAN && kind != TR_RESULT && kind != TR_DONE && kind != TR_BENCH &&
        kind != TR_BOOTDONE && kind != TR_SENDKEY)
        return EPERM;
    /* Step 2: TR_BOOTDONE only from RS (may_send_bootdone). */
    if (kind == TR_BOOTDONE && !may_send_bootdone(caller))
        return EPERM;
    /* Step 3: who may report results: only the test programs RS started
     * from its table (TEST_PROC, never inherited).  Everyone else gets EPERM
     * (users and basic services do not even have the call: ECALLDENIED). */
    if (kind != TR_BOOTDONE && !(caller->p_priv->pi.flags & TEST_PROC))
        return EPERM;
    if (status < 0 || status > 255)
        return EINVAL;
    if (len > sizeof(buf))
        return E2BIG;
    if ((r = vm_copy_in(caller, m->m_u.m1.p1, buf, len)) != OK)
        return r;
    if (!boot_opts.test_mode)
        return ENOSYS;
    testchan_send(kind, status, buf, len);
    return OK;
}

int do_SHUTDOWN(struct proc *caller, message *m)
{
    kprintf("lantern: power off requested by %s, status %d\n", caller->p_name, m->m_u.m1.i1);
    trace_drain_stream(1);
    arch_poweroff(m->m_u.m1.i1);
}
