/* re_parse.h: the parse tree of regcomp (regparse.c builds it, regbracket.c
 * adds bracket expressions, regcomp.c turns it into a program). */
#ifndef RE_PARSE_H
#define RE_PARSE_H

#include "re_impl.h"

enum re_node_type { RN_EMPTY, RN_CHAR, RN_ANY, RN_CLASS, RN_BOL, RN_EOL, RN_CAT, RN_ALT,
                    RN_REPEAT };

struct re_node {
    int type;
    int a, b;            /* children: CAT, ALT (a, b); REPEAT (a) */
    int val;             /* CHAR: the byte; CLASS: class index */
    int min, max;        /* REPEAT: bounds, max -1 = unbounded */
};

struct re_parser {
    const char *s;       /* next character of the pattern */
    struct re_node *nodes;
    int nnodes;
    uint8_t (*classes)[32];
    int nclasses;
    int depth;           /* open parentheses */
    int nsub;
    int icase;
    int err;             /* first REG_* error, 0 if none */
};

int re_parse(struct re_parser *p);        /* root node, or -1 with p->err */
int re_bracket(struct re_parser *p);      /* at '[': a class index, or -1 */
/* Add a 256-bit set as a class (case-folded under REG_ICASE): its index,
 * or -1 (REG_ESPACE). */
int re_add_class(struct re_parser *p, uint8_t *set);

#endif
