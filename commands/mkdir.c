/* mkdir [-p] dir...: make directories; -p makes missing parents too and
 * accepts directories that exist. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lib/cmd.h"

static int make_one(char *path, int parents)
{
    struct stat st;

    if (parents) {
        for (char *p = path + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (stat(path, &st) < 0 && mkdir(path, 0755) < 0) {
                cmd_error(path);
                *p = '/';
                return 1;
            }
            *p = '/';
        }
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
    }
    if (mkdir(path, 0755) < 0) {
        cmd_error(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int c, parents = 0, status = 0;

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "p")) != -1) {
        if (c != 'p')
            cmd_usage("[-p] dir...");
        parents = 1;
    }
    if (optind >= argc)
        cmd_usage("[-p] dir...");
    for (int i = optind; i < argc; i++)
        status |= make_one(argv[i], parents);
    return status;
}
