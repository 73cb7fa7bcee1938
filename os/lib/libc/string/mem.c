/* mem.c: memcpy, memmove, memset, memcmp, memchr.
 *
 * memcpy/memset/memmove do the bulk four bytes at a time with the x86
 * string instructions (rep movsl / rep stosl) and the last 0-3 bytes with
 * rep movsb / rep stosb.  Invariant: the direction flag is clear on entry
 * and on exit (the ABI guarantees it; the backward copy sets and clears it).
 * The asm works unchanged on i386 and x86-64, so the host tests exercise
 * exactly this code.  No plain byte loops here: GCC may turn such a loop
 * into a call to memcpy/memset, which inside memcpy would recurse. */
#include <string.h>
#include <stdint.h>

static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t words = n / 4, bytes = n % 4;

    __asm__ volatile("rep movsl"
                     : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb"
                     : "+D"(d), "+S"(s), "+c"(bytes) : : "memory");
}

/* Copy from the top down, for overlapping moves to a higher address: the
 * top 0-3 bytes first, then the words, with the direction flag set.  One asm
 * statement, so no compiler code ever runs while the flag is set. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t words = n / 4, bytes = n % 4;

    d += n - 1;                 /* last byte */
    s += n - 1;
    __asm__ volatile("std\n\t"
                     "rep movsb\n\t"
                     "lea -3(%[d]), %[d]\n\t"   /* start of the last word */
                     "lea -3(%[s]), %[s]\n\t"
                     "mov %[w], %[c]\n\t"
                     "rep movsl\n\t"
                     "cld"
                     : [d] "+D"(d), [s] "+S"(s), [c] "+c"(bytes)
                     : [w] "r"(words)
                     : "memory");
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    copy_forward(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (n == 0 || d == s)
        return dst;
    if ((uintptr_t)d - (uintptr_t)s >= n)   /* d below s, or no overlap */
        copy_forward(d, s, n);
    else
        copy_backward(d, s, n);
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint32_t word = (unsigned char)c * 0x01010101u;
    size_t words = n / 4, bytes = n % 4;

    __asm__ volatile("rep stosl"
                     : "+D"(d), "+c"(words) : "a"(word) : "memory");
    __asm__ volatile("rep stosb"
                     : "+D"(d), "+c"(bytes) : "a"(word) : "memory");
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (; n > 0; n--, p++, q++)
        if (*p != *q)
            return *p < *q ? -1 : 1;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (; n > 0; n--, p++)
        if (*p == (unsigned char)c)
            return (void *)p;
    return NULL;
}
