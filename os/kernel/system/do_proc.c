/* do_proc.c: process lifecycle calls: SYS_EXIT, SYS_SPAWN, SYS_PANIC. */
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "system.h"
#include "trace.h"
#include "memory.h"

/* Ending another process is for RS, PM (a fork it cannot finish, signals)
 * and the process's parent. */
int do_EXIT(struct proc *caller, message *m)
{
    struct proc *target;
    int r;

    if (m->m_u.m1.i2 == SELF || m->m_u.m1.i2 == caller->p_endpoint) {
        proc_exit(caller, m->m_u.m1.i1, caller->p_endpoint);
        return EDONTREPLY;
    }
    if ((r = endpoint_lookup(m->m_u.m1.i2, &target)) != OK)
        return r;
    if (iskernelp(target))
        return EPERM;
    if (target->p_parent != caller->p_endpoint && caller != pm_proc &&
        !(caller->p_priv->pi.flags & ROOT_SYS_PROC))
        return EPERM;
    proc_exit(target, m->m_u.m1.i1, caller->p_endpoint);
    return OK;
}

/* A child of a system process is born without privileges (its parent must
 * PRIV_SET_SYS or PRIV_SET_USER and PRIV_ALLOW it); a child of a user process
 * shares the user priv and runs at once. */
int do_SPAWN(struct proc *caller, message *m)
{
    char name[16], args[ARGS_MAX + 1];
    struct proc *child;
    uint32_t args_len = m->m_u.m_u32[SPAWN_ARGS_LEN_WORD];
    int module, r;

    memcpy(name, m->m_u.m_str, sizeof(name));
    name[sizeof(name) - 1] = 0;
    if (args_len > ARGS_MAX)
        return E2BIG;
    if (args_len && vm_copy_in(caller, m->m_u.m_u32[SPAWN_ARGS_PTR_WORD], args, args_len) != OK)
        return EFAULT;
    args[args_len] = 0;
    if ((module = find_module(name)) < 0)
        return ENOENT;
    if (!(child = proc_alloc()))
        return EAGAIN;
    if ((r = exec_module(module, child, caller->p_endpoint, m->m_u.m_u32[SPAWN_ARG_WORD], args)) != OK)
        return r;
    /* RS's children are services like the boot ones, not at RS's level */
    child->p_priority = (caller->p_priv->pi.flags & ROOT_SYS_PROC) ? USER_Q : caller->p_priority;
    if (!(caller->p_priv->pi.flags & SYS_PROC)) {
        priv_set_user(child);
        rts_clear(child, RTS_NO_PRIV);
    }
    m->m_u.m1.i1 = child->p_endpoint;
    return OK;
}

int do_PANIC(struct proc *caller, message *m)
{
    char text[MESSAGE_PAYLOAD];
    memcpy(text, m->m_u.m_str, sizeof(text) - 1);
    text[sizeof(text) - 1] = 0;
    panic("%s (endpoint %d): %s", caller->p_name, caller->p_endpoint, text);
}
