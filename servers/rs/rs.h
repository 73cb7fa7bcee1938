/* rs.h (private): RS's tables and the functions of its parts.
 *
 * rproc[i] is RS's private entry for a service and pub[i] the public one
 * (lantern/rs.h) handed to everyone; they always share index i. */
#ifndef RS_RS_H
#define RS_RS_H

#include <stdio.h>
#include <string.h>
#include <sef.h>
#include <service.h>

/* IPC lists: a NULL-terminated list of labels; the specials "user" (all
 * user processes) and the two below. */
#define IPC_LIST_ALL          ((const char *const *)1)   /* everyone, users too */
#define IPC_LIST_ALL_BUT_USER ((const char *const *)0)   /* every system process */

#define KC_END   (-1)                                     /* ends a call list */
#define KC_ALL   (-2)                                     /* a list of just KC_ALL */

/* One line of the boot priv table (table.c): everything RS needs to set up
 * one service.  Dynamic services use a copy with the DSRV defaults. */
struct boot_priv {
    const char *program;          /* boot module name */
    const char *label;
    uint32_t    flags;            /* priv flags (lantern/priv.h) */
    uint32_t    traps;            /* TRAP_BIT(IPC_*) */
    const char *const *ipc;       /* IPC_LIST_* or a label list */
    const int  *kcalls;           /* KC_ALL, or calls ended by KC_END */
};
/* One line of the resource table (table.c): I/O ranges, memory ranges and
 * IRQ lines a boot program holds (it may hand parts of them down to its
 * children, and nothing else: lantern/priv.h).  Programs without a line
 * get none. */
struct boot_res {
    const char *program;
    uint32_t nr_io, nr_mem, nr_irq;
    struct priv_range io[NR_IO_RANGE];
    struct priv_range mem[NR_MEM_RANGE];
    uint32_t irq[NR_IRQ];
};
struct boot_sys { const char *label; uint32_t sys_flags; };
struct boot_dev { const char *label; int dev_nr; uint32_t period; };

extern const struct boot_priv boot_priv_table[];
extern const struct boot_sys boot_sys_table[];      /* last: default, label NULL */
extern const struct boot_dev boot_dev_table[];      /* last: default, label NULL */
extern const struct boot_priv dsrv_priv;            /* template for dynamic services */

struct rproc {
    const struct boot_priv *priv; /* points into boot_priv_table or at r_dpriv */
    struct boot_priv r_dpriv;     /* dynamic services: their own copy */
    char     r_label[LABEL_MAX];
    uint32_t r_flags;
    int      r_restarts;          /* starts after the first one */
    int      r_streak;            /* failures in a row */
    int      r_backoff;           /* periods left before the restart */
    uint32_t r_check_tm;          /* last ping sent (ticks); 0 = none pending */
    uint32_t r_alive_tm;          /* last sign of life */
    uint32_t r_start_tm;          /* when it was (re)started */
    uint32_t r_ready_us, r_allowed_us;
    endpoint_t r_caller;          /* RS_LATEREPLY: who waits, and for what */
    int      r_caller_type;
    char     r_args[20];
    uint32_t r_history[RS_HISTORY];
    uint32_t r_history_len;
    endpoint_t r_last_ep;         /* endpoint of the previous incarnation */
    int      r_exit_status;       /* user programs: status of the last exit */
};

extern struct rproc rproc[NR_RS_SERVICES];
extern struct rs_pub pub[NR_RS_SERVICES];
extern uint32_t rs_delta_t;       /* check period in ticks */
extern uint32_t rs_init_t;        /* init answer deadline in ticks */
extern int rs_booting;            /* failures panic until the boot is done */

/* table.c */
const struct boot_priv *table_priv(const char *program);
const struct boot_res *table_res(const char *program);       /* or NULL */
uint32_t table_sys_flags(const char *label);
const struct boot_dev *table_dev(const char *label);

/* util.c */
uint32_t now_ticks(void);
uint32_t now_us(void);
struct rproc *rp_by_label(const char *label);
struct rproc *rp_by_endpoint(endpoint_t ep);
struct rproc *rp_free(void);
int rp_index(const struct rproc *rp);
void rs_trace_label(const struct rproc *rp, endpoint_t old_ep);

/* privs.c */
int set_service_priv(struct rproc *rp);

/* manager.c */
int start_service(struct rproc *rp);
int init_service(struct rproc *rp, int type);
int order_fault(struct rproc *rp, int kind);
void stop_service(struct rproc *rp, uint32_t why);
void do_init_reply(const message *m);
void do_child_exits(void);
void do_period(void);
void late_reply(struct rproc *rp, int result);
void do_alive(endpoint_t ep);

/* request.c */
void do_request(message *m);
int is_admin(endpoint_t ep);

/* main.c */
void rs_dispatch(message *m);

/* asyn.c: RS's one SENDA table, in three parts of NR_RS_SERVICES slots */
#define RS_ASYN_INIT  0                       /* + rp_index: init requests */
#define RS_ASYN_LABEL NR_RS_SERVICES          /* + rp_index: DS_LABEL_UPDATE */
#define RS_ASYN_FAULT (2 * NR_RS_SERVICES)    /* + rp_index: SEF_FAULT orders */
#define RS_ASYN_SLOTS (3 * NR_RS_SERVICES)
int rs_asyn_post(int slot, endpoint_t dst, const message *m);

/* dslink.c */
int32_t rs_pubtab_gid(void);
int32_t rs_store_gid(const struct rproc *rp);
void rs_publish_label(const struct rproc *rp);
void rs_labels_to_ds(const struct rproc *rp);

/* boot.c */
int rs_boot(int type, const sef_init_info_t *info);

#endif
