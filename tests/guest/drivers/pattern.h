/* pattern.h: the drivers suite's test images, shared by the host tool that
 * writes them (tests/harness/mkpattern.c, run by drivers/Makefrag) and the
 * guest tests that check them: every 4-byte word at byte offset o (o a
 * multiple of 4) holds pattern_word(seed, o), so any position can be
 * checked without a copy of the image, and a word read from the wrong
 * sector or the wrong image differs. */
#ifndef DRIVERS_TEST_PATTERN_H
#define DRIVERS_TEST_PATTERN_H

#include <stdint.h>

static inline uint32_t pattern_word(uint32_t seed, uint32_t off)
{
    return ((off / 4 + seed) * 2654435761u) ^ (off >> 9);
}

#define RD_SEED    0x52414d44u     /* the RAM-disk image, build/drv-rd.img */
#define ATA_SEED   0x41544131u     /* the ATA test disk, build/drv-disk.img */
#define RD_BYTES   (1024u * 1024)  /* image sizes */
/* A whole number of Bochs' default cylinders (16 heads x 63 sectors), so
 * Bochs accepts the flat image without a geometry: 16 cylinders. */
#define ATA_BYTES  (16u * 16 * 63 * 512)

#endif
