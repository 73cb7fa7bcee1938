/* errno.c: the one errno of a (single-threaded) guest program.  It holds a
 * negative code from <lantern/errno.h>, or 0. */
#include <errno.h>

int errno;
