/* regparse.c: the parser of regcomp (POSIX ERE subset, regex.h).
 *
 * Recursive descent over the grammar
 *     alt    := concat ('|' concat)*
 *     concat := repeat*
 *     repeat := atom ('*' | '+' | '?' | '{m}' | '{m,}' | '{m,n}')*
 *     atom   := '(' alt ')' | '[' bracket ']' | '.' | '^' | '$' | '\' c | c
 * into a tree of nodes in one array (re_parse.h).  The array is sized by
 * the caller from the pattern's length: every character makes at most one
 * leaf and one inner node, so it cannot overflow.  Errors are the REG_*
 * codes; the first one wins and parsing stops. */
#include <string.h>
#include <ctype.h>
#include "re_parse.h"

static int new_node(struct re_parser *p, int type, int a, int b)
{
    struct re_node *n = &p->nodes[p->nnodes];
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->a = a;
    n->b = b;
    return p->nnodes++;
}

static int fail(struct re_parser *p, int err)
{
    if (!p->err)
        p->err = err;
    return -1;
}

static int literal(struct re_parser *p, unsigned char c)
{
    if (p->icase && isalpha(c)) {
        uint8_t set[32] = { 0 };
        set[c >> 3] |= (uint8_t)(1u << (c & 7));
        int k = re_add_class(p, set);
        if (k < 0)
            return -1;
        int n = new_node(p, RN_CLASS, 0, 0);
        p->nodes[n].val = k;
        return n;
    }
    int n = new_node(p, RN_CHAR, 0, 0);
    p->nodes[n].val = c;
    return n;
}

static int alt(struct re_parser *p);

static int group(struct re_parser *p)
{
    p->s++;                                   /* '(' */
    p->depth++;
    p->nsub++;
    int inner = alt(p);
    if (inner < 0)
        return -1;
    if (*p->s != ')')
        return fail(p, REG_EPAREN);
    p->s++;
    p->depth--;
    return inner;
}

static int atom(struct re_parser *p)
{
    unsigned char c = (unsigned char)*p->s;
    switch (c) {
    case '(': return group(p);
    case '[': {
        int k = re_bracket(p), n;
        if (k < 0)
            return -1;
        n = new_node(p, RN_CLASS, 0, 0);
        p->nodes[n].val = k;
        return n;
    }
    case '.': p->s++; return new_node(p, RN_ANY, 0, 0);
    case '^': p->s++; return new_node(p, RN_BOL, 0, 0);
    case '$': p->s++; return new_node(p, RN_EOL, 0, 0);
    case '*': case '+': case '?': case '{':
        return fail(p, REG_BADRPT);
    case '\\':
        if (!p->s[1])
            return fail(p, REG_EESCAPE);
        p->s += 2;
        return literal(p, (unsigned char)p->s[-1]);
    }
    p->s++;
    return literal(p, c);
}

static int number(struct re_parser *p)
{
    int v = 0;
    if (!isdigit((unsigned char)*p->s))
        return -1;
    while (isdigit((unsigned char)*p->s)) {
        v = v * 10 + (*p->s++ - '0');
        if (v > RE_DUP_MAX)
            v = RE_DUP_MAX + 1;               /* too big, whatever follows */
    }
    return v;
}

/* '{' m [',' [n]] '}' after an atom; min/max of the node (max -1: none). */
static int braces(struct re_parser *p, int *min, int *max)
{
    p->s++;
    if ((*min = number(p)) < 0)
        return fail(p, *p->s ? REG_BADBR : REG_EBRACE);
    *max = *min;
    if (*p->s == ',') {
        p->s++;
        *max = isdigit((unsigned char)*p->s) ? number(p) : -1;
    }
    if (*p->s != '}')
        return fail(p, *p->s ? REG_BADBR : REG_EBRACE);
    p->s++;
    if (*min > RE_DUP_MAX || *max > RE_DUP_MAX || (*max >= 0 && *max < *min))
        return fail(p, REG_BADBR);
    return 0;
}

static int repeat(struct re_parser *p)
{
    int n = atom(p);
    while (n >= 0 && strchr("*+?{", *p->s) && *p->s) {
        int min = 0, max = -1;
        char op = *p->s;
        if (op == '{') {
            if (braces(p, &min, &max) < 0)
                return -1;
        } else {
            p->s++;
            min = op == '+';
            max = op == '?' ? 1 : -1;
        }
        int r = new_node(p, RN_REPEAT, n, 0);
        p->nodes[r].min = min;
        p->nodes[r].max = max;
        n = r;
    }
    return n;
}

static int concat(struct re_parser *p)
{
    int n = new_node(p, RN_EMPTY, 0, 0);
    while (*p->s && *p->s != '|' && !(*p->s == ')' && p->depth > 0)) {
        if (*p->s == ')')
            return fail(p, REG_EPAREN);      /* unmatched at the top level */
        int r = repeat(p);
        if (r < 0)
            return -1;
        n = p->nodes[n].type == RN_EMPTY ? r : new_node(p, RN_CAT, n, r);
    }
    return n;
}

static int alt(struct re_parser *p)
{
    int n = concat(p);
    while (n >= 0 && *p->s == '|') {
        p->s++;
        int r = concat(p);
        if (r < 0)
            return -1;
        n = new_node(p, RN_ALT, n, r);
    }
    return n;
}

int re_parse(struct re_parser *p)
{
    int root = alt(p);
    if (root >= 0 && *p->s)
        return fail(p, REG_EPAREN);
    return p->err ? -1 : root;
}
