/* limits.h: a thin wrapper around GCC's own <limits.h>.
 *
 * GCC's header normally chains to the C library's limits.h through
 * syslimits.h ("#include_next"), and fails when there is none, as in our
 * -nostdinc build.  Defining _LIBC_LIMITS_H_ tells it that we are that C
 * library, so it provides CHAR_BIT, INT_MAX, LONG_MAX, ... by itself. */
#ifndef _LANTERN_LIBC_LIMITS_H
#define _LANTERN_LIBC_LIMITS_H

#define _LIBC_LIMITS_H_ 1
#include_next <limits.h>

#endif
