/* regexec.c: run a compiled pattern over a string (re_impl.h).
 *
 * All threads of the program advance together, one text position at a time
 * (Thompson / Pike): `cur` holds the threads waiting at a character test at
 * this position, each with the position its match started at.  The closure
 * walk (add()) follows JMP, SPLIT, BOL and EOL at once and lists a pc at
 * most once per position (mark[] holds the generation that listed it), so
 * the work per position is bounded by the program size.
 *
 * Leftmost-longest: a new thread starting here is added after the threads
 * already running, so when two reach the same pc the earlier start keeps
 * it; once a match is found no new starts are added, and the match is
 * extended while threads with the same start live.  Only pmatch[0] is
 * reported. */
#include <string.h>
#include "re_impl.h"

struct run {
    struct re_prog *p;
    const unsigned char *text;
    int eflags;
    int best_so, best_eo;         /* best match so far, -1: none */
};

static int at_bol(const struct run *r, int pos) { return pos == 0 && !(r->eflags & REG_NOTBOL); }
static int at_eol(const struct run *r, int pos) { return !r->text[pos] && !(r->eflags & REG_NOTEOL); }

/* Add pc and every instruction reachable from it without reading a
 * character to list (count *n), for a match that started at `start`. */
static void add(struct run *r, struct re_thread *list, int *n, int32_t pc, int start, int pos)
{
    struct re_prog *p = r->p;
    int sp = 0;

    p->stack[sp++] = pc;
    while (sp > 0) {
        pc = p->stack[--sp];
        if (p->mark[pc] == p->gen)
            continue;
        p->mark[pc] = p->gen;
        const struct re_insn *in = &p->insn[pc];
        switch (in->op) {
        case RE_JMP:   p->stack[sp++] = in->x; break;
        case RE_SPLIT: p->stack[sp++] = in->y; p->stack[sp++] = in->x; break;
        case RE_BOL:   if (at_bol(r, pos)) p->stack[sp++] = pc + 1; break;
        case RE_EOL:   if (at_eol(r, pos)) p->stack[sp++] = pc + 1; break;
        default:
            list[*n].pc = pc;
            list[(*n)++].start = start;
        }
    }
}

static int test(const struct re_prog *p, const struct re_insn *in, unsigned c)
{
    switch (in->op) {
    case RE_CHAR:  return c == in->ch;
    case RE_ANY:   return c != 0;
    case RE_CLASS: return (p->classes[in->cls][c >> 3] >> (c & 7)) & 1;
    }
    return 0;
}

static void found(struct run *r, int start, int pos)
{
    if (r->best_so < 0 || start < r->best_so || (start == r->best_so && pos > r->best_eo)) {
        r->best_so = start;
        r->best_eo = pos;
    }
}

/* Step every thread of cur over the character at pos into nxt. */
static int step(struct run *r, int ncur, int pos, int quick)
{
    struct re_prog *p = r->p;
    unsigned c = r->text[pos];
    int nnxt = 0;

    p->gen++;
    for (int i = 0; i < ncur; i++) {
        const struct re_thread *t = &p->cur[i];
        const struct re_insn *in = &p->insn[t->pc];
        if (r->best_so >= 0 && t->start > r->best_so)
            continue;                         /* a later start never wins */
        if (in->op == RE_MATCH) {
            found(r, t->start, pos);
            if (quick)
                return -1;
        } else if (c && test(p, in, c)) {
            add(r, p->nxt, &nnxt, t->pc + 1, t->start, pos + 1);
        }
    }
    return nnxt;
}

int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
            regmatch_t pmatch[restrict], int eflags)
{
    struct run r = { preg->re_prog, (const unsigned char *)string, eflags, -1, -1 };
    int quick, ncur = 0;

    if (!r.p)
        return REG_BADPAT;
    quick = nmatch == 0 || !pmatch || r.p->nosub;
    r.p->gen++;
    for (int pos = 0;; pos++) {
        if (r.best_so < 0)
            add(&r, r.p->cur, &ncur, 0, pos, pos);   /* a match may start here */
        ncur = step(&r, ncur, pos, quick);
        if (ncur < 0 || !r.text[pos] || (ncur == 0 && r.best_so >= 0))
            break;
        struct re_thread *t = r.p->cur;
        r.p->cur = r.p->nxt;
        r.p->nxt = t;
    }
    if (r.best_so < 0)
        return REG_NOMATCH;
    for (size_t i = 0; !quick && i < nmatch; i++)
        pmatch[i].rm_so = pmatch[i].rm_eo = -1;
    if (!quick) {
        pmatch[0].rm_so = r.best_so;
        pmatch[0].rm_eo = r.best_eo;
    }
    return 0;
}
