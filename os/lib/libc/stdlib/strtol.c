/* strtol.c: string to integer conversions (strtol family, atoi family).
 *
 * One parser, parse(), reads [space][sign][prefix]digits and returns the
 * magnitude as unsigned long long with an overflow flag; each public
 * function then clamps to its own type.  Rules (ISO C):
 *   - base 0 picks 16 for "0x", 8 for a leading "0", else 10; base 16 also
 *     accepts a "0x" prefix.  Other bases: 2..36.  A bad base sets errno to
 *     EINVAL and returns 0.
 *   - *end points after the last digit used; if there were no digits it
 *     points at the start of the string ("0x" with no hex digit after it
 *     parses as "0" and stops at the 'x').
 *   - on overflow the result is clamped (LONG_MAX, LONG_MIN, ULONG_MAX...)
 *     and errno = ERANGE; every digit is still consumed.
 *   - the unsigned versions accept '-' and negate in the unsigned type.
 */
#include <stdlib.h>
#include <limits.h>
#include <ctype.h>
#include <errno.h>

struct parsed {
    unsigned long long mag;     /* the digits' value, if !overflow */
    int negative;
    int overflow;               /* value above ULLONG_MAX */
};

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;                          /* above any base */
}

/* Returns 0, or -1 if base is invalid. */
static int parse(const char *s, char **end, int base, struct parsed *r)
{
    const char *p = s, *digits;
    unsigned long long cutoff;
    int cutlim;

    r->mag = 0;
    r->negative = 0;
    r->overflow = 0;
    if (end != NULL)
        *end = (char *)s;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return -1;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        r->negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' &&
        (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }

    cutoff = ULLONG_MAX / (unsigned)base;   /* mag * base would overflow */
    cutlim = (int)(ULLONG_MAX % (unsigned)base);
    for (digits = p; digit_value(*p) < base; p++) {
        int d = digit_value(*p);

        if (r->mag > cutoff || (r->mag == cutoff && d > cutlim))
            r->overflow = 1;
        else
            r->mag = r->mag * (unsigned)base + (unsigned)d;
    }
    if (p > digits && end != NULL)
        *end = (char *)p;
    return 0;
}

/* Clamp a parsed value to a signed type with the given maximum. */
static long long to_signed(const struct parsed *r, unsigned long long max)
{
    if (r->negative) {
        if (r->overflow || r->mag > max + 1) {
            errno = ERANGE;
            return -(long long)max - 1;
        }
        return r->mag == max + 1 ? -(long long)max - 1 : -(long long)r->mag;
    }
    if (r->overflow || r->mag > max) {
        errno = ERANGE;
        return (long long)max;
    }
    return (long long)r->mag;
}

/* Clamp a parsed value to an unsigned type with the given maximum. */
static unsigned long long to_unsigned(const struct parsed *r,
                                      unsigned long long max)
{
    if (r->overflow || r->mag > max) {
        errno = ERANGE;
        return max;
    }
    return r->negative ? (0 - r->mag) & max : r->mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    struct parsed r;

    if (parse(s, end, base, &r) < 0)
        return 0;
    return (long)to_signed(&r, LONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    struct parsed r;

    if (parse(s, end, base, &r) < 0)
        return 0;
    return (unsigned long)to_unsigned(&r, ULONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    struct parsed r;

    if (parse(s, end, base, &r) < 0)
        return 0;
    return to_signed(&r, LLONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
                            int base)
{
    struct parsed r;

    if (parse(s, end, base, &r) < 0)
        return 0;
    return to_unsigned(&r, ULLONG_MAX);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
