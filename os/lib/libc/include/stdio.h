/* stdio.h: buffered streams for guest programs.
 *
 * stdin/stdout/stderr are on descriptors 0/1/2 in a command started by the
 * shell (a program linked with _stdio_on_fds whose descriptor is open),
 * else on the kernel console through SYS_DIAGCTL (servers, drivers, tests;
 * stdin is then always at end of file).  stdout is line buffered on the
 * console or a terminal and fully buffered on a file or pipe; stderr is
 * written out at the end of every call, after flushing stdout so the two
 * stay in order; fopen'ed streams are fully buffered.  exit() flushes all.
 * Formatting supports integers, characters, strings and pointers only (the
 * guest is built without floating point): see README.md for the details. */
#ifndef _LANTERN_LIBC_STDIO_H
#define _LANTERN_LIBC_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)

#define BUFSIZ 1024
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

typedef struct lt_file FILE;            /* opaque */
extern FILE *stdin;
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
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);             /* one byte of push-back */
char *fgets(char *restrict s, int size, FILE *restrict f);
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);                    /* -1 for a console stream */
int setvbuf(FILE *f, char *buf, int mode, size_t size);  /* mode only */
/* rename (os/lib/libc/fs/path.c): -1 and errno on error */
int rename(const char *oldpath, const char *newpath);
void perror(const char *s);             /* "s: strerror(errno)" on stderr */

#endif
