/* tty.h: the terminal driver's shared state (README.md, docs/tty.md).
 *
 * One struct tty per terminal: the console (minor 0), which is also ttyS0
 * (minor 5) and tty1 (minor 1): COM1 and virtual console 1 are one
 * terminal, its output goes to both and its input comes from both; and
 * ttys 2-4 (minors 2-4), virtual consoles 2-4 on the VGA screen (vga.c).
 * Without the screen (vga_init failed) minors 1-4 are ENXIO.
 *
 * Invariants: in[0..avail) is what a read may take now (whole lines in
 * cooked mode, everything in raw mode); in[avail..len) is the line being
 * edited (cooked mode only).  At most one read is pending per tty. */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include <lantern/chardev.h>
#include <sef.h>
#include <safecopies.h>
#include <sys.h>

#define TTY_IN_MAX   512        /* typed bytes kept: more are dropped (bell) */
#define TTY_DONE_MAX 8          /* finished requests awaiting CDEV_STATUS */

struct tty_read {               /* the pending read, if active */
    int active;
    endpoint_t client;
    uint32_t id;
    cp_grant_id_t grant;
    uint32_t count;
    int timed, expired;         /* VTIME: the timer runs / ran out (vtime.c) */
    uint32_t deadline;          /* VTIME: the tick it runs out */
};

struct tty {
    struct lt_termios tio;
    char in[TTY_IN_MAX];
    uint32_t len, avail;
    int eof;                    /* a ^D on an empty line: the next read returns 0 */
    int32_t pgrp;               /* foreground process group (0: none) */
    uint32_t sigs;              /* ^C/^\ seen (delivered or not: docs/tty.md) */
    uint32_t sigs_lost;         /* ^C/^\ that could not be sent to PM (sig.c) */
    struct tty_read rd;
    void (*out)(const char *s, uint32_t n);     /* the device's raw output */
};

#define VC_COUNT     4          /* virtual consoles on the VGA screen */
#define VC_PAGE      0x1000     /* bytes of VGA memory per console */

/* main.c */
struct tty *tty_of(int minor);
struct tty *tty_of_vc(int n);   /* virtual console n's tty (0: the console) or NULL */
void tty_finish(endpoint_t client, uint32_t id, int result);

/* serial.c: COM1 */
int serial_init(void);
void serial_irq(void);
void serial_out(const char *s, uint32_t n);

/* vga.c: the screen and its virtual consoles (n = 0..VC_COUNT-1) */
int vga_init(void);
void vga_write(int n, const char *s, uint32_t len);
void vga_switch(int n);
int vga_visible(void);          /* -1: no screen */

/* kbd.c: the PS/2 keyboard (IRQ 1) */
int kbd_init(void);
void kbd_irq(void);
void kbd_scan(uint8_t code);

/* ldisc.c: the line discipline */
void ldisc_reset(struct tty *t);
void ldisc_input(struct tty *t, char c);
int ldisc_read(struct tty *t, endpoint_t client, const struct cdev_req *rq);
void ldisc_try_read(struct tty *t);
int ldisc_cancel(struct tty *t, uint32_t id);
int ldisc_write(struct tty *t, endpoint_t client, const struct cdev_req *rq);
void ldisc_echo(struct tty *t, const char *s, uint32_t n);

/* vtime.c: the raw-mode read timer */
void vtime_init(uint32_t hz);
void vtime_arm(struct tty *t);
void vtime_expire(struct tty *t);
void vtime_expire_all(void);         /* the clock alarm: every terminal */
#define VTIME_TTYS 8                 /* terminals with a timer, at most (5 today) */

/* termios.c: ioctls */
int tty_ioctl(struct tty *t, endpoint_t client, const struct cdev_req *rq);

/* sig.c: ^C / ^\ as PM_KILL(-pgrp) through SENDA */
void tty_signal_group(struct tty *t, char c);

#endif
