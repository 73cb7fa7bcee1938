/* regcomp.c: regcomp() and regfree(): parse (regparse.c), then generate the
 * program (re_impl.h) in two passes over the tree: the first counts the
 * instructions, the second writes them into one block sized to fit.
 *
 * Code for each node (L = a label, the index of an instruction):
 *   CAT a b     a; b
 *   ALT a b     SPLIT L1 L2; L1: a; JMP L3; L2: b; L3:
 *   e*          L1: SPLIT L2 L3; L2: e; JMP L1; L3:
 *   e{m,n}      e, m times; then e* (n unbounded) or n - m times SPLIT over e
 * A loop over an e that matches the empty string cannot spin: the matcher
 * visits each instruction at most once per text position. */
#include <stdlib.h>
#include <string.h>
#include "re_parse.h"

struct gen {
    const struct re_node *nodes;
    struct re_insn *out;          /* NULL: count only */
    int32_t n;
};

static int32_t emit(struct gen *g, int op, int32_t x, int32_t y)
{
    if (g->out) {
        g->out[g->n].op = (uint8_t)op;
        g->out[g->n].x = x;
        g->out[g->n].y = y;
    }
    return g->n++;
}

static void patch(struct gen *g, int32_t at, int32_t x, int32_t y)
{
    if (g->out) {
        g->out[at].x = x;
        g->out[at].y = y;
    }
}

static void gen_node(struct gen *g, int i);

static void gen_star(struct gen *g, int e)
{
    int32_t split = emit(g, RE_SPLIT, 0, 0);
    gen_node(g, e);
    emit(g, RE_JMP, split, 0);
    patch(g, split, split + 1, g->n);
}

static void gen_repeat(struct gen *g, const struct re_node *n)
{
    for (int i = 0; i < n->min; i++)
        gen_node(g, n->a);
    if (n->max < 0) {
        gen_star(g, n->a);
        return;
    }
    for (int i = n->min; i < n->max; i++) {
        int32_t split = emit(g, RE_SPLIT, 0, 0);
        gen_node(g, n->a);
        patch(g, split, split + 1, g->n);
    }
}

static void gen_node(struct gen *g, int i)
{
    const struct re_node *n = &g->nodes[i];
    int32_t at;

    if (g->n > RE_MAX_INSNS)
        return;                               /* too big already: stop early */
    switch (n->type) {
    case RN_CHAR:
        at = emit(g, RE_CHAR, 0, 0);
        if (g->out)
            g->out[at].ch = (uint8_t)n->val;
        break;
    case RN_CLASS:
        at = emit(g, RE_CLASS, 0, 0);
        if (g->out)
            g->out[at].cls = (uint16_t)n->val;
        break;
    case RN_ANY: emit(g, RE_ANY, 0, 0); break;
    case RN_BOL: emit(g, RE_BOL, 0, 0); break;
    case RN_EOL: emit(g, RE_EOL, 0, 0); break;
    case RN_CAT: gen_node(g, n->a); gen_node(g, n->b); break;
    case RN_ALT: {
        int32_t split = emit(g, RE_SPLIT, 0, 0), jmp;
        gen_node(g, n->a);
        jmp = emit(g, RE_JMP, 0, 0);
        patch(g, split, split + 1, g->n);
        gen_node(g, n->b);
        patch(g, jmp, g->n, 0);
        break;
    }
    case RN_REPEAT: gen_repeat(g, n); break;
    default: break;                           /* RN_EMPTY: no code */
    }
}

/* One block: header, instructions, classes, scratch (re_impl.h). */
static struct re_prog *alloc_prog(int32_t n, int nclasses)
{
    size_t size = sizeof(struct re_prog) + (size_t)n * sizeof(struct re_insn) +
                  (size_t)nclasses * 32 + 2 * (size_t)n * sizeof(struct re_thread) +
                  (size_t)n * sizeof(uint32_t) + (2 * (size_t)n + 2) * sizeof(int32_t);
    struct re_prog *p = malloc(size);
    uint8_t *at;
    if (!p)
        return NULL;
    memset(p, 0, size);
    at = (uint8_t *)(p + 1);
    p->n = n;
    p->nclasses = nclasses;
    p->insn = (struct re_insn *)at;           at += (size_t)n * sizeof(struct re_insn);
    p->cur = (struct re_thread *)at;          at += (size_t)n * sizeof(struct re_thread);
    p->nxt = (struct re_thread *)at;          at += (size_t)n * sizeof(struct re_thread);
    p->mark = (uint32_t *)at;                 at += (size_t)n * sizeof(uint32_t);
    p->stack = (int32_t *)at;                 at += (2 * (size_t)n + 2) * sizeof(int32_t);
    p->classes = (uint8_t (*)[32])at;
    return p;
}

/* Parse into temporary node and class arrays; 0 or a REG_* error. */
static int parse(const char *pattern, int cflags, struct re_parser *ps, int *root)
{
    size_t len = strlen(pattern);
    memset(ps, 0, sizeof(*ps));
    ps->s = pattern;
    ps->icase = (cflags & REG_ICASE) != 0;
    ps->nodes = malloc((2 * len + 4) * sizeof(struct re_node));
    ps->classes = malloc((len + 1) * 32);       /* at most one class per character */
    if (!ps->nodes || !ps->classes)
        return REG_ESPACE;
    *root = re_parse(ps);
    return *root < 0 ? ps->err : 0;
}

static int build(regex_t *preg, struct re_parser *ps, int root, int cflags)
{
    struct gen g = { ps->nodes, NULL, 0 };
    struct re_prog *p;

    gen_node(&g, root);
    emit(&g, RE_MATCH, 0, 0);
    if (g.n > RE_MAX_INSNS || !(p = alloc_prog(g.n, ps->nclasses)))
        return REG_ESPACE;
    g.out = p->insn;
    g.n = 0;
    gen_node(&g, root);
    emit(&g, RE_MATCH, 0, 0);
    memcpy(p->classes, ps->classes, (size_t)ps->nclasses * 32);
    p->nosub = (cflags & REG_NOSUB) != 0;
    preg->re_prog = p;
    preg->re_nsub = (size_t)ps->nsub;
    return 0;
}

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags)
{
    struct re_parser ps;
    int root = -1, r;

    preg->re_prog = NULL;
    preg->re_nsub = 0;
    if (!(cflags & REG_EXTENDED) || (cflags & REG_NEWLINE))
        return REG_BADPAT;
    r = parse(pattern, cflags, &ps, &root);
    if (r == 0)
        r = build(preg, &ps, root, cflags);
    free(ps.nodes);
    free(ps.classes);
    return r;
}

void regfree(regex_t *preg)
{
    free(preg->re_prog);
    preg->re_prog = NULL;
}
