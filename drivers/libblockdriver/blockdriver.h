/* blockdriver.h: the block-driver library, the one main loop of every block
 * driver (drivers/ramdisk, drivers/ata).
 *
 * A driver fills a struct blockdriver with its device operations and calls
 * blockdriver_task(), which never returns: it runs SEF (the driver's init
 * callback for a fresh start and for a restart), receives requests, checks
 * them (lantern/blockdev.h: alignment, minor, read-only, iovec counts),
 * moves the data through the client's grants with safe copies and replies.
 * The operations see only local buffers and byte positions that are
 * sector aligned and inside the device: the library cuts a transfer at the
 * device's end (from getinfo) before calling transfer().
 *
 * The library is single-threaded: one request at a time; a driver that waits
 * for its device (ATA's IRQs) blocks the loop, and clients queue in their
 * sendrec meanwhile.
 */
#ifndef BLOCKDRIVER_H
#define BLOCKDRIVER_H

#include <lantern/blockdev.h>
#include <sys.h>

#define BD_BUF_SIZE 65536u     /* bytes per transfer() call, a sector multiple */

struct blockdriver {
    const char *name;
    /* SEF init, fresh or restart: find the device.  OK or an error (RS
     * then gives up on the driver). */
    int (*init)(int type);
    /* Size and flags of minor (ENXIO if it does not exist). */
    int (*getinfo)(int minor, struct bdev_info *info);
    /* Move len bytes (> 0, <= BD_BUF_SIZE, sector multiple, inside the
     * device) between buf and the device at pos.  OK or an error (EIO). */
    int (*transfer)(int minor, int write, uint64_t pos, void *buf, uint32_t len);
    /* A notification that arrived between requests (may be NULL). */
    void (*notify)(const message *m);
};

void blockdriver_task(const struct blockdriver *bd) __attribute__((noreturn));

/* The request handlers, one per BDEV_* type (blockdriver.c dispatches;
 * bd_io.c moves data).  Each returns bytes moved (>= 0) or -errno. */
int bd_rw(const struct blockdriver *bd, endpoint_t client, const struct bdev_req *rq, int write);
int bd_vector(const struct blockdriver *bd, endpoint_t client, const struct bdev_req *rq,
              int write);

#endif
