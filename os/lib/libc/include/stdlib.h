/* stdlib.h: memory, process exit, number parsing, sorting, random numbers.
 *
 * malloc() serves blocks from a fixed 1 MiB arena in .bss (see README.md);
 * it never grows.  exit() runs atexit() handlers, flushes stdio and asks the
 * kernel to end the process (SYS_EXIT).  abort() prints "abort" and exits
 * with status 134 without running handlers.  Number parsers set errno to
 * ERANGE (negative, from <lantern/errno.h>) on overflow. */
#ifndef _LANTERN_LIBC_STDLIB_H
#define _LANTERN_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fffffff

void *malloc(size_t n);
void  free(void *p);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t n);

__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);   /* no handlers, no flush */
__attribute__((noreturn)) void abort(void);
int   atexit(void (*fn)(void));                     /* at most 16 handlers */

int                atoi(const char *s);
long               atol(const char *s);
long long          atoll(const char *s);
long               strtol(const char *restrict s, char **restrict end, int base);
unsigned long      strtoul(const char *restrict s, char **restrict end, int base);
long long          strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
                            int base);

int       abs(int x);
long      labs(long x);
long long llabs(long long x);

void  qsort(void *base, size_t n, size_t size,
            int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

/* The environment (stdlib/env.c): empty at start until execve passes one
 * (_env_init); setenv/unsetenv copy into the malloc heap. */
char *getenv(const char *name);
int   setenv(const char *name, const char *value, int overwrite);
int   unsetenv(const char *name);
extern char **environ;

int  rand(void);
void srand(unsigned int seed);

#endif
