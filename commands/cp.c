/* cp from to: copy a file (to may be an existing directory). */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lib/cmd.h"

static int copy(int in, int out, const char *from, const char *to)
{
    char buf[1024];
    ssize_t n;

    while ((n = read(in, buf, sizeof(buf))) > 0)
        if (write(out, buf, (size_t)n) != n) {
            cmd_error(to);
            return 1;
        }
    if (n < 0) {
        cmd_error(from);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char dest[256];
    struct stat st;
    int in, out, r;

    cmd_init(argc, argv);
    if (argc != 3)
        cmd_usage("from to");
    cmd_target(argv[1], argv[2], dest, sizeof(dest));
    if ((in = open(argv[1], O_RDONLY)) < 0) {
        cmd_error(argv[1]);
        return 1;
    }
    if (fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
        cmd_msg(argv[1], "is a directory");
        return 1;
    }
    if ((out = open(dest, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
        cmd_error(dest);
        return 1;
    }
    r = copy(in, out, argv[1], dest);
    close(in);
    close(out);
    return r;
}
