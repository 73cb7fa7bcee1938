/* endpoint.h: process numbers and endpoints.
 *
 * A process slot has a process number `nr` in [-NR_TASKS, NR_PROCS).  Kernel
 * tasks have negative numbers.  An endpoint names one *incarnation* of a slot:
 *
 *      endpoint = generation * ENDPOINT_GEN_SIZE + nr
 *
 * Every time a slot is reused its generation is incremented, so an endpoint
 * kept by a client after the process died never reaches the new occupant:
 * the kernel compares the whole endpoint, not just the slot.  Boot processes
 * start at generation 0, so their endpoint equals their process number.
 *
 * Invariant: ANY, NONE and SELF can never be produced by ENDPOINT(), because
 * they decode to slot numbers that are out of range for every generation.
 */
#ifndef LANTERN_ENDPOINT_H
#define LANTERN_ENDPOINT_H

#include <lantern/types.h>

#define NR_TASKS          4      /* IDLE, CLOCK, SYSTEM, KERNEL (hardware) */
#define NR_PROCS          64     /* user-space slots: servers, drivers, programs */
#define NR_BOOT_MODULES   24     /* most boot modules the loader accepts */

/* Kernel task numbers (negative) */
#define IDLE             (-4)
#define CLOCK            (-3)
#define SYSTEM           (-2)
#define KERNEL           (-1)
#define HARDWARE          KERNEL

#define ENDPOINT_GEN_SIZE   0x8000  /* > NR_TASKS + NR_PROCS + room for magic */
#define ENDPOINT_MAX_GEN    ((int32_t)(0x7fffffff / ENDPOINT_GEN_SIZE) - 1)

/* Magic endpoints.  Their slot part (value mod GEN_SIZE) is far above
 * NR_PROCS, so no real endpoint ever equals them. */
#define ANY     0x7ace
#define NONE    0x6ace
#define SELF    0x8ace

#define ENDPOINT(gen, nr)     ((endpoint_t)((gen) * ENDPOINT_GEN_SIZE + (nr)))
/* The slot number and generation of any 32-bit value.  The arithmetic is
 * unsigned, so no value overflows (ep + NR_TASKS near INT_MAX would, in
 * signed int): NR is always in [-NR_TASKS, ENDPOINT_GEN_SIZE - NR_TASKS) and
 * GEN in [0, 2^32 / ENDPOINT_GEN_SIZE).  Negative task numbers (generation
 * 0) come out right; any other negative value has a GEN far above
 * ENDPOINT_MAX_GEN.  A value is an endpoint only if NR < NR_PROCS and
 * GEN <= ENDPOINT_MAX_GEN; the kernel refuses the rest with EBADSRCDST. */
#define ENDPOINT_NR(ep) \
    ((int)(((uint32_t)(ep) + NR_TASKS) % ENDPOINT_GEN_SIZE) - NR_TASKS)
#define ENDPOINT_GEN(ep)      ((int)(((uint32_t)(ep) + NR_TASKS) / ENDPOINT_GEN_SIZE))

#define LABEL_MAX  16            /* process labels, NUL included */

#endif
