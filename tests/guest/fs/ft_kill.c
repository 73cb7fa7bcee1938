/* ft_kill.c: MINIX's promise, kept: the block driver is killed (RS_REFRESH:
 * killed and started again) while a child process writes a file with an
 * fsync after every chunk, so requests to the driver are in flight.  MFS
 * must notice the dead driver, find the new one, and send the requests
 * again; the write completes and the file read back from the device (the
 * cache emptied first) is exactly what was written. */
#include <service.h>
#include "ft.h"

#define KILL_BYTES (256u * 1024)
#define KILL_AT    (32u * 1024)     /* kill once this much is written */
#define DEADLINE   2000             /* ticks */

const char *ft_driver = "ramdisk";

/* The child's part: write the pattern in 4 KiB chunks, fsync after each. */
int kill_writer(void)
{
    static uint8_t buf[4096];
    int fd = open("/tmp/kill", O_WRONLY | O_CREAT | O_TRUNC, 0644);

    for (uint32_t pos = 0; fd >= 0 && pos < KILL_BYTES; pos += sizeof(buf)) {
        for (uint32_t i = 0; i < sizeof(buf); i++)
            buf[i] = pat(11, pos + i);
        if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf) || fsync(fd) != 0)
            return 1;
    }
    return fd < 0 || close(fd) != 0;
}

/* Wait (poll interval one tick, inside DEADLINE) until the file has grown
 * to KILL_AT bytes. */
static int wait_growth(void)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    struct stat st;
    message m;

    while ((int32_t)(deadline - sys_uptime()) > 0) {
        if (stat("/tmp/kill", &st) == 0 && (uint32_t)st.st_size >= KILL_AT)
            return OK;
        wait_message(NONE, 0, 1, &m);   /* poll interval */
    }
    return ETIMEDOUT;
}

void ft_kill(void)
{
    struct vfs_stats a, b;
    endpoint_t ep;
    int r, rk = -1, status = -1;

    vfs_stats(&a);
    r = spawn_child("c kw", &ep);
    if (r == OK && (r = start_child(ep)) == OK && (r = wait_growth()) == OK)
        rk = rs_refresh(ft_driver);
    if (r == OK)
        r = wait_child(ep, &status);
    T("driver_kill_write_completes", r == OK && rk == OK && status == 0,
      "r %d refresh %d child status %d", r, rk, status);
    r = vfs_drop_cache();
    T("driver_kill_read_back", r == OK && check_pattern("/tmp/kill", 11, KILL_BYTES) == OK,
      "drop cache %d", r);
    vfs_stats(&b);
    T("driver_kill_retried", b.driver_retries > a.driver_retries, "retries %u -> %u",
      a.driver_retries, b.driver_retries);
    unlink("/tmp/kill");
}
const int ft_kill_n = 3;
