/* console_watch: the "other console" of the shell's console test
 * (tests/guest/console/shell.script, issue 15: "killing the TTY driver from
 * another console: RS restarts it and the shell goes on").  Lantern has no
 * second login console yet, so a person there is played by this program:
 * a user process started at boot (RS line: SF_USER) in the console test's
 * image only, never in the default one.
 *
 * It looks for the file /killtty every WATCH_POLL ticks.  When the shell
 * under test creates it (`echo > /killtty`, then the shell waits at its
 * prompt), it removes it and asks console_kill (CONSOLE_KILL_TTY; the
 * admin that may restart services, which answers console_echo and this
 * program only) to restart the tty driver, waits with a deadline for the
 * driver's new endpoint, and says so on the kernel console (COM1, not
 * through the tty it just had restarted):
 *   console_watch: tty restarted (endpoint a -> b)
 * or why not.  Then it goes back to watching. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys.h>
#include <service.h>
#include <lantern/chardev.h>

#define TRIGGER     "/killtty"
#define WATCH_POLL  10              /* ticks between two looks (poll interval) */
#define NEW_TRIES   500             /* x 1 tick: the deadline for the new driver */

static void pause_ticks(int ticks)
{
    message m;
    wait_message(NONE, 0, ticks, &m);       /* nothing comes: a timed wait */
}

/* Ask console_kill; OK or why not. */
static int ask_restart(void)
{
    endpoint_t killer = NONE;
    message m;
    int r = rs_lookup("console_kill", &killer);

    if (r != OK)
        return r;
    memset(&m, 0, sizeof(m));
    m.m_type = CONSOLE_KILL_TTY;
    r = ipc_sendrec(killer, &m);
    return r == OK ? m.m_type : r;
}

static void restart_tty(void)
{
    endpoint_t old = NONE, now = NONE;
    int r = rs_lookup("tty", &old);

    if (r == OK)
        r = ask_restart();
    if (r != OK) {
        printf("console_watch: restart refused: %d\n", r);
        return;
    }
    for (int i = 0; i < NEW_TRIES; i++) {
        if (rs_lookup("tty", &now) == OK && now != old) {
            printf("console_watch: tty restarted (endpoint %d -> %d)\n", old, now);
            return;
        }
        pause_ticks(1);                     /* poll interval, inside NEW_TRIES */
    }
    printf("console_watch: the tty did not come back\n");
}

int main(void)
{
    struct stat st;

    for (;;) {
        if (stat(TRIGGER, &st) == 0 && unlink(TRIGGER) == 0)
            restart_tty();
        pause_ticks(WATCH_POLL);            /* poll interval of a watcher */
    }
}
