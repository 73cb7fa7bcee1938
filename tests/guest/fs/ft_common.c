/* ft_common.c: the fs suite's helpers: patterned files and child
 * processes (user copies of fs_test). */
#include <safecopies.h>
#include <service.h>
#include "ft.h"

const char *ft_suite = "fs";

int write_pattern(const char *path, uint32_t seed, uint32_t size, uint32_t chunk)
{
    static uint8_t buf[8192];
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (fd < 0)
        return errno;
    for (uint32_t pos = 0; pos < size; pos += chunk) {
        uint32_t n = size - pos < chunk ? size - pos : chunk;
        for (uint32_t i = 0; i < n; i++)
            buf[i] = pat(seed, pos + i);
        if (write(fd, buf, n) != (ssize_t)n) {
            close(fd);
            return EIO;
        }
    }
    return close(fd) == 0 ? OK : errno;
}

int check_pattern(const char *path, uint32_t seed, uint32_t size)
{
    static uint8_t buf[4096];
    int fd = open(path, O_RDONLY), n;
    uint32_t pos = 0;

    if (fd < 0)
        return errno;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        for (int i = 0; i < n; i++, pos++)
            if (buf[i] != pat(seed, pos)) {
                close(fd);
                return EBADMSG;
            }
    }
    close(fd);
    return n < 0 ? errno : (pos == size ? OK : EIO);
}

/* Exits reaped while waiting for another child. */
static struct pm_child reaped[8];
static int nreaped;

int spawn_child(const char *args, endpoint_t *ep)
{
    struct pm_child c;
    int r;

    /* WNOTIFY before the first child: PM then keeps our children's exits
     * (a parent that never asked has them reaped at once, lantern/pm.h) */
    if ((r = pm_wait(WNOHANG | WNOTIFY, &c)) == OK && nreaped < 8)
        reaped[nreaped++] = c;
    r = sys_spawn_args("fs_test", args, 0, ep);
    if (r == OK)
        r = sys_privctl(*ep, PRIV_SET_USER, NULL);
    return r;
}

int start_child(endpoint_t ep)
{
    return sys_privctl(ep, PRIV_ALLOW, NULL);
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

/* Poll PM (WNOTIFY keeps our children's exits for us) with a one-tick
 * poll interval, inside a deadline of CHILD_DEADLINE ticks. */
#define CHILD_DEADLINE 3000
int wait_child(endpoint_t ep, int *status)
{
    uint32_t deadline = sys_uptime() + CHILD_DEADLINE;
    struct pm_child c;
    message m;
    int r;

    while (!take_reaped(ep, status)) {
        r = pm_wait(WNOHANG | WNOTIFY, &c);
        if (r == OK && nreaped < 8)
            reaped[nreaped++] = c;
        else if (r == EAGAIN) {
            if ((int32_t)(deadline - sys_uptime()) <= 0)
                return ETIMEDOUT;
            wait_message(NONE, 0, 1, &m);       /* poll interval */
        } else if (r != OK)
            return r;
    }
    return OK;
}
