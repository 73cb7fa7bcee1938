/* ln target name: a hard link (the file system has no symbolic links). */
#include <unistd.h>
#include "lib/cmd.h"

int main(int argc, char **argv)
{
    cmd_init(argc, argv);
    if (argc != 3)
        cmd_usage("target name");
    if (link(argv[1], argv[2]) < 0) {
        cmd_error(argv[2]);
        return 1;
    }
    return 0;
}
