/* regbracket.c: bracket expressions ("[a-z_]", "[^[:space:]]") for
 * regcomp, and the classes they become: 256-bit sets.
 *
 * POSIX rules kept: a ']' first (after an optional '^') is literal; '-'
 * first or last is literal; a backslash is literal inside brackets; a range
 * whose end is below its start is REG_ERANGE; "[:name:]" is a character
 * class (REG_ECTYPE for an unknown name); collating elements and
 * equivalence classes ("[." and "[=") are not supported (REG_ECOLLATE).
 * A negated set never holds NUL (the end of the text). */
#include <string.h>
#include <ctype.h>
#include "re_parse.h"

static void set_bit(uint8_t *set, int c) { set[c >> 3] |= (uint8_t)(1u << (c & 7)); }
static int has_bit(const uint8_t *set, int c) { return (set[c >> 3] >> (c & 7)) & 1; }

static int berr(struct re_parser *p, int err)
{
    if (!p->err)
        p->err = err;
    return -1;
}

static void fold(uint8_t *set)
{
    for (int c = 'a'; c <= 'z'; c++)
        if (has_bit(set, c) || has_bit(set, c - 32)) {
            set_bit(set, c);
            set_bit(set, c - 32);
        }
}

int re_add_class(struct re_parser *p, uint8_t *set)
{
    if (p->nclasses >= RE_MAX_CLASSES)
        return berr(p, REG_ESPACE);
    if (p->icase)
        fold(set);
    memcpy(p->classes[p->nclasses], set, 32);
    return p->nclasses++;
}

static int is_blank(int c) { return c == ' ' || c == '\t'; }
static int is_graph(int c) { return isprint(c) && c != ' '; }

static const struct { const char *name; int (*is)(int); } ctypes[] = {
    { "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "upper", isupper },
    { "lower", islower }, { "space", isspace }, { "blank", is_blank }, { "punct", ispunct },
    { "print", isprint }, { "graph", is_graph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
};

/* At "[:": add the named class to set and step past ":]". */
static int named_class(struct re_parser *p, uint8_t *set)
{
    const char *end = strstr(p->s + 2, ":]");
    size_t len;
    if (!end)
        return berr(p, REG_EBRACK);
    len = (size_t)(end - (p->s + 2));
    for (unsigned i = 0; i < sizeof(ctypes) / sizeof(ctypes[0]); i++)
        if (strlen(ctypes[i].name) == len && !strncmp(ctypes[i].name, p->s + 2, len)) {
            for (int c = 1; c < 256; c++)
                if (ctypes[i].is(c))
                    set_bit(set, c);
            p->s = end + 2;
            return 0;
        }
    return berr(p, REG_ECTYPE);
}

/* One item: a class, a range or a single character. */
static int item(struct re_parser *p, uint8_t *set)
{
    unsigned char lo = (unsigned char)*p->s, hi;
    if (lo == '[' && p->s[1] == ':')
        return named_class(p, set);
    if (lo == '[' && (p->s[1] == '.' || p->s[1] == '='))
        return berr(p, REG_ECOLLATE);
    p->s++;
    hi = lo;
    if (*p->s == '-' && p->s[1] && p->s[1] != ']') {
        hi = (unsigned char)p->s[1];
        if (hi == '[' && (p->s[2] == '.' || p->s[2] == '=' || p->s[2] == ':'))
            return berr(p, REG_ERANGE);
        p->s += 2;
        if (hi < lo)
            return berr(p, REG_ERANGE);
    }
    for (int c = lo; c <= hi; c++)
        set_bit(set, c);
    return 0;
}

int re_bracket(struct re_parser *p)
{
    uint8_t set[32] = { 0 };
    int neg = 0;

    p->s++;                                   /* '[' */
    if (*p->s == '^') {
        neg = 1;
        p->s++;
    }
    if (*p->s == ']') {                       /* literal ']' first */
        set_bit(set, ']');
        p->s++;
    }
    while (*p->s != ']') {
        if (!*p->s)
            return berr(p, REG_EBRACK);
        if (item(p, set) < 0)
            return -1;
    }
    p->s++;
    if (neg) {
        if (p->icase)
            fold(set);                        /* fold first: [^a] excludes 'A' too */
        for (int i = 0; i < 32; i++)
            set[i] = (uint8_t)~set[i];
    }
    set[0] &= (uint8_t)~1u;                   /* never NUL */
    return re_add_class(p, set);
}
