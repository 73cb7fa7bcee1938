/* sys.h: libsys, the system-process library: IPC primitives, kernel-call
 * wrappers and small helpers shared by servers, drivers and test programs.
 * All functions return OK (0) or a negative error from <lantern/errno.h>. */
#ifndef LIBSYS_SYS_H
#define LIBSYS_SYS_H

#include <lantern/types.h>
#include <lantern/errno.h>
#include <lantern/endpoint.h>
#include <lantern/message.h>
#include <lantern/ipc.h>
#include <lantern/kcall.h>
#include <lantern/priv.h>

#include <ipc_calls.h>              /* IPC: ipc_send, ipc_sendrec, ... (inline) */

/* Kernel calls (kcall.c) */
int kernel_call(int call, message *m);
int sys_whoami(struct whoami_info *info);
int sys_proctab(struct proc_info *tab, int max);        /* returns count or error */
endpoint_t sys_find_proc(const char *name);  /* first live process with this name, or NONE */
int sys_kinfo(struct kinfo *k);
int sys_diag_print(const char *s, uint32_t len);
int sys_times(uint64_t *tsc, uint32_t *uptime, uint32_t *user_ticks);
int sys_setalarm(uint32_t ticks);
uint32_t sys_uptime(void);                   /* clock ticks since boot (wait.c) */
/* Receive until a message of `type` from `from` arrives (OK, in *m) or
 * `ticks` clock ticks pass (ETIMEDOUT); other messages are dropped. */
int wait_message(endpoint_t from, int type, uint32_t ticks, message *m);
int sys_spawn_args(const char *module, const char *args, uint32_t arg, endpoint_t *child);
int sys_spawn(const char *module, uint32_t arg, endpoint_t *child);  /* and let it run */
int sys_privctl(endpoint_t target, int request, void *arg);
int sys_getpriv(endpoint_t target, struct priv_info *out);
int sys_procevent(struct proc_event *ev);
/* PM only: a child slot copying parent, which awaits PM (kcall.h SYS_FORK). */
int sys_fork(endpoint_t parent, endpoint_t *child, uint32_t *msg_addr);
/* PM's exec (SYS_EXECCOPY, SYS_EXEC; lantern/kcall.h) */
struct exec_start {
    uint32_t entry, esp, window, heap_start;
    const char *args;          /* the argument words ps shows */
    uint32_t args_len;
    char name[16];
};
int sys_execcopy(endpoint_t target, vir_bytes dst, const void *src, uint32_t len);
int sys_exec(endpoint_t target, const struct exec_start *st);
int sys_kill(endpoint_t target, int status);
void sys_exit(int status) __attribute__((noreturn));
void sys_shutdown(int status) __attribute__((noreturn));
void sys_panic(const char *why) __attribute__((noreturn));
int sys_tracectl(int op, int a, int b, int c, message *reply);
int sys_trace_mark(uint32_t tag, uint32_t a0, uint32_t a1, const char *text);
/* TRACECTL_READ: n (<= TRACECTL_READ_MAX) ring slots from record index
 * `first` into buf (struct trace_rec); check each one's seq. */
int sys_trace_read(uint64_t first, uint32_t n, void *buf);
int sys_testresult(int kind, int status, const void *payload, uint32_t len);

static inline uint64_t read_tsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

#endif
