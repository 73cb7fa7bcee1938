/* lex.h: the shell's lexer: a line of text into words and operators.
 *
 * Portable C (host-tested in tests/host/sh/): no guest-only calls.
 * A word keeps its raw text, quotes and backslashes included: expansion
 * (expand.c) needs them to know what is quoted.  The lexer only finds
 * where a word ends: at unquoted blanks or operator characters. */
#ifndef SH_LEX_H
#define SH_LEX_H

enum tok_kind {
    T_WORD,         /* text in tok.text */
    T_PIPE,         /* |  */
    T_AND,          /* && */
    T_OR,           /* || */
    T_SEMI,         /* ;  */
    T_AMP,          /* &  */
    T_NEWLINE,      /* end of a line inside a script */
    T_LESS,         /* [n]<  */
    T_GREAT,        /* [n]>  */
    T_DGREAT,       /* [n]>> */
    T_GREATAND,     /* [n]>& (the target descriptor is the next word) */
    T_EOF,
    T_ERROR         /* tok.text holds the message */
};

struct token {
    enum tok_kind kind;
    char *text;     /* T_WORD: malloc'ed raw word; T_ERROR: static message */
    int   fd;       /* redirections: the descriptor before the operator, or -1 */
};

struct lexer {
    const char *s;  /* the whole input */
    int pos;        /* next character to look at */
};

void lex_init(struct lexer *lx, const char *text);
/* The next token; a T_WORD's text belongs to the caller (free it). */
struct token lex_next(struct lexer *lx);

#endif
