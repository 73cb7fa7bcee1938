/* keys.c: the keyboard tests' keys (TR_SENDKEY, testproto.h).
 *
 * A run with keys=1 gives QEMU a monitor on a unix socket in the run's
 * folder (boot.c).  When a test program asks for keys (a TR_SENDKEY frame:
 * only TEST_PROC programs can send frames), each key name becomes one
 * `sendkey <name>` line on the monitor, so the guest's PS/2 controller sees
 * the real make and break scan codes.  QEMU queues the keys with their
 * hold time, so the order is kept.
 *
 * The names are checked first: only [A-Za-z0-9_-] and at most 32 bytes
 * each, so that a frame can never carry another monitor command.  A
 * refused frame, or one in a run without keys=1, is a `#` line: the test
 * waiting for the input then fails on its own deadline. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "harness.h"

#define CONNECT_TRIES 200       /* x 10 ms: QEMU makes the socket as it starts */

static int connect_monitor(const char *path)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof a.sun_path)
        return -1;
    strcpy(a.sun_path, path);
    for (int i = 0; i < CONNECT_TRIES; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
            fcntl(fd, F_SETFL, O_NONBLOCK);
            return fd;
        }
        close(fd);
        sleep_ms(10);           /* poll interval, CONNECT_TRIES bounds it */
    }
    return -1;
}

/* The monitor's banner, prompts and echoes: read and dropped. */
static void drain(int fd)
{
    char buf[512];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

static int name_ok(const char *k, size_t n)
{
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
              (k[i] >= '0' && k[i] <= '9') || k[i] == '_' || k[i] == '-'))
            return 0;
    return 1;
}

static int all_ok(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = strcspn(p + i, " ");
        if (i + n > len)
            n = len - i;
        if (!name_ok(p + i, n))
            return 0;
        i += n + 1;
    }
    return len > 0;
}

static void refuse(struct runctx *c, const char *why)
{
    if (c->print)
        printf("#   %s: TR_SENDKEY refused: %s\n", c->r->name, why);
}

/* Why the keys cannot be typed, or NULL; connects on the first frame. */
static const char *check(struct runctx *c, const char *payload, size_t len)
{
    if (!c->mon_path)
        return "the run has no keys=1";
    if (len > TR_MAX_PAYLOAD || memchr(payload, 0, len) || !all_ok(payload, len))
        return "a key name outside [A-Za-z0-9_-]";
    if (c->mon_fd < 0 && (c->mon_fd = connect_monitor(c->mon_path)) < 0)
        return "cannot reach QEMU's monitor";
    return NULL;
}

void keys_send(struct runctx *c, const char *payload, size_t len)
{
    char keys[TR_MAX_PAYLOAD + 1];
    const char *why = check(c, payload, len);
    if (why) {
        refuse(c, why);
        return;
    }
    memcpy(keys, payload, len);
    keys[len] = 0;
    for (char *save, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
        char line[64];
        int n = snprintf(line, sizeof line, "sendkey %s\n", k);
        drain(c->mon_fd);
        if (write(c->mon_fd, line, (size_t)n) != n) {
            refuse(c, "the monitor closed");
            return;
        }
    }
}

void keys_close(struct runctx *c)
{
    if (c->mon_fd >= 0)
        close(c->mon_fd);
    c->mon_fd = -1;
    if (c->mon_path)
        unlink(c->mon_path);
    free(c->mon_path);
    c->mon_path = NULL;
}
