/* lerrno.h: Lantern error codes for host code, from ERRNO_TABLE.
 *
 * lantern/errno.h declares an enum whose names clash with libc's <errno.h>
 * macros, so include THIS header before any system header.  Host code uses
 * the LE_* names (negative, as stored in traces) to avoid the ambiguity. */
#ifndef TRACER_LERRNO_H
#define TRACER_LERRNO_H
#ifdef EPERM
#error "include common/lerrno.h before <errno.h> or other system headers"
#endif
#include <lantern/errno.h>

enum lantern_host_errno {
#define LE_ENUM(name, value, text) LE_##name = -(value),
    ERRNO_TABLE(LE_ENUM)
#undef LE_ENUM
};
#endif
