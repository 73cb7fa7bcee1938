/* head [-n N] [file]: the first N lines (10 by default). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    long n;
    int c;
    FILE *f;

    cmd_init(argc, argv);
    if ((f = cmd_lines_args(argc, argv, &n)) == NULL)
        return 1;
    while (n > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        n -= c == '\n';
    }
    return ferror(f) ? 1 : 0;
}
