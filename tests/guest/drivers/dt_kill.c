/* dt_kill.c: kill the driver while this process writes, and check every
 * byte.
 *
 * drv_kill (an admin) is asked to RS_REFRESH the driver a few ticks from
 * now; meanwhile this test writes the region KILL_BYTES at KILL_POS over
 * and over, each pass with a new pattern, 4 KiB per request, until a
 * request has failed because the driver died (and was re-sent to the new
 * endpoint), then finishes that pass.  The kill lands wherever the driver
 * is: between requests or inside one (the ATA driver waits for its IRQ).
 * Then the whole region is read back: it must hold exactly the last pass;
 * and a sector outside the region, never written, must still hold the
 * image (the RAM disk's store survived the restart). */
#include <stdio.h>
#include <string.h>
#include "dt.h"

#define KILL_POS    (512u * 1024)
#define KILL_BYTES  (256u * 1024)
#define KILL_CHUNK  4096u
#define KILL_TICKS  3000            /* deadline for the whole test (30 s) */

static uint8_t chunk[KILL_CHUNK] __attribute__((aligned(4096)));
static uint8_t whole[KILL_BYTES] __attribute__((aligned(4096)));

static int ask_kill(const char *label, uint32_t delay)
{
    struct dk_req rq;
    endpoint_t ep;
    message m;
    int r = rs_lookup("drv_kill", &ep);
    if (r != OK)
        return r;
    memset(&m, 0, sizeof(m));
    memset(&rq, 0, sizeof(rq));
    strncpy(rq.label, label, LABEL_MAX - 1);
    rq.delay = delay;
    m.m_type = DK_KILL;
    memcpy(m.m_u.m_u8, &rq, sizeof(rq));
    r = ipc_sendrec(ep, &m);
    return r != OK ? r : m.m_type;
}

/* One pass over the region with pattern seed; OK or the first error. */
static int write_pass(struct dt_dev *d, uint32_t seed, uint32_t deadline)
{
    for (uint32_t off = 0; off < KILL_BYTES; off += KILL_CHUNK) {
        fill_pattern(seed, off, chunk, KILL_CHUNK);
        int left = (int)(deadline - sys_uptime());
        int r = bdev_retry(d, 1, KILL_POS + off, chunk, KILL_CHUNK, left > 0 ? (uint32_t)left : 1);
        if (r != (int)KILL_CHUNK)
            return r < 0 ? r : EIO;
    }
    return OK;
}

void dt_kill_under_load(struct dt_dev *d, uint32_t img_seed)
{
    uint32_t deadline = sys_uptime() + KILL_TICKS, seed = 0x10000;
    endpoint_t first = d->ep;
    int r = ask_kill(d->label, 2), passes = 0;

    d->retries = 0;
    while (r == OK && (d->retries == 0 || passes == 0) &&
           (int32_t)(deadline - sys_uptime()) > 0) {
        seed++;
        r = write_pass(d, seed, deadline);
        passes++;
    }
    printf("drv_test: %s killed under load: %u request(s) re-sent, %d pass(es), endpoint %d -> %d\n",
           d->label, d->retries, passes, first, d->ep);
    LT_CHECK(DT_SUITE, dt_name(d, "kill_write_retried"), r == OK && d->retries >= 1,
             "r=%d, %u requests re-sent in %d passes", r, d->retries, passes);
    LT_CHECK(DT_SUITE, dt_name(d, "kill_new_endpoint"), d->ep != first, "endpoint %d before and after",
             first);
    memset(whole, 0xa5, sizeof(whole));
    int rd = bdev_retry(d, 0, KILL_POS, whole, KILL_BYTES, 500);
    int32_t bad = check_pattern(seed, 0, whole, KILL_BYTES);
    LT_CHECK(DT_SUITE, dt_name(d, "kill_data_exact"), rd == (int)KILL_BYTES && bad < 0,
             "read %d; first wrong byte at region offset %d", rd, bad);
    int out = bdev_retry(d, 0, KILL_POS - KILL_CHUNK, chunk, KILL_CHUNK, 500);
    LT_CHECK(DT_SUITE, dt_name(d, "kill_rest_intact"),
             out == (int)KILL_CHUNK &&
             check_pattern(img_seed, KILL_POS - KILL_CHUNK, chunk, KILL_CHUNK) < 0,
             "read %d before the region", out);
}
