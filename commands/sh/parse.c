/* parse.c: recursive descent over the tokens of lex.c (grammar in parse.h).
 * One token of look-ahead (p->t).  On the first error everything built so
 * far is freed and the message is kept in p->err; later steps see it and
 * stop. */
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "parse.h"

struct parser {
    struct lexer lx;
    struct token t;         /* the current look-ahead token */
    const char *err;
};

static void advance(struct parser *p)
{
    p->t = lex_next(&p->lx);
    if (p->t.kind == T_ERROR && p->err == NULL)
        p->err = p->t.text;
}

static struct node *new_node(enum node_kind k, struct node *l, struct node *r)
{
    struct node *n = calloc(1, sizeof(*n));

    if (n) {
        n->kind = k;
        n->left = l;
        n->right = r;
    }
    return n;
}

void node_free(struct node *n)
{
    if (n == NULL)
        return;
    node_free(n->left);
    node_free(n->right);
    for (int i = 0; i < n->nwords; i++)
        free(n->words[i]);
    free(n->words);
    while (n->redirs) {
        struct redir *r = n->redirs;
        n->redirs = r->next;
        free(r->word);
        free(r);
    }
    free(n);
}

static int is_redir(enum tok_kind k)
{
    return k == T_LESS || k == T_GREAT || k == T_DGREAT || k == T_GREATAND;
}

static int add_word(struct node *c, char *w)
{
    char **a = realloc(c->words, sizeof(char *) * (size_t)(c->nwords + 2));

    if (a == NULL)
        return -1;
    a[c->nwords++] = w;
    a[c->nwords] = NULL;
    c->words = a;
    return 0;
}

/* A redirection operator is the look-ahead: take it and its target word. */
static int add_redir(struct parser *p, struct node *c, struct redir ***tail)
{
    static const enum redir_kind kinds[] = {
        [T_LESS] = R_IN, [T_GREAT] = R_OUT, [T_DGREAT] = R_APPEND, [T_GREATAND] = R_DUP };
    struct redir *r = calloc(1, sizeof(*r));
    enum tok_kind k = p->t.kind;

    (void)c;
    if (r == NULL)
        return -1;
    r->kind = kinds[k];
    r->fd = p->t.fd >= 0 ? p->t.fd : (k == T_LESS ? 0 : 1);
    **tail = r;
    *tail = &r->next;
    advance(p);
    if (p->t.kind != T_WORD) {
        p->err = p->err ? p->err : "syntax error: a redirection needs a word";
        return -1;
    }
    r->word = p->t.text;
    advance(p);
    return 0;
}

static struct node *command(struct parser *p)
{
    struct node *c = new_node(N_CMD, NULL, NULL);
    struct redir **tail = &c->redirs;

    while (p->err == NULL && (p->t.kind == T_WORD || is_redir(p->t.kind))) {
        if (p->t.kind == T_WORD) {
            if (add_word(c, p->t.text) < 0)
                p->err = "out of memory";
            advance(p);
        } else if (add_redir(p, c, &tail) < 0 && p->err == NULL) {
            p->err = "out of memory";
        }
    }
    if (p->err == NULL && c->nwords == 0 && c->redirs == NULL)
        p->err = "syntax error: a command is missing";
    if (p->err) {
        node_free(c);
        return NULL;
    }
    return c;
}

static void skip_newlines(struct parser *p)
{
    while (p->t.kind == T_NEWLINE)
        advance(p);
}

static struct node *pipeline(struct parser *p)
{
    struct node *n = command(p);

    while (n && p->t.kind == T_PIPE) {
        advance(p);
        skip_newlines(p);
        struct node *r = command(p);
        if (r == NULL) {
            node_free(n);
            return NULL;
        }
        n = new_node(N_PIPE, n, r);
    }
    return n;
}

static struct node *and_or(struct parser *p)
{
    struct node *n = pipeline(p);

    while (n && (p->t.kind == T_AND || p->t.kind == T_OR)) {
        enum node_kind k = p->t.kind == T_AND ? N_AND : N_OR;
        advance(p);
        skip_newlines(p);
        struct node *r = pipeline(p);
        if (r == NULL) {
            node_free(n);
            return NULL;
        }
        n = new_node(k, n, r);
    }
    return n;
}

static int ends_list_item(enum tok_kind k)
{
    return k == T_SEMI || k == T_AMP || k == T_NEWLINE;
}

/* list: items joined by N_SEQ, left to right; '&' wraps its item in N_BG. */
static struct node *list(struct parser *p)
{
    struct node *all = NULL;

    skip_newlines(p);
    while (p->err == NULL && p->t.kind != T_EOF) {
        struct node *item = and_or(p);
        if (item == NULL)
            break;
        if (p->t.kind == T_AMP)
            item = new_node(N_BG, item, NULL);
        if (ends_list_item(p->t.kind))
            advance(p);
        else if (p->t.kind != T_EOF && p->err == NULL)
            p->err = "syntax error: unexpected operator";
        all = all ? new_node(N_SEQ, all, item) : item;
        skip_newlines(p);
    }
    if (p->err) {
        node_free(all);
        return NULL;
    }
    return all;
}

struct node *parse(const char *text, const char **err)
{
    struct parser p;
    struct node *n;

    memset(&p, 0, sizeof(p));
    lex_init(&p.lx, text);
    advance(&p);
    n = list(&p);
    if (p.t.kind == T_WORD)
        free(p.t.text);     /* look-ahead left over after an error */
    *err = p.err;
    return n;
}
