/* console_kill: the console harness's "other console" that kills the
 * terminal driver (issue 15: "killing the TTY driver from another console:
 * RS restarts it and the shell goes on").  Until a second console exists
 * it is a small admin service in the harness's boot image only (never in
 * the default image).  Its one request, CONSOLE_KILL_TTY
 * (lantern/chardev.h), asks RS to restart `tty` (RS_REFRESH: its RS line is
 * an admin's) and answers RS's result.  Only console_echo may ask (its
 * endpoint asked of RS by label): anyone else gets EPERM, another type
 * EBADREQUEST; notifications are ignored.  console_watch (the shell's
 * console test, shell.script) may ask too: the same check by its label. */
#include <stdio.h>
#include <string.h>
#include <sef.h>
#include <service.h>
#include <sys.h>
#include <lantern/chardev.h>

/* 1 if the sender is the program RS knows by this label. */
static int sent_by(const message *m, const char *label)
{
    endpoint_t ep = NONE;
    return rs_lookup(label, &ep) == OK && m->m_source == ep;
}

static int serve(const message *m)
{
    if (!sent_by(m, "console_echo") && !sent_by(m, "console_watch"))
        return EPERM;
    if (m->m_type != CONSOLE_KILL_TTY)
        return EBADREQUEST;
    int r = rs_refresh("tty");
    printf("console_kill: restarting tty: %d\n", r);
    return r;
}

int main(void)
{
    message m;
    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        endpoint_t who = m.m_source;
        int r = serve(&m);
        memset(&m, 0, sizeof(m));
        m.m_type = r;
        ipc_sendnb(who, &m);               /* the caller waits in SENDREC */
    }
}
