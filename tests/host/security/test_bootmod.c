/* test_bootmod.c: host unit tests of the kernel's boot-module range check
 * (os/kernel/bootmod.h, compiled here exactly as the kernel compiles it).
 *
 * Why a host test: neither QEMU's -kernel loader nor GRUB puts a module above
 * 256 MiB (GRUB packs them right after the kernel even with -m 3000), so a
 * boot cannot reach the case; main.c's module_usable() only maps the
 * verdict to a console message and a skip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "bootmod.h"

#define MIB       0x100000u
#define MAP_LIMIT (256 * MIB)        /* KERNEL_MAP_LIMIT in memory.h */

static void test_bootmod_low_module_ok(void **state)
{
    (void)state;
    assert_int_equal(bootmod_check(2 * MIB, 2 * MIB + 4096, 512ull * MIB, MAP_LIMIT), BOOTMOD_OK);
    /* end is exclusive: a module ending exactly at the limit still fits */
    assert_int_equal(bootmod_check(MAP_LIMIT - 4096, MAP_LIMIT, 512ull * MIB, MAP_LIMIT),
                     BOOTMOD_OK);
}

static void test_bootmod_above_map_skipped(void **state)
{
    (void)state;
    /* wholly above, with memory there (QEMU -m 512) */
    assert_int_equal(bootmod_check(300 * MIB, 301 * MIB, 512ull * MIB, MAP_LIMIT),
                     BOOTMOD_UNMAPPED);
    /* partly above: starts below the limit, ends one byte past it */
    assert_int_equal(bootmod_check(MAP_LIMIT - 4096, MAP_LIMIT + 1, 512ull * MIB, MAP_LIMIT),
                     BOOTMOD_UNMAPPED);
    /* just past the end of the last mapped page */
    assert_int_equal(bootmod_check(MAP_LIMIT, MAP_LIMIT + 8, 4096ull * MIB, MAP_LIMIT),
                     BOOTMOD_UNMAPPED);
}

static void test_bootmod_bad_ranges(void **state)
{
    (void)state;
    assert_int_equal(bootmod_check(4 * MIB, 4 * MIB, 512ull * MIB, MAP_LIMIT), BOOTMOD_EMPTY);
    assert_int_equal(bootmod_check(0xfffff000u, 0x1000u, 512ull * MIB, MAP_LIMIT), BOOTMOD_EMPTY);
    /* past the end of RAM (16 MiB machine) */
    assert_int_equal(bootmod_check(15 * MIB, 17 * MIB, 16ull * MIB, MAP_LIMIT), BOOTMOD_PAST_RAM);
    /* a memory size near 4 GiB does not wrap (mem_end is 64-bit) */
    assert_int_equal(bootmod_check(300 * MIB, 301 * MIB, 4096ull * MIB, MAP_LIMIT),
                     BOOTMOD_UNMAPPED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bootmod_low_module_ok),
        cmocka_unit_test(test_bootmod_above_map_skipped),
        cmocka_unit_test(test_bootmod_bad_ranges),
    };
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
