/* cmd.c: the shared helpers of the commands (cmd.h), portable C and POSIX
 * only, so the host build of the commands (tests/host/sh) links this file
 * too.  What needs Lantern is in cmd_lantern.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cmd.h"

const char *cmd_name = "?";

void cmd_init(int argc, char **argv)
{
    const char *slash;

    if (argc > 0 && argv[0] != NULL) {
        slash = strrchr(argv[0], '/');
        cmd_name = slash ? slash + 1 : argv[0];
    }
}

void cmd_msg(const char *path, const char *msg)
{
    fprintf(stderr, "%s: %s: %s\n", cmd_name, path, msg);
}

void cmd_error(const char *path)
{
    cmd_msg(path, strerror(errno));
}

void cmd_usage(const char *usage)
{
    fprintf(stderr, "usage: %s %s\n", cmd_name, usage);
    exit(2);
}

/* head and tail: "[-n N] [file]".  Sets *n (10 by default) and returns the
 * input (stdin without a file); NULL after printing the open error. */
FILE *cmd_lines_args(int argc, char **argv, long *n)
{
    FILE *f = stdin;
    char *end;
    int c;

    *n = 10;
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c != 'n' || (*n = strtol(optarg, &end, 10)) < 0 || *end)
            cmd_usage("[-n N] [file]");
    }
    if (argc - optind > 1)
        cmd_usage("[-n N] [file]");
    if (optind < argc && (f = fopen(argv[optind], "r")) == NULL)
        cmd_error(argv[optind]);
    return f;
}

/* cp and mv: where `from` goes when the target is `to`: `to` itself, or
 * `to/<last part of from>` when `to` is a directory. */
void cmd_target(const char *from, const char *to, char *dest, size_t size)
{
    struct stat st;
    const char *base = strrchr(from, '/');

    if (stat(to, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(dest, size, "%s/%s", to, base ? base + 1 : from);
    else
        snprintf(dest, size, "%s", to);
}
