/* crc32.h: IEEE 802.3 CRC-32 (the zlib one), shared by the guest kernel
 * (test-result frames, trace stream frames, the trace control block) and the
 * host tools that check them.  Nibble-table version: small, no init step.
 * Usage: crc = crc32_update(0, buf, n); crc = crc32_update(crc, more, m); */
#ifndef LANTERN_CRC32_H
#define LANTERN_CRC32_H

#include <stdint.h>
#include <stddef.h>

static inline uint32_t crc32_update(uint32_t crc, const void *buf, size_t n)
{
    static const uint32_t nib[16] = {
        0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
        0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
        0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
    };
    const uint8_t *p = (const uint8_t *)buf;
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        crc = (crc >> 4) ^ nib[crc & 15];
        crc = (crc >> 4) ^ nib[crc & 15];
    }
    return ~crc;
}

#endif
