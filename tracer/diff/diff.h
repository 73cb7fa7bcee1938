/* diff.h: compare the message sequences of two runs (`lantern-trace diff`).
 *
 * A run is reduced to one sequence per endpoint pair "sender>receiver"
 * (labels, so endpoint numbers and restarts do not matter): the messages
 * (IPC_SEND/SENDREC/REPLY/NOTIFY/SENDNB/SENDA) the sender sent the receiver,
 * in order, each a token "EVENT TYPE" (a reply: its status; a kernel call
 * is a message "caller>kernel" with token "KCALL SYS_X").  Timestamps and
 * the interleaving of different pairs are left out: they change with
 * timing, the order within a pair does not.
 *
 * align_first() finds where two sequences first part: the common prefix p,
 * then the smallest i + j (i tokens of A, j of B) after which ALIGN_SYNC
 * tokens match again, searched up to ALIGN_MAXD on each side: i == 0 is an
 * insertion in B, j == 0 a deletion, both a substitution.  That is the first
 * hunk of a minimal diff whenever the hunk is short; a longer one is
 * reported as "no resynchronisation within ALIGN_MAXD".  Cost O(p +
 * ALIGN_MAXD^2 * ALIGN_SYNC) per pair: a 1M-event run is dominated by
 * reading it. */
#ifndef TRACER_DIFF_H
#define TRACER_DIFF_H
#include <sqlite3.h>
#include <stdint.h>

#define ALIGN_SYNC 3
#define ALIGN_MAXD 64

struct adiff {
    int64_t p;            /* common prefix length */
    int same;             /* the sequences are equal */
    int synced;           /* 1: resynchronised after i of A and j of B */
    int64_t i, j;
};
void align_first(const uint32_t *a, int64_t n, const uint32_t *b, int64_t m, struct adiff *d);

/* ---- runs as per-pair sequences (seq.c) ---- */
struct dtok { uint32_t tok; int64_t id, ts; };           /* tok: index into names */
struct dpair { uint32_t name; struct dtok *t; int64_t n, cap; uint32_t *toks; };
struct dnames { char **s; uint32_t n, cap; uint32_t *hash; uint32_t hcap; };   /* interned */
struct drun {
    int64_t run_id, n_msgs;
    double tpu; int64_t t0;            /* µs conversion (0: ticks) */
    struct dpair *pair; uint32_t npair, cappair;
    char err[200];
};
/* Load run run_id (0: the first) of db; names are shared by both runs. */
int  drun_load(sqlite3 *db, int64_t run_id, struct dnames *nm, struct drun *r);
void drun_free(struct drun *r);
const struct dpair *drun_pair(const struct drun *r, uint32_t name);   /* NULL: none */
uint32_t dnames_get(struct dnames *nm, const char *s);                /* intern */
void dnames_free(struct dnames *nm);

#endif
