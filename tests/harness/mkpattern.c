/* mkpattern.c: write a drivers-suite test image (pattern.h).
 *
 *   mkpattern OUT SEED BYTES
 *
 * Host side, run by drivers/Makefrag; the guest tests check the same
 * pattern_word() on the bytes the drivers return. */
#include <stdio.h>
#include <stdlib.h>
#include "../guest/drivers/pattern.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mkpattern OUT SEED BYTES\n");
        return 2;
    }
    uint32_t seed = (uint32_t)strtoul(argv[2], NULL, 0);
    uint32_t bytes = (uint32_t)strtoul(argv[3], NULL, 0);
    FILE *f = fopen(argv[1], "wb");
    if (!f || bytes % 4) {
        perror(argv[1]);
        return 1;
    }
    for (uint32_t off = 0; off < bytes; off += 4) {
        uint32_t w = pattern_word(seed, off);
        unsigned char b[4] = { w, w >> 8, w >> 16, w >> 24 };
        if (fwrite(b, 1, 4, f) != 4) {
            perror(argv[1]);
            return 1;
        }
    }
    return fclose(f) == 0 ? 0 : 1;
}
