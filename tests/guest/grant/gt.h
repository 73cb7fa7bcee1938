/* gt.h: helpers shared by the grant and safecopy test programs
 * (grant_test, safecopy_test) and grant_bench. */
#ifndef GT_H
#define GT_H

#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include <safecopies.h>
#include "gp.h"

#define GT_WAIT_TICKS 300          /* 3 s: the deadline of every wait */

/* Messages between a test and the children it spawns (roles). */
#define GT_REPORT     0x4781      /* child -> parent: m1.i1..i4 results, p1 a gid */
#define GT_DONE       0x4782      /* parent -> child: exit now */

/* A request to grant_peer (gp.h); the answer's m1.i1 (or the IPC error).
 * *out, if given, receives the whole answer. */
int32_t gt_req(endpoint_t peer, int type, int32_t i1, int32_t i2, int32_t i3, int32_t i4,
               uint32_t p1, message *out);
void gt_sleep_tick(void);                  /* block for one clock tick */
/* Spawn a copy of program with role (the spawn argument): as a user
 * process (user = 1), as a system process with only the calls in kcalls
 * (ended by -1), or with its parent's defaults (kcalls = NULL).  NONE on
 * error. */
endpoint_t gt_spawn(const char *program, uint32_t role, int user, const int *kcalls);
void gt_fill(uint8_t *p, uint32_t n, uint32_t seed);      /* p[i] = gp_byte(seed, i) */
int gt_check(const uint8_t *p, uint32_t n, uint32_t seed);/* 1 if p holds that fill */

#endif
