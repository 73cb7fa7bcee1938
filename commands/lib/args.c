/* args.c: the argument helpers the commands share (cmd.h), portable C
 * only, so the host build of the commands (tests/host/sh) links this same
 * file; what needs Lantern (cmd_hz, stdio on descriptors) is in cmd.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cmd.h"

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
