/* sys/types.h: the POSIX scalar types of the file calls. */
#ifndef _LANTERN_LIBC_SYS_TYPES_H
#define _LANTERN_LIBC_SYS_TYPES_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t  ssize_t;
typedef int32_t  off_t;
typedef uint32_t mode_t;
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef uint32_t dev_t;
typedef uint32_t time_t;
typedef int32_t  pid_t;

#endif
