/* test_ldisc.c: cmocka tests of the tty driver's line discipline
 * (drivers/tty/ldisc.c, termios.c) on the host: what the guest suite
 * cannot see, the echo and the output processing, plus the buffer limit,
 * and VTIME (vtime.c) on a fake clock.
 * The device's output goes to a capture buffer; the safe copies are
 * stubbed as plain copies (a grant here is the address of a host buffer,
 * grant -1 fails like a bad grant). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../../drivers/tty/tty.h"

static char out[4096];
static uint32_t out_len;
static char *grant_buf;                 /* what grant 1 names */
static int finished, finished_result;

static void capture(const char *s, uint32_t n)
{
    memcpy(out + out_len, s, n);
    out_len += n;
}

int sys_safecopyto(endpoint_t ep, cp_grant_id_t g, uint32_t off, vir_bytes addr, uint32_t n)
{
    (void)ep;
    if (g != 1)
        return EFAULT;
    memcpy(grant_buf + off, (const void *)(uintptr_t)addr, n);
    return OK;
}

int sys_safecopyfrom(endpoint_t ep, cp_grant_id_t g, uint32_t off, vir_bytes addr, uint32_t n)
{
    (void)ep;
    if (g != 1)
        return EFAULT;
    memcpy((void *)(uintptr_t)addr, grant_buf + off, n);
    return OK;
}

void tty_finish(endpoint_t client, uint32_t id, int result)
{
    (void)client;
    (void)id;
    finished++;
    finished_result = result;
}

/* sig.c's PM_KILL(-pgrp) through SENDA: recorded, not sent. */
static int signalled;
static char signalled_c;
void tty_signal_group(struct tty *tt, char c)
{
    (void)tt;
    signalled++;
    signalled_c = c;
}

/* VTIME's clock (vtime.c): a fake tick count and the last alarm asked. */
static uint32_t now_ticks, alarm_ticks;

uint32_t sys_uptime(void)
{
    return now_ticks;
}

int sys_setalarm(uint32_t ticks)
{
    alarm_ticks = ticks;
    return OK;
}

static struct tty t;

static int setup(void **state)
{
    (void)state;
    memset(&t, 0, sizeof(t));
    t.out = capture;
    ldisc_reset(&t);
    out_len = 0;
    memset(out, 0, sizeof(out));
    finished = 0;
    now_ticks = 1000;
    alarm_ticks = 0;
    vtime_init(100);
    return 0;
}

static void type(const char *s)
{
    for (; *s; s++)
        ldisc_input(&t, *s);
}

static char rbuf[TTY_IN_MAX + 8];      /* static: see the Makefrag (32-bit addresses) */

static int read_into(char *buf, uint32_t count)
{
    struct cdev_req rq = { .grant = 1, .count = count, .id = 9 };
    grant_buf = buf;
    return ldisc_read(&t, 5, &rq);
}

static void echo_line(void **state)
{
    (void)state;
    type("hi\r");
    assert_int_equal(out_len, 4);
    assert_memory_equal(out, "hi\r\n", 4);
}

static void echo_erase_kill(void **state)
{
    (void)state;
    type("ab\x7f" "c\x15");
    assert_string_equal(out, "ab\b \bc\b \b\b \b");
}

static void echo_off(void **state)
{
    (void)state;
    t.tio.c_lflag &= ~LT_ECHO;
    type("secret\n");
    assert_int_equal(out_len, 0);
}

static void echo_intr(void **state)
{
    (void)state;
    signalled = 0;
    type("xy\x03");
    assert_string_equal(out, "xy^C\r\n");
    assert_int_equal(t.sigs, 1);
    assert_int_equal(signalled, 1);         /* the foreground group is told */
    assert_int_equal(signalled_c, 0x03);
    assert_int_equal(t.len, 0);
}

static void write_onlcr(void **state)
{
    static char src[] = "a\nb\n";
    struct cdev_req rq = { .grant = 1, .count = 4 };
    (void)state;
    grant_buf = src;
    assert_int_equal(ldisc_write(&t, 5, &rq), 4);
    assert_string_equal(out, "a\r\nb\r\n");
    out_len = 0;
    memset(out, 0, sizeof(out));
    t.tio.c_oflag = 0;
    assert_int_equal(ldisc_write(&t, 5, &rq), 4);
    assert_string_equal(out, "a\nb\n");
}

