/* string.h: byte-array and C-string functions of the Lantern libc.
 *
 * All functions follow ISO C (plus the BSD strlcpy/strlcat and POSIX
 * strnlen/strtok_r/strdup).  No locale: comparisons are on unsigned bytes.
 * strerror() knows every code of <lantern/errno.h>, negative (as returned by
 * the system) or positive. */
#ifndef _LANTERN_LIBC_STRING_H
#define _LANTERN_LIBC_STRING_H

#include <stddef.h>

void  *memcpy(void *restrict dst, const void *restrict src, size_t n);
void  *memmove(void *dst, const void *src, size_t n);
void  *memset(void *dst, int c, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
void  *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);
char  *strcpy(char *restrict dst, const char *restrict src);
char  *strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char  *strcat(char *restrict dst, const char *restrict src);
char  *strncat(char *restrict dst, const char *restrict src, size_t n);
char  *strchr(const char *s, int c);
char  *strrchr(const char *s, int c);
char  *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char  *strtok_r(char *restrict s, const char *restrict delim,
                char **restrict saveptr);
char  *strdup(const char *s);          /* malloc()ed copy, NULL if no memory */
char  *strerror(int code);             /* never NULL; do not modify */
const char *strerrorname_np(int code); /* "EIO" for EIO, NULL if unknown */

#endif
