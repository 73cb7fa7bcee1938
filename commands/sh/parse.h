/* parse.h: the shell's syntax tree and parser.
 *
 * Grammar (a subset of POSIX sh):
 *   list     := and_or { (';' | '&' | newline) and_or } [';' | '&']
 *   and_or   := pipeline { ('&&' | '||') newline* pipeline }
 *   pipeline := command { '|' newline* command }
 *   command  := { word | redirect }+          (at least one of either)
 *   redirect := [n]'<' word | [n]'>' word | [n]'>>' word | [n]'>&' word
 * Portable C (host-tested in tests/host/sh/). */
#ifndef SH_PARSE_H
#define SH_PARSE_H

enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct redir {
    enum redir_kind kind;
    int fd;                 /* the descriptor redirected */
    char *word;             /* raw target word (a file, or a descriptor for R_DUP) */
    struct redir *next;     /* in source order */
};

enum node_kind {
    N_CMD,                  /* words + redirs */
    N_PIPE,                 /* left | right */
    N_AND,                  /* left && right */
    N_OR,                   /* left || right */
    N_SEQ,                  /* left ; right (right may be NULL) */
    N_BG                    /* left &  (run without waiting) */
};

struct node {
    enum node_kind kind;
    struct node *left, *right;
    char **words;           /* N_CMD: raw words, NULL-terminated */
    int nwords;
    struct redir *redirs;   /* N_CMD */
};

/* Parse a whole input (a line or a script).  Returns the tree (NULL for an
 * empty input) and sets *err to NULL, or returns NULL with *err set to a
 * static message ("syntax error near '|'"...). */
struct node *parse(const char *text, const char **err);
void node_free(struct node *n);

#endif
