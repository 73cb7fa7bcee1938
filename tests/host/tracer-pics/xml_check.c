/* xml_check.c: see xml_check.h.  A stack of open tag names; the document
 * is scanned once.  Declarations (<?...?>) and comments are skipped. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "xml_check.h"

#define DEPTH 64
#define NAME  32

struct xs { const char *p, *doc; char stack[DEPTH][NAME]; int depth, roots; char *why; size_t cap; };

static int fail(struct xs *x, const char *what)
{
    snprintf(x->why, x->cap, "%s at offset %ld", what, (long)(x->p - x->doc));
    return -1;
}

static int entity(struct xs *x)
{
    static const char *const known[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strncmp(x->p, known[i], strlen(known[i]))) { x->p += strlen(known[i]); return 0; }
    if (x->p[1] == '#') {
        const char *q = x->p + 2;
        while (isalnum((unsigned char)*q)) q++;
        if (*q == ';' && q > x->p + 2) { x->p = q + 1; return 0; }
    }
    return fail(x, "bad entity");
}

static int text_char(struct xs *x, char quote)
{
    unsigned char c = (unsigned char)*x->p;
    if (c == '&') return entity(x);
    if (c == '<') return fail(x, quote ? "'<' in an attribute" : "'<' in text");
    if ((c < 0x20 && !isspace(c)) || c >= 0x7f) return fail(x, "non-printable byte");
    x->p++;
    return 0;
}

static int name(struct xs *x, char *out)
{
    size_t n = 0;
    while (isalnum((unsigned char)*x->p) || strchr(":-_.", *x->p)) {
        if (*x->p == 0 || n + 1 == NAME) return fail(x, "bad name");
        out[n++] = *x->p++;
    }
    out[n] = 0;
    return n ? 0 : fail(x, "empty name");
}

static int attributes(struct xs *x)
{
    char a[NAME];
    for (;;) {
        while (isspace((unsigned char)*x->p)) x->p++;
        if (*x->p == '>' || *x->p == '/') return 0;
        if (name(x, a)) return -1;
        if (*x->p++ != '=') return fail(x, "attribute without =");
        char q = *x->p++;
        if (q != '"' && q != '\'') return fail(x, "unquoted attribute");
        while (*x->p != q)
            if (!*x->p || text_char(x, q)) return *x->p ? -1 : fail(x, "unterminated attribute");
        x->p++;
    }
}

static int tag(struct xs *x)
{
    char n[NAME];
    if (!strncmp(x->p, "<?", 2) || !strncmp(x->p, "<!--", 4)) {
        const char *end = strstr(x->p, x->p[1] == '?' ? "?>" : "-->");
        if (!end) return fail(x, "unterminated declaration or comment");
        x->p = end + (x->p[1] == '?' ? 2 : 3);
        return 0;
    }
    int closing = x->p[1] == '/';
    x->p += 1 + closing;
    if (name(x, n)) return -1;
    if (closing) {
        if (!x->depth || strcmp(x->stack[x->depth - 1], n)) return fail(x, "mismatched end tag");
        x->depth--;
        while (isspace((unsigned char)*x->p)) x->p++;
        return *x->p++ == '>' ? 0 : fail(x, "bad end tag");
    }
    if (attributes(x)) return -1;
    if (!x->depth && x->roots++) return fail(x, "second root element");
    if (*x->p == '/') return x->p[1] == '>' ? (x->p += 2, 0) : fail(x, "bad empty tag");
    if (x->depth == DEPTH) return fail(x, "too deep");
    snprintf(x->stack[x->depth++], NAME, "%s", n);
    x->p++;
    return 0;
}

int xml_check(const char *doc, char *why, size_t cap)
{
    struct xs x = { .p = doc, .doc = doc, .why = why, .cap = cap };
    while (*x.p) {
        if (*x.p == '<') { if (tag(&x)) return -1; }
        else if (!x.depth && !isspace((unsigned char)*x.p)) return fail(&x, "text outside the root");
        else if (text_char(&x, 0)) return -1;
    }
    if (x.depth) return fail(&x, "unclosed element");
    return x.roots == 1 ? 0 : fail(&x, "no root element");
}
