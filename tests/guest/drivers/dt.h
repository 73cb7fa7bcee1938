/* dt.h: the drivers suite's test programs (docs/testing.md, "drivers").
 *
 *   drv_test   the block protocol on one driver (argument: ramdisk | ata),
 *              the port/IRQ/boot-module refusals (ramdisk run), and a kill
 *              of the driver under load with every byte checked
 *   drv_kill   an admin service that kills a driver (RS_REFRESH) a few
 *              ticks after drv_test asks, while drv_test keeps writing
 *   drv_bench  ata_read_mbps and driver_restart_ms for make bench
 *
 * Test images: pattern.h. */
#ifndef DRIVERS_TEST_DT_H
#define DRIVERS_TEST_DT_H

#include <lantern/blockdev.h>
#include <sef.h>
#include <service.h>
#include <safecopies.h>
#include <ltest.h>

#define DT_SUITE "drivers"

/* drv_kill's request (type DK_KILL, in the block protocol's spare range):
 * reply at once, then after `delay` ticks RS_REFRESH the label. */
#define DK_KILL       0xF0C
struct dk_req { char label[LABEL_MAX]; uint32_t delay; };

#include "pattern.h"

/* dt_bdev.c: one request to the driver at *ep (label names it for
 * retries: see bdev_retry).  Returns the reply's m_type. */
struct dt_dev {
    const char *label;
    endpoint_t ep;
    int minor;
    uint32_t retries;              /* requests re-sent after the driver died */
};
int bdev_req(struct dt_dev *d, int type, int minor, cp_grant_id_t g, uint64_t pos,
             uint32_t count, int32_t request);
/* Read or write count bytes at pos through a fresh grant over buf. */
int bdev_rw(struct dt_dev *d, int write, uint64_t pos, void *buf, uint32_t count);
/* The same, re-sent after the driver died (EDEADSRCDST, ESRCDIED, ...)
 * to its new endpoint (RS_LOOKUP), within `ticks`. */
int bdev_retry(struct dt_dev *d, int write, uint64_t pos, void *buf, uint32_t count,
               uint32_t ticks);
int bdev_size(struct dt_dev *d, uint64_t *size);
void fill_pattern(uint32_t seed, uint32_t off, void *buf, uint32_t bytes);
/* Offset of the first word that differs from the pattern, or -1. */
int32_t check_pattern(uint32_t seed, uint32_t off, const void *buf, uint32_t bytes);
void dt_sleep(uint32_t ticks);
const char *dt_name(const struct dt_dev *d, const char *what);   /* "<label>_<what>" */

/* the parts of drv_test */
void dt_protocol(struct dt_dev *d, uint32_t seed, uint64_t want_size);
void dt_vector(struct dt_dev *d, uint32_t seed);
void dt_badinput(struct dt_dev *d);
void dt_kill_under_load(struct dt_dev *d, uint32_t img_seed);
void dt_refusals(void);

#define DT_PROTOCOL_TESTS 9
#define DT_VECTOR_TESTS   4
#define DT_BADINPUT_TESTS 10
#define DT_KILL_TESTS     4
#define DT_REFUSAL_TESTS  14

#endif
