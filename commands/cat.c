/* cat [file...]: copy the files (or stdin, also for "-") to stdout.
 * A file that cannot be read is reported and skipped: status 1. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "lib/cmd.h"

static int copy(int fd, const char *name)
{
    char buf[1024];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0)
        if (write(1, buf, (size_t)n) != n) {
            cmd_error("stdout");
            return 1;
        }
    if (n < 0) {
        cmd_error(name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0;

    cmd_init(argc, argv);
    if (argc < 2)
        return copy(0, "stdin");
    for (int i = 1; i < argc; i++) {
        int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
        if (fd < 0) {
            cmd_error(argv[i]);
            status = 1;
            continue;
        }
        status |= copy(fd, argv[i]);
        if (fd > 0)
            close(fd);
    }
    return status;
}
