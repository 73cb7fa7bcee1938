/* tt.h: the tty suite's test program (tty_test.c says what it tests):
 * the character-device client helpers (tt_common.c) and the groups. */
#ifndef TESTS_TTY_TT_H
#define TESTS_TTY_TT_H

#include <string.h>
#include <stdio.h>
#include <lantern/chardev.h>
#include <sef.h>
#include <service.h>
#include <safecopies.h>
#include <ltest.h>

#define SUITE    "tty"
#define DEADLINE 500                 /* ticks (5 s) */
#define T(name, cond, ...) LT_CHECK(SUITE, name, cond, __VA_ARGS__)

extern endpoint_t tty_ep;
extern uint32_t last_id, last_state;   /* the last reply's id and state */

int req(int type, int minor, cp_grant_id_t g, uint32_t count, int32_t request,
        uint32_t flags, uint32_t target);
int rw(int type, void *buf, uint32_t count, uint32_t flags);
int ioctl_buf(int32_t request, void *arg, uint32_t size, uint32_t access);
void type_str(const char *s);
int wait_done(uint32_t *id);
int read_now(char *buf, uint32_t size);
void set_mode(int canon, uint8_t vmin);

#define TT_PROTO_TESTS 14
void tt_proto(void);
#define TT_LDISC_TESTS 15
void tt_ldisc(void);

#endif
