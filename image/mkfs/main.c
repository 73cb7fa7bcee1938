/* main.c: the mkfs command.
 *
 *   mkfs [-b blocks] [-i inodes] IMAGE [DIR]
 *
 * Writes an MFS image of `blocks` 1 KiB blocks (default 4096) with `inodes`
 * inodes (default 512) to IMAGE, holding a copy of the host directory DIR
 * (default: an empty root).  Exit status 0, or 1 with a message. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "mkfs.h"

static int save(const struct img *im, const char *path)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(im->data, MFS_BLOCK, im->nblocks, f) == im->nblocks;

    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, "mkfs: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    uint32_t blocks = 4096, inodes = 512;
    struct img im;
    int c;

    while ((c = getopt(argc, argv, "b:i:")) != -1) {
        if (c == 'b')
            blocks = (uint32_t)strtoul(optarg, NULL, 0);
        else if (c == 'i')
            inodes = (uint32_t)strtoul(optarg, NULL, 0);
        else
            goto usage;
    }
    if (optind != argc - 1 && optind != argc - 2)
        goto usage;
    if (mkfs_create(&im, blocks, inodes) != 0)
        return 1;
    if (optind == argc - 2 && mkfs_add_tree(&im, MFS_ROOT_INO, argv[optind + 1]) != 0)
        return 1;
    return save(&im, argv[optind]);
usage:
    fprintf(stderr, "usage: mkfs [-b blocks] [-i inodes] IMAGE [DIR]\n");
    return 1;
}
