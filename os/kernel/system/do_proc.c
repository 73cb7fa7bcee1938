/* do_proc.c: process lifecycle calls: SYS_EXIT, SYS_SPAWN, SYS_PANIC. */
#include "kernel.h"
#include "proc.h"
#include "boot.h"
#include "system.h"
#include "trace.h"

int do_EXIT(struct proc *caller, message *m)
{
    struct proc *target = caller;
    int r;

    if (m->m_u.m1.i2 != SELF && m->m_u.m1.i2 != caller->p_endpoint) {
        /* Killing another process: allowed for its parent only, until
         * privileges (RS) exist. */
        if ((r = endpoint_lookup(m->m_u.m1.i2, &target)) != OK)
            return r;
        if (iskernelp(target))
            return EPERM;
        if (target->p_parent != caller->p_endpoint)
            return EPERM;
        proc_exit(target, m->m_u.m1.i1, caller->p_endpoint);
        return OK;
    }
    proc_exit(caller, m->m_u.m1.i1, caller->p_endpoint);
    return EDONTREPLY;
}

int do_SPAWN(struct proc *caller, message *m)
{
    char name[16];
    struct proc *child;
    int module, r;

    memcpy(name, m->m_u.m_str, sizeof(name));
    name[sizeof(name) - 1] = 0;
    if ((module = find_module(name)) < 0)
        return ENOENT;
    if ((r = exec_module(module, &child, caller->p_endpoint, m->m_u.m_u32[SPAWN_ARG_WORD])) != OK)
        return r;
    child->p_priority = caller->p_priority;
    m->m_u.m1.i1 = child->p_endpoint;
    return OK;
}

int do_PANIC(struct proc *caller, message *m)
{
    char text[48];
    memcpy(text, m->m_u.m_str, sizeof(text) - 1);
    text[sizeof(text) - 1] = 0;
    panic("%s (endpoint %d): %s", caller->p_name, caller->p_endpoint, text);
}
