/* tv_common.c: the ttyvfs suite's helpers (tv.h). */
#include <safecopies.h>
#include <lantern/chardev.h>
#include "tv.h"

int vfs_stats(struct vfs_stats *st)
{
    endpoint_t vfs;
    message m;
    int32_t g;
    int r;

    if ((r = rs_lookup("vfs", &vfs)) != OK)
        return r;
    if ((g = cpf_grant_direct(vfs, (vir_bytes)st, sizeof(*st), CPF_WRITE)) < 0)
        return g;
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_STATS;
    ((struct vfs_req *)&m.m_u)->grant2 = g;
    r = ipc_sendrec(vfs, &m);
    cpf_revoke(g);
    return r != OK ? r : m.m_type;
}

int wait_reads(uint32_t n)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    struct vfs_stats st;
    message m;

    for (;;) {
        if (vfs_stats(&st) == OK && st.dev_reads == n)
            return OK;
        if ((int32_t)(deadline - sys_uptime()) <= 0)
            return ETIMEDOUT;
        wait_message(NONE, 0, 1, &m);           /* poll interval, inside the deadline */
    }
}

int inject(int fd, const char *s)
{
    for (; *s; s++)
        if (ioctl(fd, TIOCSTI, s) < 0)
            return -1;
    return 0;
}

/* Children's exits that arrived while waiting for another one. */
static struct pm_child reaped[8];
static int nreaped;

int spawn_child(const char *args, endpoint_t *ep)
{
    struct pm_child c;
    int r;

    /* WNOTIFY before the first child: PM keeps our children's exits */
    if (pm_wait(WNOHANG | WNOTIFY, &c) == OK && nreaped < 8)
        reaped[nreaped++] = c;
    if ((r = sys_spawn_args("ttyvfs_test", args, 0, ep)) != OK ||
        (r = sys_privctl(*ep, PRIV_SET_USER, NULL)) != OK)
        return r;
    return sys_privctl(*ep, PRIV_ALLOW, NULL);
}

static int take_reaped(endpoint_t ep, int *status)
{
    for (int i = 0; i < nreaped; i++)
        if (reaped[i].endpoint == ep) {
            *status = reaped[i].status;
            reaped[i] = reaped[--nreaped];
            return 1;
        }
    return 0;
}

int wait_child(endpoint_t ep, int *status)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    struct pm_child c;
    message m;

    while (!take_reaped(ep, status)) {
        int r = pm_wait(WNOHANG | WNOTIFY, &c);
        if (r == OK && nreaped < 8)
            reaped[nreaped++] = c;
        else if (r != EAGAIN && r != OK)
            return r;
        else if ((int32_t)(deadline - sys_uptime()) <= 0)
            return ETIMEDOUT;
        else if (r == EAGAIN)
            wait_message(NONE, 0, 1, &m);       /* poll interval, inside the deadline */
    }
    return OK;
}

/* console_kill's request from a user that is not console_echo: 0 if
 * refused with EPERM (and no restart). */
static int ask_console_kill(void)
{
    endpoint_t killer;
    message m;
    if (rs_lookup("console_kill", &killer) != OK)
        return 3;
    memset(&m, 0, sizeof(m));
    m.m_type = CONSOLE_KILL_TTY;
    return !(ipc_sendrec(killer, &m) == OK && m.m_type == EPERM);
}

/* A child (a user process): `rd <device> <word>` reads one line and
 * exits 0 if it is <word>\n; `sti` exits 0 if TIOCSTI is refused (EPERM);
 * `ck` exits 0 if console_kill refuses it (EPERM). */
int child_main(int argc, char **argv)
{
    char buf[64], want[40];
    int fd;

    if (!strcmp(argv[1], "ck"))
        return ask_console_kill();
    if (!strcmp(argv[1], "sti")) {
        fd = open("/dev/console", O_RDWR);
        return !(fd >= 0 && err_is(ioctl(fd, TIOCSTI, "x"), EPERM));
    }
    if (strcmp(argv[1], "rd") || argc < 4 || (fd = open(argv[2], O_RDONLY)) < 0)
        return 2;
    memset(buf, 0, sizeof(buf));
    snprintf(want, sizeof(want), "%s\n", argv[3]);
    int n = read(fd, buf, sizeof(buf) - 1);
    return !(n == (int)strlen(want) && !strcmp(buf, want));
}
