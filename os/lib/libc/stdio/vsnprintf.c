/* vsnprintf.c: formatting into a caller's buffer.
 *
 * Invariant of the buffer sink: at most size-1 characters are stored and,
 * when size > 0, the result is always NUL-terminated; the return value is
 * the full length the output would have had (C99), so `r >= size` means the
 * output was truncated.  buf may be NULL when size is 0. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "../internal.h"

struct buf_sink {
    struct _fmt_sink sink;      /* first: the engine passes us this pointer */
    char *buf;
    size_t size;                /* capacity including the NUL */
    size_t len;                 /* characters stored so far */
};

static void buf_put(struct _fmt_sink *sink, const char *s, size_t n)
{
    struct buf_sink *b = (struct buf_sink *)sink;
    size_t room;

    if (b->size == 0 || b->len >= b->size - 1)
        return;
    room = b->size - 1 - b->len;
    if (n > room)
        n = room;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
              va_list ap)
{
    struct buf_sink b = { { buf_put }, buf, size, 0 };
    int r = _vformat(&b.sink, fmt, ap);

    if (size > 0)
        buf[b.len] = '\0';
    return r;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

/* The unbounded versions: the caller promises the buffer is big enough. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
    return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(buf, SIZE_MAX, fmt, ap);
    va_end(ap);
    return r;
}
