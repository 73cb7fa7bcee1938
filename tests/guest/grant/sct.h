/* sct.h: the pieces of safecopy_test, the `safecopy` run: copies of many
 * sizes, aligned and not, and vectors (safecopy_test.c); revocation while
 * grants are in use and page faults in the middle of a copy (sc_fault.c).
 * grant_peer is the granter. */
#ifndef SCT_H
#define SCT_H

#include "gt.h"

#define S "safecopy"
#define PAGE 4096u
#define BIG  (4u * 1024 * 1024)

extern endpoint_t me, peer;
extern uint8_t big[BIG];            /* page aligned */

#define ROLE_LOOPER 1
void sc_looper(endpoint_t parent);
void sc_fault_tests(void);
#define SC_FAULT_TESTS 7
extern uint32_t peer_buf;
void sc_cow_tests(void);             /* sc_cow.c: COW safecopy */
#define SC_COW_TESTS 6

#endif
