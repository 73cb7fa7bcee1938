/* dt.h: the ds suite's shared declarations (tests/guest/ds). */
#ifndef DT_H
#define DT_H

#include <stdio.h>
#include <string.h>
#include <sef.h>
#include <service.h>
#include <ltest.h>
#include <datastore.h>
#include <safecopies.h>
#include <vm.h>

#define S "ds"
#define CHECK(name, cond, ...) LT_CHECK(S, name, cond, __VA_ARGS__)

/* Wait up to `ticks` clock ticks for cond, re-evaluated every tick (the
 * tick is a poll interval inside the deadline, not a sleep). */
#define WAIT_FOR(cond, ticks) ({ \
        uint32_t dt_end_ = sys_uptime() + (ticks); \
        while (!(cond) && sys_uptime() < dt_end_) dt_tick(); \
        (cond); })

void dt_tick(void);
int dt_stats(const char *label, struct dstest_stats *st);   /* from ds_sub1/ds_sub2 */
int dt_sub_subscribe(const char *label, const char *pattern);
int dt_as(const char *label, int type, struct ds_req *q);   /* a DS request as that label */
int dt_raw(int type, uint32_t flags, const char *key, uint32_t val, uint32_t len);
uint32_t dt_free_kb(void);                                  /* free memory (frames) */

/* The groups; each returns the number of results it reports. */
int dt_api(void);          /* u32, str, mem, label, types */
int dt_map(void);          /* MAP entries (safemap) */
void dt_map_exit(void);    /* a MAP publisher's exit (last: its subscriber restarts) */
int dt_owner(void);        /* ownership, privacy */
int dt_subs(void);         /* subscriptions and check */
int dt_bad(void);          /* the bad-input matrix */
int dt_user(void);         /* refusals and rights of a user process */
int dt_restart(void);      /* seqd and DS restarts */
int dt_stress(void);       /* 10,000 entries, two subscribers */
int dt_trace(void);        /* the tracer's ds_activity scenario */
void dt_user_probe(void) __attribute__((noreturn));
void dt_seq_client(void) __attribute__((noreturn));

/* spawn arguments of this program's copies */
#define DT_PROBE      0x5e
#define DT_SEQ_CLIENT 0x5f

#define DT_API_N     19
#define DT_MAP_N     8       /* dt_map() 7, dt_map_exit() 1 */
#define DT_OWNER_N   4
#define DT_SUBS_N    12
#define DT_BAD_N     14
#define DT_USER_N    7
#define DT_RESTART_N 8
#define DT_STRESS_N  8
#define DT_TRACE_N   1

#endif
