/* common.h: helpers shared by the rs, sef and priv suites' programs. */
#ifndef RS_TESTS_COMMON_H
#define RS_TESTS_COMMON_H

#include <sef.h>
#include <service.h>
#include <ltest.h>
#include "crashd.h"

void sleep_ticks(uint32_t ticks);
uint32_t ticks_now(void);
/* CD_ECHO to label through RS's lookup, retrying across restarts. */
int crashd_echo(const char *label, endpoint_t *ep, message *reply);
/* Send a no-reply request (CD_CRASH, CD_EXIT, CD_HANG). */
int crashd_poke(const char *label, int type);
/* Poll RS until label's status matches (flags & mask) == want, or timeout. */
int wait_status(const char *label, uint32_t mask, uint32_t want, uint32_t timeout_ticks,
                struct rs_status *st);
/* Spawn a user program with arguments and wait for its exit status. */
int run_user(const char *program, const char *args, int *status);

#endif
