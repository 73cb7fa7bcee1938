/* crc32.h: IEEE CRC-32 (reflected, polynomial 0xEDB88320), as used by the
 * trace control page (ctl_crc) and the port-0xE9 stream frames.
 * Invariant: crc32_update(crc32_update(0, a), b) == crc32 of a||b. */
#ifndef TRACER_CRC32_H
#define TRACER_CRC32_H
#include <stddef.h>
#include <stdint.h>

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

#endif
