/* mv from to: rename (to may be an existing directory: the name moves
 * into it). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    char dest[256];

    cmd_init(argc, argv);
    if (argc != 3)
        cmd_usage("from to");
    cmd_target(argv[1], argv[2], dest, sizeof(dest));
    if (rename(argv[1], dest) < 0) {
        cmd_error(argv[1]);
        return 1;
    }
    return 0;
}
