/* testchan.c: the result channel to the host test harness (COM2).
 * Frame layout and the reason it cannot be faked: <lantern/testproto.h>. */
#include <lantern/testproto.h>
#include <lantern/crc32.h>
#include "kernel.h"
#include "arch.h"

void testchan_send(int kind, int status, const void *payload, uint32_t len)
{
    uint8_t hdr[12];
    uint16_t len16;
    uint32_t crc;

    if (!boot_opts.test_mode)
        return;
    if (len > TR_MAX_PAYLOAD)
        len = TR_MAX_PAYLOAD;
    len16 = (uint16_t)len;
    memcpy(hdr, TR_MAGIC, 4);
    memcpy(hdr + 4, &boot_opts.nonce, 4);
    hdr[8] = (uint8_t)kind;
    hdr[9] = (uint8_t)status;
    memcpy(hdr + 10, &len16, 2);
    crc = crc32_update(0, hdr + 4, 8);
    crc = crc32_update(crc, payload, len);
    serial_write(COM2, hdr, sizeof(hdr));
    serial_write(COM2, payload, len);
    serial_write(COM2, &crc, 4);
}
