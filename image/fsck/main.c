/* main.c: the fsck command.
 *
 *   fsck IMAGE
 *
 * Checks the MFS image and prints every inconsistency, one line each.
 * Exit status: 0 clean, 1 inconsistencies found, 2 the image cannot be read.
 * Read-only: it never repairs. */
#include <stdio.h>
#include <stdlib.h>
#include "fsck.h"

int main(int argc, char **argv)
{
    struct img im;
    FILE *f;
    long len;
    int n;

    if (argc != 2) {
        fprintf(stderr, "usage: fsck IMAGE\n");
        return 2;
    }
    if (!(f = fopen(argv[1], "rb")) || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) || !(im.data = calloc(1, (size_t)len + MFS_BLOCK)) ||
        fread(im.data, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "fsck: cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(f);
    im.nblocks = (uint32_t)(len / MFS_BLOCK);
    n = fsck_check(&im, stdout);
    printf("fsck: %s: %d inconsistenc%s\n", argv[1], n, n == 1 ? "y" : "ies");
    free(im.data);
    return n ? 1 : 0;
}
