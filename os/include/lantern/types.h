/* types.h: fixed-width types used by every ABI header.
 *
 * The ABI is plain data shared by the i386 guest (kernel, servers, drivers,
 * libraries) and the x86-64 host tracer, so it uses only <stdint.h> types whose
 * size does not depend on the compiler's word size. Never put a pointer or a
 * `long` into a structure that crosses the guest/host boundary. */
#ifndef LANTERN_TYPES_H
#define LANTERN_TYPES_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t endpoint_t;   /* (generation, slot) pair, see endpoint.h */
typedef uint32_t vir_bytes;   /* a guest virtual address or byte count */
typedef uint32_t phys_bytes;  /* a guest physical address or byte count */
typedef uint32_t clock_t_lt;  /* ticks since boot */

#define LANTERN_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif
