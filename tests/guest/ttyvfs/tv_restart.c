/* tv_restart.c: the tty driver restarted (RS_REFRESH: this program is an
 * admin) while a user child's read waits in VFS.  VFS notices the new
 * endpoint, sends the read again (VFS_STATS dev_resent), and the child
 * gets the line typed after the restart; new opens reach the new driver.
 * Then console_kill (the console harness's admin) refuses a user that is
 * not console_echo. */
#include "tv.h"

/* Wait (deadline) until tty has another endpoint than old. */
static int wait_new_tty(endpoint_t old)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    endpoint_t now = old;
    message m;

    while (rs_lookup("tty", &now) != OK || now == old) {
        if ((int32_t)(deadline - sys_uptime()) <= 0)
            return ETIMEDOUT;
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside the deadline */
    }
    return OK;
}

static int wait_resent(uint32_t before)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    struct vfs_stats st;
    message m;

    while (vfs_stats(&st) < 0 || st.dev_resent == before) {
        if ((int32_t)(deadline - sys_uptime()) <= 0)
            return ETIMEDOUT;
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside the deadline */
    }
    return OK;
}

void tv_restart(void)
{
    struct vfs_stats st;
    endpoint_t old = NONE, a;
    int status = -1;
    rs_lookup("tty", &old);
    vfs_stats(&st);
    int r = spawn_child("c rd /dev/console again", &a);
    int w = r == OK ? wait_reads(1) : r;
    int rr = rs_refresh("tty");
    int wn = wait_new_tty(old);
    int ws = wait_resent(st.dev_resent);
    T("restart_new_driver", r == OK && w == OK && rr == OK && wn == OK && ws == OK,
      "child %d waiting %d refresh %d new endpoint %d resent %d", r, w, rr, wn, ws);
    int fd = open("/dev/console", O_RDWR);
    int i = inject(fd, "again\n");
    r = wait_child(a, &status);
    T("restart_reader_goes_on", fd >= 0 && i == 0 && r == OK && status == 0,
      "open %d inject %d child %d status %d", fd, i, r, status);
    static const char msg[] = "ttyvfs_test: written after the restart\n";
    int n = (int)write(fd, msg, sizeof(msg) - 1);
    close(fd);
    r = wait_reads(0);
    T("restart_write_no_leak", n == (int)sizeof(msg) - 1 && r == OK, "write %d reads %d", n,
      r);
    /* the console harness's killer serves console_echo only */
    endpoint_t before = NONE, after = NONE;
    rs_lookup("tty", &before);
    r = spawn_child("c ck", &a);
    r = r == OK ? wait_child(a, &status) : r;
    rs_lookup("tty", &after);
    T("console_kill_refused", r == OK && status == 0 && before == after,
      "child %d status %d (0: EPERM), tty %d -> %d", r, status, before, after);
}
