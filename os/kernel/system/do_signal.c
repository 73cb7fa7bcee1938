/* do_signal.c: SYS_SIGSEND and SYS_SIGRETURN, the kernel's half of
 * signal handlers (docs/signals.md).  PM decides everything about signals
 * (actions, masks, who may signal whom); the kernel only switches a
 * process into a handler and back.
 *
 * SYS_SIGSEND queues a request (p_sigq).  The frame is pushed only when the
 * process is about to return to user mode (schedule() calls
 * sig_push_frames), never while it waits in IPC: a reply still to come
 * writes the process's saved eax, and that result must be in the frame's
 * context, not lost under the handler.  Requests are pushed in the order
 * PM sent them, so the last one runs first and each handler, when it
 * returns, restores the mask that was in force when its signal came.
 *
 * The stack pages of a frame are looked up before anything is written; a
 * missing or copy-on-write page goes to VM as a page fault of the process
 * (VM maps it, then the process is scheduled again and the frame built),
 * and a stack VM cannot map ends the process like any bad access.
 *
 * SYS_SIGRETURN takes the context back and trusts nothing in it: the
 * selectors must be the user ones, IOPL must be 0, eip and esp must be in
 * the caller's window; otherwise the process ends as with a fault
 * (waitpid: SIGSEGV).  IF is forced on and only the arithmetic flags, DF
 * and TF are taken from the frame. */
#include "kernel.h"
#include "proc.h"
#include "system.h"
#include "memory.h"
#include "vmreq.h"
#include "trace.h"

#define EFLAGS_USER   0x00000dd5u  /* CF PF AF ZF SF TF DF OF */
#define EFLAGS_IF     0x00000200u
#define EFLAGS_IOPL   0x00003000u
#define EFLAGS_FIXED  0x00000002u
#define BAD_FRAME_STATUS PROC_FAULT_STATUS(13)   /* reads as SIGSEGV (wait) */

static int is_signal(uint32_t n)
{
    switch (n) {
#define SIG_CASE(name, nr, def, text) case nr:
    SIGNAL_TABLE(SIG_CASE)
#undef SIG_CASE
        return n != LT_SIGKILL;         /* never caught */
    default:
        return 0;
    }
}

int do_SIGSEND(struct proc *caller, message *m)
{
    struct proc *p;
    struct sig_req *q;
    int r;

    if (caller != pm_proc)
        return EPERM;
    if ((r = endpoint_lookup(m->m_u.m1.i1, &p)) != OK)
        return r;
    if (iskernelp(p) || p == pm_proc || p == vm_proc ||
        (p->p_priv && (p->p_priv->pi.flags & ROOT_SYS_PROC)))
        return EPERM;
    if (!is_signal((uint32_t)m->m_u.m1.i2))
        return EINVAL;
    if (p->p_sigq_n >= SIG_QUEUE_MAX)
        return EAGAIN;
    q = &p->p_sigq[p->p_sigq_n++];
    q->signo = (uint32_t)m->m_u.m1.i2;
    q->handler = m->m_u.m1.p1;
    q->tramp = m->m_u.m1.p2;
    q->mask = m->m_u.m1.p3;
    return OK;
}

static int in_window(const struct proc *p, uint32_t a)
{
    if (!p->p_window)
        return a >= USER_BASE && a < USER_LIMIT;
    return a >= p->p_window && a - p->p_window < USER_WINDOW;
}

static void save_context(const struct stackframe *f, struct sig_context *c)
{
    c->gs = f->gs; c->fs = f->fs; c->es = f->es; c->ds = f->ds;
    c->edi = f->edi; c->esi = f->esi; c->ebp = f->ebp; c->ebx = f->ebx;
    c->edx = f->edx; c->ecx = f->ecx; c->eax = f->eax;
    c->eip = f->eip; c->cs = f->cs; c->eflags = f->eflags;
    c->esp = f->esp; c->ss = f->ss;
}

/* The frame's address below esp: at the handler's first instruction esp
 * (the return address) is 12 mod 16, as the i386 ABI has it after a call. */
static uint32_t frame_addr(uint32_t esp)
{
    return ((esp - sizeof(struct sig_frame)) & ~15u) - 4;
}

/* 1: every page of [a, a + n) is mapped writable for p.  0: p now waits
 * for VM (or died). */
