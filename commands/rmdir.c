/* rmdir dir...: remove empty directories. */
#include <unistd.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    int status = 0;

    cmd_init(argc, argv);
    if (argc < 2)
        cmd_usage("dir...");
    for (int i = 1; i < argc; i++)
        if (rmdir(argv[i]) < 0) {
            cmd_error(argv[i]);
            status = 1;
        }
    return status;
}
