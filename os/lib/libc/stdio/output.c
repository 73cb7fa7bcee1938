/* output.c: the writing calls of stdio (printf family, fputs, fwrite...),
 * all over _stream_put (stdio.c), which buffers and flushes. */
#include <stdio.h>
#include <string.h>
#include "../internal.h"
#include "stream.h"

/* The printf engine's sink for a stream. */
struct file_sink {
    struct _fmt_sink sink;      /* first: the engine passes us this pointer */
    FILE *f;
};

static void file_put(struct _fmt_sink *sink, const char *s, size_t n)
{
    _stream_put(((struct file_sink *)sink)->f, s, n);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    struct file_sink fs = { { file_put }, f };
    int r;

    _stream_begin_write(f);
    r = _vformat(&fs.sink, fmt, ap);
    return _stream_end_write(f) == 0 ? r : EOF;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
    if (size == 0 || n == 0)
        return 0;
    _stream_begin_write(f);
    _stream_put(f, p, size * n);
    return _stream_end_write(f) == 0 ? n : 0;
}

int fputc(int c, FILE *f)
{
    char ch = (char)c;

    _stream_begin_write(f);
    _stream_put(f, &ch, 1);
    return _stream_end_write(f) == 0 ? (unsigned char)c : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
    _stream_begin_write(f);
    _stream_put(f, s, strlen(s));
    return _stream_end_write(f);
}

int puts(const char *s)
{
    _stream_begin_write(stdout);
    _stream_put(stdout, s, strlen(s));
    _stream_put(stdout, "\n", 1);
    return _stream_end_write(stdout);
}
