/* table.c: RS's boot tables.
 *
 * The kernel's boot image says which programs exist; these tables say what
 * each may do.  boot_priv_table is in start order: RS makes the boot
 * processes runnable and initializes them in this order (SF_SYNCH_BOOT ones
 * before the next is allowed).  Every boot process must have a line here
 * (RS panics naming the missing one); lines for programs that are not in
 * this boot image are skipped, so one table serves every image. */
#include "rs.h"

#define SRV_F   (SYS_PROC | PREEMPTIBLE)
#define ALL_T   IPC_ALL_OPS

static const int kc_all[] = { KC_ALL };
/* What a plain driver or server needs: nothing that changes another process. */
static const int kc_basic[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT, SYS_TRACECTL,
    KC_END };
static const int kc_pm[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT, SYS_TRACECTL,
    SYS_PROCEVENT, KC_END };
/* Test drivers: everything except SYS_PANIC, so the priv suite can check
 * that a parent cannot hand down a call it lacks. */
static const int kc_test[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT, SYS_TRACECTL,
    SYS_SHUTDOWN, SYS_SPAWN, SYS_PRIVCTL, KC_END };

/* priv_limited may talk to RS and PM only (the priv suite checks it). */
static const char *const ipc_limited[] = { "rs", "pm", NULL };

const struct boot_priv boot_priv_table[] = {
    /* program       label           flags   traps  IPC targets            kernel calls */
    { "rs",          "rs",           SRV_F | ROOT_SYS_PROC, ALL_T, IPC_LIST_ALL, kc_all },
    { "pm",          "pm",           SRV_F,  ALL_T, IPC_LIST_ALL,          kc_pm },
    /* test services and drivers */
    { "crashd",      "crashd",       SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "priv_limited","priv_limited", SRV_F,  ALL_T, ipc_limited,           kc_basic },
    { "sef_fail",    "sef_fail",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "core_crash",  "core_crash",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "priv_test",   "priv_test",    SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_test },
    { "rs_test",     "rs_test",      SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "sef_test",    "sef_test",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "ipc_peer",    "ipc_peer",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "ipc_test",    "ipc_test",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "fault_test",  "fault_test",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "trace_test",  "trace_test",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "panic_test",  "panic_test",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "restart_demo","restart_demo", SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "trace_demo",  "trace_demo",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "bench_peer",  "bench_peer",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "bench",       "bench",        SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "rs_bench",    "rs_bench",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* user programs */
    { "service",     "service",      0,      0,     IPC_LIST_ALL,          kc_basic },
    { "trace",       "trace",        0,      0,     IPC_LIST_ALL,          kc_basic },
    { "init",        "init",         0,      0,     IPC_LIST_ALL,          kc_basic },
    { NULL, NULL, 0, 0, NULL, NULL },
};

/* Dynamic services (RS_UP): the DSRV defaults. */
const struct boot_priv dsrv_priv = {
    NULL, NULL, SRV_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic,
};

const struct boot_sys boot_sys_table[] = {
    { "pm",      SF_CORE_SRV | SF_SYNCH_BOOT },
    { "core_crash", SF_CORE_SRV },
    { "init",    SF_USER },
    { "service", SF_USER | SF_NOSTART },      /* kept for spawning, not run at boot */
    { "trace",   SF_USER | SF_NOSTART },
    { NULL,      0 },                         /* default */
};

const struct boot_dev boot_dev_table[] = {
    { "crashd",  0, 10 },                     /* heartbeat every 10 ticks */
    { NULL,      0, 0 },                      /* default: no device, no pings */
};

const struct boot_priv *table_priv(const char *program)
{
    for (const struct boot_priv *b = boot_priv_table; b->program; b++)
        if (!strcmp(b->program, program))
            return b;
    return NULL;
}

uint32_t table_sys_flags(const char *label)
{
    const struct boot_sys *s = boot_sys_table;
    while (s->label && strcmp(s->label, label))
        s++;
    return s->sys_flags;
}

const struct boot_dev *table_dev(const char *label)
{
    const struct boot_dev *d = boot_dev_table;
    while (d->label && strcmp(d->label, label))
        d++;
    return d;
}