static void pending_then_line(void **state)
{
    char *buf = rbuf;
    (void)state;
    memset(rbuf, 0, sizeof(rbuf));
    assert_int_equal(read_into(buf, 16), EDONTREPLY);
    type("ok");
    assert_int_equal(finished, 0);
    type("\n");
    assert_int_equal(finished, 1);
    assert_int_equal(finished_result, 3);
    assert_string_equal(buf, "ok\n");
}

/* A full buffer drops typed bytes but keeps room for the line's \n. */
static void buffer_full(void **state)
{
    char *buf = rbuf;
    (void)state;
    for (int i = 0; i < TTY_IN_MAX + 20; i++)
        ldisc_input(&t, 'x');
    assert_int_equal(t.len, TTY_IN_MAX - 1);
    ldisc_input(&t, '\n');
    assert_int_equal(read_into(buf, sizeof(rbuf)), TTY_IN_MAX);
    assert_int_equal(buf[TTY_IN_MAX - 1], '\n');
}

static void set_raw(uint8_t vmin, uint8_t vtime)
{
    t.tio.c_lflag &= ~LT_ICANON;
    t.tio.c_cc[LT_VMIN] = vmin;
    t.tio.c_cc[LT_VTIME] = vtime;
}

/* VMIN 0, VTIME 3: a read with nothing typed waits 0.3 s, then returns 0;
 * an alarm that comes early is set again for the rest. */
static void vtime_vmin0_timeout(void **state)
{
    (void)state;
    set_raw(0, 3);
    assert_int_equal(read_into(rbuf, 8), EDONTREPLY);
    assert_int_equal(alarm_ticks, 30);
    now_ticks += 10;
    vtime_expire(&t);
    assert_int_equal(finished, 0);
    assert_int_equal(alarm_ticks, 20);
    now_ticks += 20;
    vtime_expire(&t);
    assert_int_equal(finished, 1);
    assert_int_equal(finished_result, 0);
    assert_int_equal(t.rd.active, 0);
}

/* VMIN 0, VTIME 3: a byte ends the read at once. */
static void vtime_vmin0_byte(void **state)
{
    (void)state;
    set_raw(0, 3);
    memset(rbuf, 0, sizeof(rbuf));
    assert_int_equal(read_into(rbuf, 8), EDONTREPLY);
    type("k");
    assert_int_equal(finished, 1);
    assert_int_equal(finished_result, 1);
    assert_string_equal(rbuf, "k");
}

/* VMIN 4, VTIME 1: no timer before the first byte; each byte restarts
 * it; when it runs out the read takes what came (2 bytes). */
static void vtime_interbyte(void **state)
{
    (void)state;
    set_raw(4, 1);
    memset(rbuf, 0, sizeof(rbuf));
    assert_int_equal(read_into(rbuf, 8), EDONTREPLY);
    assert_int_equal(alarm_ticks, 0);
    now_ticks += 500;                  /* no byte: waits as long as it takes */
    vtime_expire(&t);
    assert_int_equal(finished, 0);
    type("a");
    assert_int_equal(alarm_ticks, 10);
    now_ticks += 8;
    type("b");                         /* restarts: runs out at +18 */
    now_ticks += 8;
    vtime_expire(&t);
    assert_int_equal(finished, 0);
    now_ticks += 2;
    vtime_expire(&t);
    assert_int_equal(finished, 1);
    assert_int_equal(finished_result, 2);
    assert_string_equal(rbuf, "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(echo_line, setup),
        cmocka_unit_test_setup(echo_erase_kill, setup),
        cmocka_unit_test_setup(echo_off, setup),
        cmocka_unit_test_setup(echo_intr, setup),
        cmocka_unit_test_setup(write_onlcr, setup),
        cmocka_unit_test_setup(pending_then_line, setup),
        cmocka_unit_test_setup(buffer_full, setup),
        cmocka_unit_test_setup(vtime_vmin0_timeout, setup),
        cmocka_unit_test_setup(vtime_vmin0_byte, setup),
        cmocka_unit_test_setup(vtime_interbyte, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
