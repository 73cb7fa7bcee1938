/* mv from to: rename (to may be an existing directory: the name moves
 * into it). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    char dest[256];
    struct stat st;

    cmd_init(argc, argv);
    if (argc != 3)
        cmd_usage("from to");
    snprintf(dest, sizeof(dest), "%s", argv[2]);
    if (stat(argv[2], &st) == 0 && S_ISDIR(st.st_mode)) {
        const char *base = strrchr(argv[1], '/');
        snprintf(dest, sizeof(dest), "%s/%s", argv[2], base ? base + 1 : argv[1]);
    }
    if (rename(argv[1], dest) < 0) {
        cmd_error(argv[1]);
        return 1;
    }
    return 0;
}
