/* drv_test: the drivers suite (docs/testing.md, "drivers").
 *
 *   drv_test ramdisk   the block protocol on the RAM disk (minor 0: the
 *                      run's module= image), the device-call refusals, and
 *                      a kill of the RAM disk under load
 *   drv_test ata       the same protocol on the ATA disk (the run's disk=
 *                      image) and a kill of the ATA driver under load
 *   drv_test nodisk    the ATA driver with no disk attached: it runs, and
 *                      answers every request for minor 0 with ENXIO
 *
 * Boot images: rs pm <driver> drv_test:<driver> drv_kill (tests/suites.txt);
 * without an argument (ISO boots have none) it tests the driver the image
 * has. */
#include <string.h>
#include "dt.h"
#include "pattern.h"

/* No disk: the driver is up and has no minor. */
static void no_disk(struct dt_dev *d)
{
    static uint8_t buf[512];
    uint64_t size;
    LT_CHECK(DT_SUITE, "nodisk_getinfo", bdev_size(d, &size) == ENXIO, "want ENXIO");
    LT_CHECK(DT_SUITE, "nodisk_read", bdev_rw(d, 0, 0, buf, sizeof(buf)) == ENXIO, "want ENXIO");
    LT_CHECK(DT_SUITE, "nodisk_open",
             bdev_req(d, BDEV_OPEN, 0, 0, 0, 0, BDEV_R_BIT) == ENXIO, "want ENXIO");
}

int main(int argc, char **argv)
{
    static struct dt_dev dev;
    endpoint_t ep;
    /* ISO boots (Bochs) pass no arguments: then the driver in the image */
    int ata = argc > 1 ? !strcmp(argv[1], "ata") : rs_lookup("ata", &ep) == OK;
    int planned = DT_PROTOCOL_TESTS + DT_VECTOR_TESTS + DT_BADINPUT_TESTS + DT_KILL_TESTS +
                  (ata ? 0 : DT_REFUSAL_TESTS);
    uint32_t seed = ata ? ATA_SEED : RD_SEED;

    sef_startup();
    if (argc > 1 && !strcmp(argv[1], "nodisk")) {
        ltest_plan(DT_SUITE, 3);
        dev.label = "ata";
        rs_lookup("ata", &dev.ep);
        no_disk(&dev);
        ltest_finish();
    }
    ltest_plan(DT_SUITE, planned);
    dev.label = ata ? "ata" : "ramdisk";
    dev.minor = 0;
    if (rs_lookup(dev.label, &dev.ep) != OK)
        dev.ep = NONE;            /* every test below then fails with its reason */
    dt_protocol(&dev, seed, ata ? ATA_BYTES : RD_BYTES);
    dt_vector(&dev, seed);
    dt_badinput(&dev);
    if (!ata)
        dt_refusals();
    dt_kill_under_load(&dev, seed);
    ltest_finish();
}
