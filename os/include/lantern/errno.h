/* errno.h: every error code in Lantern, in one table.
 *
 * Inside the system (kernel, servers, drivers, libsys) errors are negative
 * values returned directly; OK is 0.  The table below is the only place a
 * code is defined: the C constants, libc's strerror(), the tracer's
 * errno_name dictionary and docs/errors.md are all generated from it.
 *
 * ERRNO_TABLE(X) calls X(NAME, positive value, "description").
 */
#ifndef LANTERN_ERRNO_H
#define LANTERN_ERRNO_H

#define ERRNO_TABLE(X) \
    X(EPERM,        1, "operation not permitted") \
    X(ENOENT,       2, "no such entry") \
    X(ESRCH,        3, "no such process") \
    X(EINTR,        4, "interrupted call") \
    X(EIO,          5, "input/output error") \
    X(ENXIO,        6, "no such device or address") \
    X(E2BIG,        7, "argument list too long") \
    X(ENOEXEC,      8, "not an executable") \
    X(EBADF,        9, "bad descriptor") \
    X(ECHILD,      10, "no child processes") \
    X(EAGAIN,      11, "resource temporarily unavailable") \
    X(ENOMEM,      12, "out of memory") \
    X(EACCES,      13, "permission denied") \
    X(EFAULT,      14, "bad address") \
    X(EBUSY,       16, "resource busy") \
    X(EEXIST,      17, "already exists") \
    X(EXDEV,       18, "cross-device link") \
    X(ENODEV,      19, "no such device") \
    X(ENOTDIR,     20, "not a directory") \
    X(EISDIR,      21, "is a directory") \
    X(EINVAL,      22, "invalid argument") \
    X(ENFILE,      23, "too many open files in the system") \
    X(EMFILE,      24, "too many open files in this process") \
    X(ENOTTY,      25, "not a terminal") \
    X(EFBIG,       27, "file too large") \
    X(ENOSPC,      28, "no space left") \
    X(ESPIPE,      29, "illegal seek") \
    X(EROFS,       30, "read-only file system") \
    X(EMLINK,      31, "too many links") \
    X(EPIPE,       32, "broken pipe") \
    X(EDOM,        33, "argument out of domain") \
    X(ERANGE,      34, "result out of range") \
    X(ENAMETOOLONG,36, "name too long") \
    X(ENOSYS,      38, "function not implemented") \
    X(ENOTEMPTY,   39, "directory not empty") \
    X(ELOOP,       40, "too many levels of indirection") \
    X(ETIMEDOUT,   60, "timed out") \
    X(EGENERIC,    99, "generic error") \
    X(ELOCKED,    101, "send would deadlock (cycle of senders)") \
    X(EBADCALL,   102, "unknown IPC operation") \
    X(ECALLDENIED,104, "kernel call or IPC target not allowed") \
    X(EDEADSRCDST,105, "source or destination is dead") \
    X(ENOTREADY,  106, "destination not ready (non-blocking send)") \
    X(EBADREQUEST,107, "unknown request code") \
    X(ESRCDIED,   108, "source died while we waited") \
    X(EDSTDIED,   109, "destination died while we waited") \
    X(ETRAPDENIED,110, "IPC operation not allowed for this process or target") \
    X(EBADSRCDST, 111, "source or destination is not a valid endpoint") \
    X(EBADMSG,    112, "malformed message or table") \
    X(EDONTREPLY, 201, "internal: request handled, send no reply")

#define OK 0

enum lantern_errno {
#define LANTERN_ERRNO_ENUM(name, value, text) name = -(value),
    ERRNO_TABLE(LANTERN_ERRNO_ENUM)
#undef LANTERN_ERRNO_ENUM
};

#endif
