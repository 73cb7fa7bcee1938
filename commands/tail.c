/* tail [-n N] [file]: the last N lines (10 by default).  The whole input
 * is read into memory (files here are small); then the start of the last
 * N lines is found from the end. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/cmd.h"

static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 4096;
    char *buf = malloc(cap);
    int c;

    *len = 0;
    while (buf && (c = getc(f)) != EOF) {
        if (*len == cap) {
            char *b = realloc(buf, cap *= 2);
            if (b == NULL)
                free(buf);
            buf = b;
            if (buf == NULL)
                break;
        }
        buf[(*len)++] = (char)c;
    }
    return buf;
}

int main(int argc, char **argv)
{
    long n;
    FILE *f;
    char *buf;
    size_t len, start;

    cmd_init(argc, argv);
    if ((f = cmd_lines_args(argc, argv, &n)) == NULL)
        return 1;
    if ((buf = slurp(f, &len)) == NULL) {
        cmd_msg(optind < argc ? argv[optind] : "stdin", "out of memory");
        return 1;
    }
    start = len;
    if (start > 0 && buf[start - 1] == '\n')
        start--;                /* the last line's own newline */
    for (long seen = 0; start > 0; start--)
        if (buf[start - 1] == '\n' && ++seen == n)
            break;
    if (n == 0)
        start = len;
    fwrite(buf + start, 1, len - start, stdout);
    return 0;
}
