/* format.c: the printf engine shared by every *printf function.
 *
 * _vformat() walks the format string and hands the output, in pieces, to a
 * sink (a string buffer for snprintf, a FILE for printf).  It returns the
 * number of characters produced, which the sink may have truncated.
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, flags - 0 + space #, width and
 * precision (numbers or *), length modifiers hh h l ll z j t.  No floating
 * point and no %n.  An unknown conversion is copied to the output as is.
 * %s of NULL prints "(null)"; %p prints 0x followed by lowercase hex.
 *
 * Invariant: every argument is fetched with va_arg in _vformat itself, in
 * format order, with the type the length modifier names (never a wider one).
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "../internal.h"

#define F_LEFT   0x01   /* '-': pad on the right */
#define F_ZERO   0x02   /* '0': pad numbers with zeros */
#define F_PLUS   0x04   /* '+': always print a sign */
#define F_SPACE  0x08   /* ' ': space where a '+' would go */
#define F_ALT    0x10   /* '#': 0x prefix / leading 0 for octal */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

struct spec {
    int flags;
    int width;          /* minimum field width, 0 if none */
    int prec;           /* precision, -1 if none */
    enum length len;
    char conv;          /* the conversion character */
};

/* Emit `n` copies of character c (spaces or zeros) in a few pieces. */
static void pad(struct _fmt_sink *sink, char c, int n)
{
    static const char spaces[] = "                ";
    static const char zeros[] = "0000000000000000";
    const char *run = c == '0' ? zeros : spaces;

    while (n > 0) {
        int k = n < 16 ? n : 16;
        sink->put(sink, run, (size_t)k);
        n -= k;
    }
}

/* Emit a field of `len` characters padded to the spec's width. */
static int field(struct _fmt_sink *sink, const struct spec *sp,
                 const char *s, int len)
{
    int fill = sp->width > len ? sp->width - len : 0;

    if (!(sp->flags & F_LEFT))
        pad(sink, ' ', fill);
    sink->put(sink, s, (size_t)len);
    if (sp->flags & F_LEFT)
        pad(sink, ' ', fill);
    return len + fill;
}

/* Write the digits of v in `base` into the end of buf; returns the start.
 * Uses 32-bit division whenever the value fits, so most numbers avoid
 * libgcc's 64-bit division on i386. */
static char *digits(char *end, unsigned long long v, unsigned base, int upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;

    while (v > 0xffffffffu) {
        *--p = set[v % base];
        v /= base;
    }
    for (uint32_t w = (uint32_t)v; w != 0; w /= base)
        *--p = set[w % base];
    return p;
}

/* Format an integer: [pad][sign][prefix][zeros][digits][pad]. */
static int integer(struct _fmt_sink *sink, const struct spec *sp,
                   unsigned long long mag, int negative)
{
    char buf[24];                       /* 22 octal digits for 2^64 */
    char *end = buf + sizeof(buf);
    unsigned base = 10;
    const char *sign = "", *prefix = "";
    char *p;
    int ndig, nzero, total, fill;
    int is_signed = sp->conv == 'd' || sp->conv == 'i';

    if (sp->conv == 'o')
        base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;

    p = digits(end, mag, base, sp->conv == 'X');
    ndig = (int)(end - p);

    if (is_signed) {
        if (negative)
            sign = "-";
        else if (sp->flags & F_PLUS)
            sign = "+";
        else if (sp->flags & F_SPACE)
            sign = " ";
    }
    if (sp->conv == 'p')
        prefix = "0x";
    else if ((sp->flags & F_ALT) && mag != 0 && base == 16)
        prefix = sp->conv == 'X' ? "0X" : "0x";

    /* Precision: minimum number of digits.  Default 1, so 0 prints "0";
     * an explicit precision of 0 prints no digits for the value 0. */
    nzero = sp->prec > ndig ? sp->prec - ndig : 0;
    if (sp->prec < 0 && ndig == 0)
        nzero = 1;
    /* '#' makes octal start with 0 (digits() never emits leading zeros). */
    if (sp->conv == 'o' && (sp->flags & F_ALT) && nzero == 0)
        nzero = 1;

    total = (int)strlen(sign) + (int)strlen(prefix) + nzero + ndig;
    fill = sp->width > total ? sp->width - total : 0;
    /* '0' pads with zeros after the sign, unless '-' or a precision. */
    if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->prec < 0) {
        nzero += fill;
        total += fill;
        fill = 0;
    }

    if (!(sp->flags & F_LEFT))
        pad(sink, ' ', fill);
    sink->put(sink, sign, strlen(sign));
    sink->put(sink, prefix, strlen(prefix));
    pad(sink, '0', nzero);
    sink->put(sink, p, (size_t)ndig);
    if (sp->flags & F_LEFT)
        pad(sink, ' ', fill);
    return total + fill;
}

/* Parse flags, width, precision and length at *fmtp (just after '%') and
 * leave *fmtp on the conversion character.  A '*' width or precision is not
 * fetched here (all va_arg calls stay in _vformat): the result says which
 * stars were seen. */
#define STAR_WIDTH 1
#define STAR_PREC  2

