/* msc.h: the message sequence chart model shared by `lantern-trace svg` and
 * the UI's chart view (key 5).
 *
 * A chart is a window of one run's events in id order (time going down),
 * one row per item, over columns = endpoints (in order of first appearance
 * unless the caller fixes them):
 *   MSC_MSG    a message: IPC_SEND/SENDREC/REPLY/NOTIFY/SENDNB/SENDA, an
 *              arrow ep -> peer labelled with its type (a reply: its status)
 *              and, for a request that got its answer, the call's latency;
 *   MSC_KCALL  a kernel call, marked on the caller's lifeline;
 *   MSC_BLOCK  the endpoint blocked (waits for peer); MSC_UNBLOCK it runs
 *              again.  Each block row carries the row of its unblock, or -1.
 * Other events are not rows.  Loading is keyset-bounded (id >= from, LIMIT),
 * so the cost of a page does not depend on how deep it is in the trace.
 * Names come from the DB's dictionaries (event_type, msg_type, errno_name,
 * endpoint), never from the tracer's headers, so an old DB draws too. */
#ifndef TRACER_MSC_H
#define TRACER_MSC_H
#include <sqlite3.h>
#include <stdint.h>

#define MSC_MAXCOL 64
#define MSC_LABEL  48

enum msc_kind { MSC_MSG, MSC_KCALL, MSC_BLOCK, MSC_UNBLOCK };

struct msc_item {
    int64_t id, ts, call_id;      /* call_id 0: none */
    int kind, from, to;           /* from/to: columns (to = from for non-messages) */
    int notify, reply, failed;    /* message flavour; failed: status not OK */
    int end_row;                  /* MSC_BLOCK: row of its MSC_UNBLOCK, -1 not in window */
    double lat_us;                /* request: the call's latency in µs, < 0 unknown */
    char label[MSC_LABEL];        /* type name (+ status), kernel call, "waits X" */
};

struct msc_col { int32_t ep; char label[24]; };

struct msc_opts {
    int64_t run_id;               /* 0: the run of the first event >= from */
    int64_t from, to;             /* event ids, inclusive; to < 0: no limit */
    int max_rows;                 /* rows to load at most */
    const char *eps;              /* "rs,pm,5": only these endpoints (both ends of a
                                     message must be listed); NULL: all */
    const struct msc_col *seed;   /* columns to start with (stable across pages) */
    int nseed;
};

enum { MQ_LABEL, MQ_MTYPE, MQ_ERRNO, MQ_RUN, MQ_N };   /* cached lookups (msc.c) */

struct msc {
    sqlite3_stmt *q[MQ_N];        /* prepared once per load, finalized by msc_free */
    struct msc_col col[MSC_MAXCOL];
    int ncol;
    struct msc_item *it;
    int n, cap;
    int64_t run_id, t0, next_id;  /* next_id: first id after the window, -1 at the end */
    double tpu;                   /* ticks per µs, 0 unknown (then times are ticks) */
    int more_cols;                /* endpoints that did not fit MSC_MAXCOL */
    char err[160];
};

/* 0, or -1 with m->err (m is then empty).  msc_free after use. */
int  msc_load(sqlite3 *db, const struct msc_opts *o, struct msc *m);
/* Id of the n-th chart row before `id` in the run (the first row when fewer). */
int64_t msc_back(sqlite3 *db, int64_t run_id, int64_t id, int n);
/* Just the run and its clock (msc_load's first step; memset m first). */
int  msc_setup(sqlite3 *db, const struct msc_opts *o, struct msc *m);
/* "rs,pm,5" -> "0,1,5": labels or numbers to the run's endpoints */
int  msc_ep_list(sqlite3 *db, int64_t run, const char *names, char *out, size_t cap, char *err,
                 size_t ecap);
void msc_free(struct msc *m);
/* Time of row i in µs since the run's first event (ticks if tpu is 0). */
double msc_time(const struct msc *m, int i);
/* Column of endpoint ep, adding it when there is room; -1 when full. */
int  msc_col(sqlite3 *db, struct msc *m, int32_t ep);

#endif
