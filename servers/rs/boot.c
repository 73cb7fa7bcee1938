/* boot.c: RS's own initialization, which is the system's boot.
 *
 * The kernel started every boot module but only RS may run.  RS:
 *  1. finds every boot process and its line in table.c (a process without
 *     one panics the system, naming it), and gives each its privileges;
 *  2. in table order, allows each to run and sends it the init request;
 *     for SF_SYNCH_BOOT services it waits for the answer before going on;
 *  3. waits for every other init answer;
 *  4. tells the harness (TR_BOOTDONE, through SYS_TESTRESULT) that the boot
 *     is complete: expect=booted runs pass on this, not on the kernel's
 *     TR_BOOTED, which only means every boot process has run once.
 * A boot service whose init fails, that dies or that does not answer within
 * rs_init_t ticks panics the system with its name: a half-booted system is
 * worse than none. */
#include <stdlib.h>
#include <lantern/testproto.h>
#include "rs.h"

struct rproc rproc[NR_RS_SERVICES];
struct rs_pub pub[NR_RS_SERVICES];
uint32_t rs_delta_t = 10;          /* 100 ms at HZ = 100 */
uint32_t rs_init_t = 300;          /* 3 s to answer an init request */

static void boot_panic(const struct rs_pub *p, const char *what, int err)
{
    char text[MESSAGE_PAYLOAD];
    snprintf(text, sizeof(text), "boot service %s %s: %s", p->label, what,
             strerrorname_np(err) ? strerrorname_np(err) : "unknown error");
    sys_panic(text);
}

static uint32_t option(const struct kinfo *k, const char *key, uint32_t dflt)
{
    const char *s = strstr(k->cmdline, key);
    return s ? (uint32_t)strtoul(s + strlen(key), NULL, 10) : dflt;
}

static struct rproc *add_boot_service(const struct boot_priv *bp, const struct proc_info *pi)
{
    struct rproc *rp = rp_free();
    struct rs_pub *p;

    if (!rp)
        sys_panic("rs: more boot processes than NR_RS_SERVICES");
    p = &pub[rp_index(rp)];
    memset(rp, 0, sizeof(*rp));
    rp->priv = bp;
    rp->r_flags = RS_IN_USE;
    rp->r_last_ep = pi->endpoint;
    strncpy(p->label, bp->label, LABEL_MAX - 1);
    strncpy(p->program, pi->name, sizeof(p->program) - 1);
    p->endpoint = pi->endpoint;
    p->sys_flags = table_sys_flags(bp->label);
    p->period = table_dev(bp->label)->period;
    p->dev_nr = table_dev(bp->label)->dev_nr;
    p->in_use = 1;
    return rp;
}

/* Step 1: an entry and privileges for every boot process, in table order. */
static void setup_boot_services(void)
{
    static struct proc_info tab[NR_TASKS + NR_PROCS];
    int n = sys_proctab(tab, NR_TASKS + NR_PROCS);

    for (int i = 0; i < n; i++) {
        if (!(tab[i].flags & PI_BOOT) || tab[i].endpoint == RS_ENDPOINT || table_priv(tab[i].name))
            continue;
        char text[MESSAGE_PAYLOAD];
        snprintf(text, sizeof(text), "no privilege entry for boot process %s", tab[i].name);
        sys_panic(text);
    }
    for (const struct boot_priv *bp = boot_priv_table; bp->program; bp++)
        for (int i = 0; i < n; i++) {
            if (!(tab[i].flags & PI_BOOT) || strcmp(tab[i].name, bp->program))
                continue;
            struct rproc *rp = add_boot_service(bp, &tab[i]);
            struct rs_pub *p = &pub[rp_index(rp)];
            if (p->endpoint == RS_ENDPOINT)
                continue;                      /* RS: the kernel set its priv */
            if (p->sys_flags & SF_NOSTART) {   /* a program kept for later */
                sys_kill(p->endpoint, 0);
                rp->r_flags |= RS_DOWN_FLAG;
                p->endpoint = NONE;
                continue;
            }
            int r = set_service_priv(rp);
            if (r != OK)
                boot_panic(p, "cannot get its privileges", r);
        }
}

/* Serve RS's usual messages until `until` has answered its init (NULL:
 * every boot service).  Failures end in give_up(), which panics while
 * rs_booting is set. */
static void wait_boot_inits(struct rproc *until)
{
    message m;

    for (;;) {
        int pending = 0;
        for (int i = 0; i < NR_RS_SERVICES; i++)
            pending += (rproc[i].r_flags & RS_INITIALIZING) != 0;
        if (!pending || (until && !(until->r_flags & RS_INITIALIZING)))
            return;
        if (ipc_receive(ANY, &m) == OK)      /* CLOCK: do_period checks deadlines */
            rs_dispatch(&m);
    }
}

/* Step 2: let them run, in table order. */
static void start_boot_services(void)
{
    for (int i = 0; i < NR_RS_SERVICES; i++) {
        struct rproc *rp = &rproc[i];
        struct rs_pub *p = &pub[i];
        int r;
        if (!(rp->r_flags & RS_IN_USE) || p->endpoint == RS_ENDPOINT || p->endpoint == NONE)
            continue;
        rp->r_start_tm = rp->r_alive_tm = now_ticks();
        rp->r_allowed_us = now_us();
        if ((r = sys_privctl(p->endpoint, PRIV_ALLOW, NULL)) != OK)
            boot_panic(p, "cannot be allowed to run", r);
        rs_trace_label(rp, NONE);
        if (p->sys_flags & SF_USER) {
            rp->r_ready_us = rp->r_allowed_us;
            continue;
        }
        if ((r = init_service(rp, SEF_INIT_FRESH)) != OK)
            boot_panic(p, "cannot be sent its init request", r);
        if (p->sys_flags & SF_SYNCH_BOOT)
            wait_boot_inits(rp);
        if (p->endpoint == PM_ENDPOINT)        /* from now on PM reports exits */
            pm_wait(WNOHANG | WNOTIFY, NULL);
    }
    wait_boot_inits(NULL);
    rs_booting = 0;
}

/* Step 4: the labels of the running boot services, in table order.  Outside
 * a harness run the kernel refuses the frame (ENOSYS); that is fine. */
static void announce_boot_done(void)
{
    char names[TR_MAX_PAYLOAD];
    size_t n = 0;

    for (int i = 0; i < NR_RS_SERVICES; i++) {
        size_t len = strlen(pub[i].label);
        if (!pub[i].in_use || pub[i].endpoint == NONE || n + len + 1 > sizeof(names))
            continue;
        memcpy(names + n, pub[i].label, len);
        n += len;
        names[n++] = ' ';
    }
    sys_testresult(TR_BOOTDONE, 0, names, n ? (uint32_t)n - 1 : 0);
}

int rs_boot(int type, const sef_init_info_t *info)
{
    struct kinfo k;
    (void)type;
    (void)info;

    sys_kinfo(&k);
    rs_delta_t = option(&k, "rs_delta=", rs_delta_t);
    rs_init_t = option(&k, "rs_init=", rs_init_t);
    if (!rs_delta_t)
        rs_delta_t = 1;
    setup_boot_services();
    sys_setalarm(rs_delta_t);                  /* do_period re-arms it */
    start_boot_services();
    announce_boot_done();
    if (!rp_by_label("pm"))
        printf("rs: no PM in this image: service exits will go unnoticed\n");
    do_child_exits();
    return OK;
}
