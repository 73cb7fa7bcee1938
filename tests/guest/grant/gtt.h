/* gtt.h: the pieces of grant_test, the `grant` run (tests/suites.txt):
 * grant semantics (grant_test.c), the bad-input matrix (gt_matrix.c), and
 * who may call what plus processes that exit with live grants (gt_roles.c).
 * grant_peer lends memory; grant_magic is the same program with
 * MAGIC_GRANTS; copies of grant_test, spawned with a role, play users,
 * services without the safe copies and granters that exit. */
#ifndef GTT_H
#define GTT_H

#include "gt.h"

#define S "grant"
#define PAGE 4096u

extern endpoint_t me, peer, magic;

/* Roles of spawned copies (the spawn argument); 0 = the boot instance. */
#define ROLE_LENDER   1     /* lends a filled page, tries the calls, reports */
#define ROLE_EXITER   2     /* lends a page, reports, exits with the grant live */
#define LEND_SEED     77

void gt_semantics_tests(void);
void gt_matrix_tests(void);
int gt_matrix_rows(void);
void gt_roles_tests(void);
void gt_random_test(void);          /* 1 result */
void gt_role(uint32_t role, endpoint_t parent);

#define GT_SEMANTICS_TESTS 14
#define GT_ROLES_TESTS     5

#endif
