/* stdio.c: the two console streams, stdout and stderr.
 *
 * Each stream has a small buffer that is written to the console with
 * _console_write() (SYS_DIAGCTL).  Its size equals the kernel's per-call
 * limit, so a full buffer is one kernel call.
 *   stdout: line buffered: flushed after each '\n', when full, by fflush()
 *           and by exit().  Whole lines reach the console together, so
 *           lines of concurrent programs rarely get mixed up.
 *   stderr: flushed at the end of every call; stdout is flushed before
 *           anything is added to stderr, so the two stay in order.
 * Invariant: 0 <= f->len < sizeof(f->buf) between calls.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "../internal.h"

#define STREAM_BUF 200          /* = the kernel's DIAGCTL_PRINT limit */

struct lt_file {
    char   buf[STREAM_BUF];
    size_t len;                 /* bytes waiting in buf */
    int    line_buffered;       /* 1: flush on '\n'; 0: flush per call */
    int    error;               /* a kernel write failed */
};

static struct lt_file out_stream = { .line_buffered = 1 };
static struct lt_file err_stream = { .line_buffered = 0 };
FILE *stdout = &out_stream;
FILE *stderr = &err_stream;

static int flush_stream(FILE *f)
{
    int r = 0;

    if (f->len > 0)
        r = _console_write(f->buf, f->len);
    f->len = 0;
    if (r < 0) {
        f->error = 1;
        return EOF;
    }
    return 0;
}

void _stdio_flushall(void)
{
    flush_stream(stdout);
    flush_stream(stderr);
}

int fflush(FILE *f)
{
    if (f == NULL) {
        int a = flush_stream(stdout), b = flush_stream(stderr);
        return a == 0 && b == 0 ? 0 : EOF;
    }
    return flush_stream(f);
}

/* Start a call on f: keep stdout's earlier output ahead of stderr's. */
static void begin(FILE *f)
{
    if (f == stderr)
        flush_stream(stdout);
}

/* Finish a call on f: unbuffered streams go out now. */
static int end(FILE *f)
{
    if (!f->line_buffered)
        return flush_stream(f);
    return f->error ? EOF : 0;
}

/* Append n bytes, flushing on '\n' (line buffered) and when full. */
static void put_bytes(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        f->buf[f->len++] = s[i];
        if (f->len == sizeof(f->buf) || (s[i] == '\n' && f->line_buffered))
            flush_stream(f);
    }
}

/* The printf engine's sink for a stream. */
struct file_sink {
    struct _fmt_sink sink;      /* first: the engine passes us this pointer */
    FILE *f;
};

static void file_put(struct _fmt_sink *sink, const char *s, size_t n)
{
    put_bytes(((struct file_sink *)sink)->f, s, n);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    struct file_sink fs = { { file_put }, f };
    int r;

    begin(f);
    r = _vformat(&fs.sink, fmt, ap);
    return end(f) == 0 ? r : EOF;
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
    begin(f);
    put_bytes(f, p, size * n);
    return end(f) == 0 ? n : 0;
}

int fputc(int c, FILE *f)
{
    char ch = (char)c;

    begin(f);
    put_bytes(f, &ch, 1);
    return end(f) == 0 ? (unsigned char)c : EOF;
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
    begin(f);
    put_bytes(f, s, strlen(s));
    return end(f);
}

int puts(const char *s)
{
    begin(stdout);
    put_bytes(stdout, s, strlen(s));
    put_bytes(stdout, "\n", 1);
    return end(stdout);
}

void perror(const char *s)
{
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, strerror(errno));
    else
        fprintf(stderr, "%s\n", strerror(errno));
}
