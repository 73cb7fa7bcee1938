/* tty_test: the tty suite's protocol and line-discipline tests
 * (docs/testing.md, "tty"; docs/tty.md).
 *
 *   tty_test proto     the driver boots with tty.client=tty_test (this is
 *                      its one client): the character-device protocol, the
 *                      line discipline driven through TIOCSTI, termios, bad
 *                      grants and requests, and a restart under a waiting
 *                      reader (this program is an admin: RS_REFRESH)
 *   tty_test refused   the driver boots without it (its client is VFS): every
 *                      request from this program is EPERM; and VM_MAPPHYS
 *                      of the screen, which RS never granted it, is EPERM
 *
 * Waits for the driver's NOTIFY have a deadline (wait_message). */
#include "tt.h"
#include <lantern/vm.h>

static void refused(void)
{
    static const int types[] = { CDEV_OPEN, CDEV_CLOSE, CDEV_READ, CDEV_WRITE, CDEV_IOCTL,
                                 CDEV_CANCEL, CDEV_STATUS };
    static const char *const names[] = { "refused_open", "refused_close", "refused_read",
                                         "refused_write", "refused_ioctl", "refused_cancel",
                                         "refused_status" };
    char buf[8] = "x";
    for (int i = 0; i < 7; i++) {
        cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)buf, sizeof(buf),
                                           CPF_READ | CPF_WRITE);
        int r = req(types[i], TTY_MINOR_CONSOLE, g, 1, TCGETS, 0, 0);
        cpf_revoke(g);
        T(names[i], r == EPERM, "got %d, want EPERM", r);
    }
    /* VM_MAPPHYS by a program RS granted no memory range (branch vga) */
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = VM_MAPPHYS;
    m.m_u.m_u32[0] = 0xb8000;
    m.m_u.m_u32[1] = 0x1000;
    int r = ipc_sendrec(VM_ENDPOINT, &m);
    T("refused_mapphys", r == OK && m.m_type == EPERM, "ipc %d, VM_MAPPHYS %d (want EPERM)", r,
      m.m_type);
}

int main(int argc, char **argv)
{
    int refuse = argc > 1 && !strcmp(argv[1], "refused");
    sef_startup();
    rs_lookup("tty", &tty_ep);
    if (refuse) {
        ltest_plan(SUITE, 8);
        refused();
        ltest_finish();
    }
    ltest_plan(SUITE, TT_PROTO_TESTS + TT_LDISC_TESTS);
    tt_proto();
    tt_ldisc();
    ltest_finish();
}
