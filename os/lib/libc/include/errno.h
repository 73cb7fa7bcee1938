/* errno.h: the error variable of the C library.
 *
 * Lantern has one set of error codes, <lantern/errno.h>, where every E* name
 * is a NEGATIVE number (the value the system returns).  errno follows the
 * same convention: after a failing libc call, errno == ERANGE etc. holds
 * with those negative names.  Do not define positive E* names anywhere. */
#ifndef _LANTERN_LIBC_ERRNO_H
#define _LANTERN_LIBC_ERRNO_H

#include <lantern/errno.h>

extern int errno;

#endif