static int parse_spec(const char **fmtp, struct spec *sp)
{
    const char *f = *fmtp;
    int stars = 0;

    sp->flags = 0;
    sp->width = 0;
    sp->prec = -1;
    sp->len = LEN_NONE;
    for (;; f++) {
        if (*f == '-')      sp->flags |= F_LEFT;
        else if (*f == '0') sp->flags |= F_ZERO;
        else if (*f == '+') sp->flags |= F_PLUS;
        else if (*f == ' ') sp->flags |= F_SPACE;
        else if (*f == '#') sp->flags |= F_ALT;
        else break;
    }
    if (*f == '*') {
        stars |= STAR_WIDTH;
        f++;
    } else {
        while (*f >= '0' && *f <= '9')
            sp->width = sp->width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            stars |= STAR_PREC;
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                sp->prec = sp->prec * 10 + (*f++ - '0');
        }
    }
    switch (*f) {
    case 'h':
        sp->len = f[1] == 'h' ? LEN_HH : LEN_H;
        f += sp->len == LEN_HH ? 2 : 1;
        break;
    case 'l':
        sp->len = f[1] == 'l' ? LEN_LL : LEN_L;
        f += sp->len == LEN_LL ? 2 : 1;
        break;
    case 'z': sp->len = LEN_Z; f++; break;
    case 'j': sp->len = LEN_J; f++; break;
    case 't': sp->len = LEN_T; f++; break;
    default: break;
    }
    sp->conv = *f;
    *fmtp = f;
    return stars;
}

int _vformat(struct _fmt_sink *sink, const char *fmt, va_list ap)
{
    int count = 0;

    while (*fmt) {
        const char *start = fmt;
        struct spec sp;
        unsigned long long u = 0;
        long long s = 0;
        int stars;

        /* Copy the literal text up to the next '%' in one piece. */
        while (*fmt && *fmt != '%')
            fmt++;
        if (fmt > start) {
            sink->put(sink, start, (size_t)(fmt - start));
            count += (int)(fmt - start);
            continue;
        }

        fmt++;                                  /* skip '%' */
        stars = parse_spec(&fmt, &sp);
        if (stars & STAR_WIDTH) {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {                 /* negative: left-justify */
                sp.flags |= F_LEFT;
                sp.width = -sp.width;
            }
        }
        if (stars & STAR_PREC) {
            sp.prec = va_arg(ap, int);
            if (sp.prec < 0)                    /* negative: no precision */
                sp.prec = -1;
        }

        switch (sp.conv) {
        case 'd':
        case 'i':
            switch (sp.len) {
            case LEN_HH: s = (signed char)va_arg(ap, int); break;
            case LEN_H:  s = (short)va_arg(ap, int); break;
            case LEN_L:  s = va_arg(ap, long); break;
            case LEN_LL: s = va_arg(ap, long long); break;
            case LEN_Z:  s = va_arg(ap, ptrdiff_t); break; /* signed size_t */
            case LEN_J:  s = va_arg(ap, intmax_t); break;
            case LEN_T:  s = va_arg(ap, ptrdiff_t); break;
            default:     s = va_arg(ap, int); break;
            }
            /* Magnitude without overflowing on the most negative value. */
            u = s < 0 ? 0ULL - (unsigned long long)s : (unsigned long long)s;
            count += integer(sink, &sp, u, s < 0);
            fmt++;
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            switch (sp.len) {
            case LEN_HH: u = (unsigned char)va_arg(ap, unsigned); break;
            case LEN_H:  u = (unsigned short)va_arg(ap, unsigned); break;
            case LEN_L:  u = va_arg(ap, unsigned long); break;
            case LEN_LL: u = va_arg(ap, unsigned long long); break;
            case LEN_Z:  u = va_arg(ap, size_t); break;
            case LEN_J:  u = va_arg(ap, uintmax_t); break;
            case LEN_T:  u = (size_t)va_arg(ap, ptrdiff_t); break;
            default:     u = va_arg(ap, unsigned); break;
            }
            count += integer(sink, &sp, u, 0);
            fmt++;
            break;
        case 'p':
            u = (uintptr_t)va_arg(ap, void *);
            sp.flags &= ~(F_PLUS | F_SPACE);
            count += integer(sink, &sp, u, 0);
            fmt++;
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            count += field(sink, &sp, &c, 1);
            fmt++;
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            size_t n;
            if (str == NULL)
                str = "(null)";
            /* With a precision, never read past it: the array may not be
             * NUL-terminated. */
            n = sp.prec >= 0 ? strnlen(str, (size_t)sp.prec) : strlen(str);
            count += field(sink, &sp, str, (int)n);
            fmt++;
            break;
        }
        case '%':
            sink->put(sink, "%", 1);
            count++;
            fmt++;
            break;
        default:
            /* Unknown conversion (or the format ended after '%'): copy the
             * directive literally; the loop continues after it. */
            if (*fmt)
                fmt++;
            sink->put(sink, start, (size_t)(fmt - start));
            count += (int)(fmt - start);
            break;
        }
    }
    return count;
}
