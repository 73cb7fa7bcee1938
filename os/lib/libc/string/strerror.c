/* strerror.c: the text of an error code.
 *
 * The table is generated from ERRNO_TABLE in <lantern/errno.h>, the only
 * place codes are defined.  Both the negative system value (ENOMEM) and
 * its positive magnitude are accepted.  Unknown codes give
 * "unknown error N" in a static buffer, overwritten by the next call. */
#include <lantern/errno.h>
#include <string.h>
#include <stdio.h>

static const char *known(long long code)
{
    switch (code) {
    case 0:
        return "no error";
#define LT_STRERROR_CASE(name, value, text) case value: return text;
    ERRNO_TABLE(LT_STRERROR_CASE)
#undef LT_STRERROR_CASE
    default:
        return NULL;
    }
}

char *strerror(int code)
{
    static char unknown[32];
    long long magnitude = code < 0 ? -(long long)code : code;
    const char *text = known(magnitude);

    if (text != NULL)
        return (char *)text;
    snprintf(unknown, sizeof(unknown), "unknown error %d", code);
    return unknown;
}

/* strerrorname_np: the symbolic name ("EIO") of a code, or NULL. */
const char *strerrorname_np(int code)
{
    switch (code < 0 ? -(long long)code : (long long)code) {
#define ERRNO_NAME_CASE(name, value, text) case value: return #name;
    ERRNO_TABLE(ERRNO_NAME_CASE)
#undef ERRNO_NAME_CASE
    }
    return NULL;
}
