/* re_impl.h: the compiled form of a regular expression, shared by
 * regcomp.c (parser and code generator) and regexec.c (the matcher).
 *
 * A pattern compiles to a program for a small automaton, as in Thompson's
 * construction: character tests (CHAR, ANY, CLASS), zero-width tests (BOL,
 * EOL), and control (SPLIT: go on at both x and y; JMP; MATCH).  The matcher
 * runs every live thread of the program in step over the text, so it never
 * backtracks.  Everything lives in one malloc block: the header, the
 * instructions, the classes (256-bit sets) and the matcher's scratch lists,
 * sized for the program at compile time. */
#ifndef RE_IMPL_H
#define RE_IMPL_H

#include <stdint.h>
#include <regex.h>

enum re_op { RE_CHAR, RE_ANY, RE_CLASS, RE_BOL, RE_EOL, RE_SPLIT, RE_JMP, RE_MATCH };

struct re_insn {
    uint8_t op;          /* enum re_op */
    uint8_t ch;          /* RE_CHAR */
    uint16_t cls;        /* RE_CLASS: index into classes */
    int32_t x, y;        /* RE_SPLIT, RE_JMP: targets (x preferred) */
};

struct re_thread { int32_t pc, start; };

#define RE_MAX_INSNS   8192      /* bigger programs: REG_ESPACE */
#define RE_MAX_CLASSES 256

struct re_prog {
    int32_t n;                   /* instructions */
    int32_t nclasses;
    int32_t nosub;               /* REG_NOSUB: regexec ignores pmatch */
    struct re_insn *insn;
    uint8_t (*classes)[32];      /* bit c set: c is in the class */
    /* matcher scratch (regexec.c) */
    struct re_thread *cur, *nxt; /* n entries each */
    uint32_t *mark;              /* generation that last listed pc */
    int32_t *stack;              /* 2n + 2 pcs for the closure walk */
    uint32_t gen;
};

#endif
