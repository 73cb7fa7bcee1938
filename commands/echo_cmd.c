/* echo [-n] [word...] (built as echo_cmd: the boot module "echo" is the
 * IPC echo server; installed as /bin/echo): print the words separated by blanks, then a newline
 * (none with -n). */
#include <stdio.h>
#include <string.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    int i = 1, newline = 1;

    cmd_init(argc, argv);
    if (i < argc && strcmp(argv[i], "-n") == 0) {
        newline = 0;
        i++;
    }
    for (int first = i; i < argc; i++)
        printf(i > first ? " %s" : "%s", argv[i]);
    if (newline)
        putchar('\n');
    return ferror(stdout) ? 1 : 0;
}
