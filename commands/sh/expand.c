/* expand.c: word expansion (rules in expand.h).
 *
 * One pass over the raw word builds the current field in a growing buffer.
 * `have` says the current field exists even if empty (quotes were seen or a
 * character was added); a blank that comes from an unquoted expansion ends
 * it.  In `one` mode (expand_one) nothing is split. */
#include <stdlib.h>
#include <string.h>
#include "expand.h"

struct exp {
    sh_lookup_fn lookup;
    void *ctx;
    int one;                /* no field splitting */
    char *buf;
    size_t len, cap;
    int have;               /* the current field exists */
    struct fields *out;
    int nomem;
};

static void put(struct exp *e, char c)
{
    if (e->len + 1 >= e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 32;
        char *b = realloc(e->buf, cap);
        if (b == NULL) {
            e->nomem = 1;
            return;
        }
        e->buf = b;
        e->cap = cap;
    }
    e->buf[e->len++] = c;
    e->have = 1;
}

/* Close the current field (if any) and append it to out. */
static void end_field(struct exp *e)
{
    char **v;

    if (!e->have || e->nomem)
        return;
    if ((v = realloc(e->out->v, sizeof(char *) * (size_t)(e->out->n + 2))) == NULL) {
        e->nomem = 1;
        return;
    }
    e->out->v = v;
    v[e->out->n] = malloc(e->len + 1);
    if (v[e->out->n] == NULL) {
        e->nomem = 1;
        return;
    }
    memcpy(v[e->out->n], e->buf ? e->buf : "", e->len);
    v[e->out->n][e->len] = '\0';
    v[++e->out->n] = NULL;
    e->len = 0;
    e->have = 0;
}

static int is_name_start(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The length of the parameter name at s (after '$'), 0 if none. */
static int name_len(const char *s)
{
    int n = 0;

    if (strchr("?$!#", *s) || (*s >= '0' && *s <= '9'))
        return *s ? 1 : 0;
    while (is_name_char(s[n]) && (n > 0 || is_name_start(s[0])))
        n++;
    return n;
}

static void put_value(struct exp *e, const char *v, int quoted)
{
    for (; v && *v; v++) {
        if (!quoted && !e->one && strchr(" \t\n", *v))
            end_field(e);
        else
            put(e, *v);
    }
}

/* s points after '$': expand and return the number of characters used. */
static int dollar(struct exp *e, const char *s, int quoted)
{
    char name[64];
    int n, skip = 0;

    if (*s == '{') {
        const char *close = strchr(s, '}');
        if (close == NULL) {
            put(e, '$');
            return 0;
        }
        n = (int)(close - s - 1);
        s++;
        skip = 2;
    } else {
        n = name_len(s);
    }
    if (n == 0 || n >= (int)sizeof(name)) {
        put(e, '$');        /* a lone '$' stays itself */
        return 0;
    }
    memcpy(name, s, (size_t)n);
    name[n] = '\0';
    put_value(e, e->lookup(name, e->ctx), quoted);
    return n + skip;
}

/* Inside "...": returns the index after the closing quote. */
static int double_quoted(struct exp *e, const char *w, int i)
{
    e->have = 1;
    while (w[i] && w[i] != '"') {
        if (w[i] == '\\' && w[i + 1] && strchr("$`\"\\\n", w[i + 1])) {
            if (w[i + 1] != '\n')
                put(e, w[i + 1]);
            i += 2;
        } else if (w[i] == '$') {
            i += 1 + dollar(e, w + i + 1, 1);
        } else {
            put(e, w[i++]);
        }
    }
    return w[i] ? i + 1 : i;
}

static void run(struct exp *e, const char *w)
{
    int i = 0;

    while (w[i] && !e->nomem) {
        if (w[i] == '\'') {
            e->have = 1;
            for (i++; w[i] && w[i] != '\''; i++)
                put(e, w[i]);
            i += w[i] ? 1 : 0;
        } else if (w[i] == '"') {
            i = double_quoted(e, w, i + 1);
        } else if (w[i] == '\\' && w[i + 1]) {
            if (w[i + 1] != '\n')
                put(e, w[i + 1]);
            i += 2;
        } else if (w[i] == '$') {
            i += 1 + dollar(e, w + i + 1, 0);
        } else {
            put(e, w[i++]);
        }
    }
}

int expand_word(const char *raw, sh_lookup_fn lookup, void *ctx,
                struct fields *out)
{
    struct exp e = { .lookup = lookup, .ctx = ctx, .out = out };

    run(&e, raw);
    end_field(&e);
    free(e.buf);
    return e.nomem ? -1 : 0;
}

char *expand_one(const char *raw, sh_lookup_fn lookup, void *ctx)
{
    struct fields f = { NULL, 0 };
    struct exp e = { .lookup = lookup, .ctx = ctx, .one = 1, .out = &f };
    char *s;

    run(&e, raw);
    e.have = 1;
    end_field(&e);
    free(e.buf);
    if (e.nomem) {
        fields_free(&f);
        return NULL;
    }
    s = f.v[0];
    free(f.v);
    return s;
}

void fields_free(struct fields *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    free(f->v);
    f->v = NULL;
    f->n = 0;
}
