/* console_echo: a small interactive program on /dev/console, for the
 * console-driving harness (tests/harness/console.py, docs/testing.md
 * "console") until the shell runs at boot.  It proves the whole path: the
 * harness types into COM1 -> the tty driver's line discipline -> VFS (a
 * read suspended until a line is typed) -> this program, and back.
 *
 * A user process started at boot (RS line: SF_USER).  It opens the console
 * (retrying for a while: VFS and tty may still be starting), prints the
 * banner and the prompt `echo> `, and answers each line:
 *   exit       prints `bye` and exits 0
 *   key        raw mode (cfmakeraw, VMIN 1): `key: press a key`, then one
 *              key read: `key: 0x<hex>`
 *   tty        `tty: isatty <0|1> pgrp <n>`
 *   killtty    asks console_kill (CONSOLE_KILL_TTY) to restart the tty
 *              driver, waits (deadline) for its new endpoint, then says
 *              `killtty: new driver` (or why not); the next read goes on
 *   anything   `echo: <line>`; an empty read (^D on an empty line) `eof`
 * Every failure is printed with its errno and ends the program (status 1). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <termios.h>
#include <sys.h>
#include <service.h>
#include <lantern/chardev.h>

#define OPEN_TRIES 200               /* x 1 tick: the services start meanwhile */

static int con = -1;

static void say(const char *fmt, ...)
{
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (len > (int)sizeof(buf) - 1)
        len = (int)sizeof(buf) - 1;
    write(con, buf, (size_t)len);
}

static int open_console(void)
{
    message m;
    for (int i = 0; i < OPEN_TRIES; i++) {
        if ((con = open("/dev/console", O_RDWR)) >= 0)
            return 0;
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside OPEN_TRIES */
    }
    printf("console_echo: cannot open /dev/console: %d\n", errno);
    return -1;
}

/* One key in raw mode, the terminal's settings restored after. */
static void one_key(void)
{
    struct termios saved, raw;
    unsigned char c = 0;
    if (tcgetattr(con, &saved) < 0) {
        say("key: tcgetattr %d\n", errno);
        return;
    }
    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(con, TCSANOW, &raw);
    say("key: press a key\n");            /* raw from now on: the harness waits for this */
    int n = (int)read(con, &c, 1);
    tcsetattr(con, TCSADRAIN, &saved);
    if (n == 1)
        say("key: 0x%02x\n", c);
    else
        say("key: read %d errno %d\n", n, errno);
}

/* killtty: the driver is restarted under our console; our next read
 * waits in VFS, which sends it again to the new driver. */
static void kill_tty(void)
{
    endpoint_t killer = NONE, old = NONE, now = NONE;
    message m;
    int r1 = rs_lookup("console_kill", &killer), r2 = rs_lookup("tty", &old), r3 = EINVAL;
    memset(&m, 0, sizeof(m));
    m.m_type = CONSOLE_KILL_TTY;
    if (r1 == OK && r2 == OK && (r3 = ipc_sendrec(killer, &m)) == OK)
        r3 = m.m_type;
    if (r3 != OK) {
        say("killtty: console_kill refused: %d %d %d\n", r1, r2, r3);
        return;
    }
    for (int i = 0; i < OPEN_TRIES; i++) {
        if (rs_lookup("tty", &now) == OK && now != old) {
            say("killtty: new driver\n");
            return;
        }
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside OPEN_TRIES */
    }
    say("killtty: the driver did not come back\n");
}

/* Answer one line (without its \n); 1 when the program should end. */
static int answer(char *line, int n)
{
    if (n == 0) {
        say("eof\n");
        return 0;
    }
    if (line[n - 1] == '\n')
        line[--n] = 0;
    if (!strcmp(line, "exit")) {
        say("bye\n");
        return 1;
    }
    if (!strcmp(line, "key"))
        one_key();
    else if (!strcmp(line, "killtty"))
        kill_tty();
    else if (!strcmp(line, "tty"))
        say("tty: isatty %d pgrp %d\n", isatty(con), (int)tcgetpgrp(con));
    else
        say("echo: %s\n", line);
    return 0;
}

int main(void)
{
    char line[128];
    if (open_console() < 0)
        return 1;
    say("console_echo: type a line (exit ends)\n");
    for (;;) {
        say("echo> ");
        memset(line, 0, sizeof(line));
        int n = (int)read(con, line, sizeof(line) - 1);
        if (n < 0) {
            say("console_echo: read error %d\n", errno);
            return 1;
        }
        if (answer(line, n))
            return 0;
    }
}
