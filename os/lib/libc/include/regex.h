/* regex.h: POSIX extended regular expressions, a subset (os/lib/libc/regex).
 *
 * Supported: literals and \-escapes, '.', bracket expressions with ranges,
 * negation and the classes [:alpha:] [:digit:] [:alnum:] [:upper:]
 * [:lower:] [:space:] [:blank:] [:punct:] [:print:] [:graph:] [:cntrl:]
 * [:xdigit:], anchors '^' '$', grouping '(...)', alternation '|', and the
 * repetitions '*' '+' '?' '{m}' '{m,}' '{m,n}' (m, n <= RE_DUP_MAX).
 * Flags: REG_EXTENDED (required: basic syntax is REG_BADPAT), REG_ICASE,
 * REG_NOSUB; regexec: REG_NOTBOL, REG_NOTEOL.  Not supported: back
 * references (none in ERE), collating elements and equivalence classes
 * ([. .] [= =]: REG_ECOLLATE), submatch positions (pmatch[1..] are -1;
 * pmatch[0] is the leftmost-longest match).
 *
 * The matcher simulates the compiled automaton (no backtracking): time is
 * O(pattern x text) whatever the pattern.  A compiled pattern owns memory
 * from malloc until regfree(), and regexec uses scratch space inside it, so
 * one regex_t must not be matched by two callers at once. */
#ifndef _REGEX_H
#define _REGEX_H

#include <stddef.h>

typedef int regoff_t;

typedef struct {
    size_t re_nsub;          /* number of parenthesised groups */
    void  *re_prog;          /* the compiled program (private) */
} regex_t;

typedef struct {
    regoff_t rm_so, rm_eo;
} regmatch_t;

#define RE_DUP_MAX    255

/* regcomp cflags */
#define REG_EXTENDED  0x1
#define REG_ICASE     0x2
#define REG_NOSUB     0x4
#define REG_NEWLINE   0x8    /* not supported: REG_BADPAT */

/* regexec eflags */
#define REG_NOTBOL    0x1
#define REG_NOTEOL    0x2

/* results */
#define REG_NOMATCH   1
#define REG_BADPAT    2
#define REG_ECOLLATE  3
#define REG_ECTYPE    4
#define REG_EESCAPE   5
#define REG_ESUBREG   6
#define REG_EBRACK    7
#define REG_EPAREN    8
#define REG_EBRACE    9
#define REG_BADBR     10
#define REG_ERANGE    11
#define REG_ESPACE    12
#define REG_BADRPT    13

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
            regmatch_t pmatch[restrict], int eflags);
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict buf, size_t size);
void regfree(regex_t *preg);

#endif
