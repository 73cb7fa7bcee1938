/* sig_tty.c: ^C from the console (suite signal).
 *
 * This program is the tty driver's client (tty.client=signal_test on the
 * command line), so it may set the terminal's foreground group and type
 * bytes with TIOCSTI as if they came from the line.  A child in a group of
 * its own waits; ^C typed on the console must end it with SIGINT, and a
 * second child outside that group must not be touched. */
#include <safecopies.h>
#include <lantern/chardev.h>
#include "sig.h"

static endpoint_t tty_ep = NONE;

static int ioctl_tty(int32_t request, void *arg, uint32_t size)
{
    static uint32_t id = 1;
    struct cdev_req rq = { .minor = TTY_MINOR_CONSOLE, .request = request, .id = id++ };
    message m;
    rq.grant = cpf_grant_direct(tty_ep, (vir_bytes)arg, size, CPF_READ);
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_IOCTL;
    memcpy(m.m_u.m_u8, &rq, sizeof(rq));
    int r = ipc_sendrec(tty_ep, &m);
    cpf_revoke(rq.grant);
    return r != OK ? r : m.m_type;
}

static int pause_child(void)
{
    for (int i = 0; i < 1000000; i++)
        pause();                            /* until a signal ends it */
    return 9;
}

void tty_tests(void)
{
    int sa = -1, sb = -1;
    int look = rs_lookup("tty", &tty_ep);
    pid_t a = spawn_child(pause_child), b = spawn_child(pause_child);
    int g = setpgid(a, a);
    int32_t pgrp = a;
    int r1 = look == OK ? ioctl_tty(TIOCSPGRP, &pgrp, sizeof(pgrp)) : look;
    char ctrl_c = 0x03;
    int r2 = look == OK ? ioctl_tty(TIOCSTI, &ctrl_c, 1) : look;
    sa = wait_status(a);
    int alive = waitpid(b, &sb, WNOHANG) == 0;
    kill(b, SIGKILL);
    sb = wait_status(b);
    LT_CHECK(S, "ctrl_c_sigint_to_foreground_group", g == 0 && r1 == OK && r2 == OK && sa >= 0 &&
             WIFSIGNALED(sa) && WTERMSIG(sa) == SIGINT && alive,
             "setpgid %d, TIOCSPGRP %d, TIOCSTI %d, child %#x, other alive %d", g, r1, r2, sa, alive);
}