static int stack_ready(struct proc *p, uint32_t a, uint32_t n)
{
    for (uint32_t pg = PAGE_ROUND_DOWN(a); pg < a + n; pg += PAGE_SIZE) {
        if (user_lookup(p->p_pgdir, pg, 1))
            continue;
        if (vm_proc && p != vm_proc) {
            vm_pagefault(p, pg, PF_WRITE | 4);   /* a user write fault */
            return 0;
        }
        kprintf("lantern: %s (endpoint %d): no stack for a signal frame at %#x\n",
                p->p_name, p->p_endpoint, a);
        proc_exit(p, BAD_FRAME_STATUS, KERNEL);
        return 0;
    }
    return 1;
}

static int push_one(struct proc *p, const struct sig_req *q)
{
    struct stackframe *f = &p->p_reg;
    struct sig_frame fr;
    uint32_t a = frame_addr(f->esp);

    if (!in_window(p, a) || !in_window(p, a + sizeof(fr) - 1)) {
        kprintf("lantern: %s (endpoint %d): bad stack %#x for a signal frame\n",
                p->p_name, p->p_endpoint, f->esp);
        proc_exit(p, BAD_FRAME_STATUS, KERNEL);
        return 0;
    }
    if (!stack_ready(p, a, sizeof(fr)))
        return 0;
    memset(&fr, 0, sizeof(fr));
    save_context(f, &fr.sc);
    fr.sc.mask = q->mask;
    fr.sc.signo = q->signo;
    fr.ret = q->tramp;
    fr.signo = q->signo;
    fr.ctx = a + __builtin_offsetof(struct sig_frame, sc);
    if (vm_copy_out(p, a, &fr, sizeof(fr)) != OK) {
        proc_exit(p, BAD_FRAME_STATUS, KERNEL);
        return 0;
    }
    TRACE(SIG_FRAME, p->p_endpoint, q->signo, q->handler, a, f->eip);
    f->esp = a;
    f->eip = q->handler;
    f->eflags &= ~(0x400u | 0x100u);        /* DF and TF clear in the handler */
    return 1;
}

int sig_push_frames(struct proc *p)
{
    int i;

    for (i = 0; i < p->p_sigq_n; i++)
        if (!push_one(p, &p->p_sigq[i]))
            break;
    if (p->p_rts_flags & RTS_DEAD)
        return 0;
    /* Pushed ones leave the queue; the rest wait for VM. */
    memmove(p->p_sigq, p->p_sigq + i, (size_t)(p->p_sigq_n - i) * sizeof(p->p_sigq[0]));
    p->p_sigq_n -= i;
    return p->p_sigq_n == 0;
}

static int context_ok(const struct proc *p, const struct sig_context *c)
{
    if (c->cs != SEG_UCODE || c->ss != SEG_UDATA || c->ds != SEG_UDATA || c->es != SEG_UDATA)
        return 0;
    if ((c->fs != SEG_UDATA && c->fs != 0) || (c->gs != SEG_UDATA && c->gs != 0))
        return 0;
    if (c->eflags & EFLAGS_IOPL)
        return 0;
    return in_window(p, c->eip) && in_window(p, c->esp);
}

static void bad_frame(struct proc *p, const char *why, int result, const struct sig_context *c)
{
    TRACE(SIG_RETURN, p->p_endpoint, c ? c->eip : 0, c ? c->esp : 0, (uint32_t)result);
    kprintf("lantern: %s (endpoint %d) stopped: sigreturn with %s\n",
            p->p_name, p->p_endpoint, why);
    proc_exit(p, BAD_FRAME_STATUS, KERNEL);
}

int do_SIGRETURN(struct proc *caller, message *m)
{
    struct stackframe *f = &caller->p_reg;
    struct sig_context c;

    if (vm_copy_in(caller, m->m_u.m1.p1, &c, sizeof(c)) != OK) {
        bad_frame(caller, "an unreadable frame", EFAULT, NULL);
        return EDONTREPLY;
    }
    if (!context_ok(caller, &c)) {
        bad_frame(caller, "a forged context", EPERM, &c);
        return EDONTREPLY;
    }
    f->gs = c.gs; f->fs = c.fs; f->es = c.es; f->ds = c.ds;
    f->edi = c.edi; f->esi = c.esi; f->ebp = c.ebp; f->ebx = c.ebx;
    f->edx = c.edx; f->ecx = c.ecx; f->eax = c.eax;
    f->eip = c.eip; f->cs = SEG_UCODE; f->esp = c.esp; f->ss = SEG_UDATA;
    f->eflags = (c.eflags & EFLAGS_USER) | EFLAGS_IF | EFLAGS_FIXED;
    TRACE(SIG_RETURN, caller->p_endpoint, c.eip, c.esp, OK);
    return EDONTREPLY;              /* eax is the interrupted code's */
}
