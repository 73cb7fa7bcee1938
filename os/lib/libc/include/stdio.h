/* stdio.h: console output for guest programs.
 *
 * There are no files: `stdout` and `stderr` both reach the kernel console
 * through SYS_DIAGCTL.  stdout is line buffered (flushed on '\n', when its
 * buffer is full, by fflush() and at exit()); stderr is written out at the
 * end of every call, after flushing stdout so the two stay in order.
 * Formatting supports integers, characters, strings and pointers only (the
 * guest is built without floating point): see README.md for the details. */
#ifndef _LANTERN_LIBC_STDIO_H
#define _LANTERN_LIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)

typedef struct lt_file FILE;            /* opaque; only stdout and stderr */
extern FILE *stdout;
extern FILE *stderr;

#define LT_PRINTF(f, a) __attribute__((format(printf, f, a)))

int printf(const char *restrict fmt, ...) LT_PRINTF(1, 2);
int vprintf(const char *restrict fmt, va_list ap) LT_PRINTF(1, 0);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) LT_PRINTF(2, 3);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
    LT_PRINTF(2, 0);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
    LT_PRINTF(3, 4);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
              va_list ap) LT_PRINTF(3, 0);
int sprintf(char *restrict buf, const char *restrict fmt, ...) LT_PRINTF(2, 3);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
    LT_PRINTF(2, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fflush(FILE *f);                    /* NULL flushes every stream */
/* rename (os/lib/libc/fs/path.c): -1 and errno on error */
int rename(const char *oldpath, const char *newpath);
void perror(const char *s);             /* "s: strerror(errno)" on stderr */

#endif
