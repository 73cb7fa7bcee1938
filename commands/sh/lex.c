/* lex.c: splitting shell input into tokens (see lex.h).
 *
 * Quoting only matters here for finding the end of a word: inside '...'
 * everything is literal; inside "..." and after a backslash, blanks and
 * operators do not end the word.  '#' at the start of a word begins a
 * comment up to the end of the line.  A word made only of digits directly
 * followed by '<' or '>' is the descriptor of that redirection (2>file). */
#include <stdlib.h>
#include <string.h>
#include "lex.h"

void lex_init(struct lexer *lx, const char *text)
{
    lx->s = text;
    lx->pos = 0;
}

static struct token tok(enum tok_kind k)
{
    struct token t = { k, NULL, -1 };
    return t;
}

static struct token error(const char *msg)
{
    struct token t = { T_ERROR, (char *)msg, -1 };
    return t;
}

static int is_op_char(char c)
{
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' ||
           c == '\n';
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Skip blanks, escaped newlines (line continuation) and comments. */
static void skip_space(struct lexer *lx)
{
    for (;;) {
        const char *s = lx->s + lx->pos;
        if (is_blank(*s))
            lx->pos++;
        else if (s[0] == '\\' && s[1] == '\n')
            lx->pos += 2;
        else if (*s == '#')
            while (lx->s[lx->pos] && lx->s[lx->pos] != '\n')
                lx->pos++;
        else
            return;
    }
}

/* Operators: the longest match at the current position. */
static struct token operator(struct lexer *lx, int fd)
{
    const char *s = lx->s + lx->pos;
    static const struct { const char *text; enum tok_kind kind; } ops[] = {
        { "&&", T_AND }, { "||", T_OR }, { ">>", T_DGREAT },
        { ">&", T_GREATAND }, { "|", T_PIPE }, { "&", T_AMP },
        { ";", T_SEMI }, { "<", T_LESS }, { ">", T_GREAT }, { "\n", T_NEWLINE },
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(s, ops[i].text, n) == 0) {
            struct token t = tok(ops[i].kind);
            lx->pos += (int)n;
            if (t.kind >= T_LESS && t.kind <= T_GREATAND)
                t.fd = fd;
            return t;
        }
    }
    return error("unexpected character");
}

/* The end of the word starting at `start`, or -1 on an open quote. */
static int word_end(const char *s, int i)
{
    while (s[i] && !is_blank(s[i]) && !is_op_char(s[i])) {
        if (s[i] == '\\') {
            i += s[i + 1] ? 2 : 1;
        } else if (s[i] == '\'' || s[i] == '"') {
            char q = s[i++];
            while (s[i] && s[i] != q)
                i += (q == '"' && s[i] == '\\' && s[i + 1]) ? 2 : 1;
            if (!s[i])
                return -1;
            i++;
        } else {
            i++;
        }
    }
    return i;
}

static int all_digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0 && n < 3;
}

struct token lex_next(struct lexer *lx)
{
    int start, end;
    struct token t;

    skip_space(lx);
    start = lx->pos;
    if (!lx->s[start])
        return tok(T_EOF);
    if (is_op_char(lx->s[start]))
        return operator(lx, -1);
    if ((end = word_end(lx->s, start)) < 0)
        return error("unterminated quote");
    if ((lx->s[end] == '<' || lx->s[end] == '>') &&
        all_digits(lx->s + start, end - start)) {
        lx->pos = end;
        return operator(lx, atoi(lx->s + start));
    }
    t = tok(T_WORD);
    if ((t.text = malloc((size_t)(end - start) + 1)) == NULL)
        return error("out of memory");
    memcpy(t.text, lx->s + start, (size_t)(end - start));
    t.text[end - start] = '\0';
    lx->pos = end;
    return t;
}
