/* head [-n N] [file]: the first N lines (10 by default). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    long n = 10;
    int c;
    FILE *f = stdin;
    char *end;

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c != 'n' || (n = strtol(optarg, &end, 10)) < 0 || *end)
            cmd_usage("[-n N] [file]");
    }
    if (argc - optind > 1)
        cmd_usage("[-n N] [file]");
    if (optind < argc && (f = fopen(argv[optind], "r")) == NULL) {
        cmd_error(argv[optind]);
        return 1;
    }
    while (n > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        n -= c == '\n';
    }
    return ferror(f) ? 1 : 0;
}
