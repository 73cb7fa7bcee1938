/* vt.h: the screen tests of suite tty (vga_test.c says what they test):
 * the client helpers and the screen reader (vt_common.c). */
#ifndef TESTS_VGA_VT_H
#define TESTS_VGA_VT_H

#include <string.h>
#include <stdio.h>
#include <lantern/chardev.h>
#include <vm.h>
#include <sef.h>
#include <service.h>
#include <safecopies.h>
#include <devio_calls.h>
#include <ltest.h>
#include <lantern/testproto.h>

#define SUITE    "tty"
#define DEADLINE 500                 /* ticks (5 s) */
#define T(name, cond, ...) LT_CHECK(SUITE, name, cond, __VA_ARGS__)
#define COLS     80
#define ROWS     25

extern endpoint_t tty_ep;
extern uint32_t vt_last_state;                    /* the last reply's CDEV_DONE / _PENDING */

int vt_req(int type, int minor, cp_grant_id_t g, uint32_t count, int32_t ioctl);
int vt_req_flags(int type, int minor, cp_grant_id_t g, uint32_t count, uint32_t flags);
int vt_write(int minor, const char *s);
int vt_mapphys(uint32_t base, uint32_t len, uint32_t *va);
int vt_map_screen(void);
void vt_row(int vc, int row, char *out);          /* out: COLS + 1 bytes, trailing blanks cut */
int vt_find(int vc, const char *text, int *row, int *col);
uint16_t vt_crtc(uint8_t reg);                    /* a 16-bit CRTC register pair */
int vt_wait_tty(endpoint_t old);                  /* a new tty endpoint, with a deadline */

#define VT_KEYS_TESTS 14
void vt_keys(void);                               /* vt_keys.c: the keyboard (keys=1) */
void vt_bench(void);                              /* vt_bench.c: make bench */

#endif
