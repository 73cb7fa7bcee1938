/* expand.h: word expansion: parameters, quote removal, field splitting.
 *
 *   $NAME ${NAME}   a variable (empty when unset)
 *   $? $$ $! $# $0..$9   asked of the lookup function like any name
 *   '...'           literal, no expansion
 *   "..."           expands $, keeps blanks; \ escapes $ ` " \ and newline
 *   \c              c, literally (outside quotes); \newline vanishes
 * The unquoted result of an expansion is split at blanks (space, tab,
 * newline) into several fields; quoted text never is.  A word that yields
 * nothing unquoted ($EMPTY) gives no field, "" gives one empty field.
 * No pathname expansion (globbing) yet.
 * Portable C (host-tested in tests/host/sh/). */
#ifndef SH_EXPAND_H
#define SH_EXPAND_H

/* Returns the value of a variable or special parameter, or NULL (unset). */
typedef const char *(*sh_lookup_fn)(const char *name, void *ctx);

struct fields {
    char **v;               /* malloc'ed strings, NULL-terminated */
    int n;
};

/* Expand one raw word, appending its fields to *out: 0, or -1 (no memory). */
int expand_word(const char *raw, sh_lookup_fn lookup, void *ctx,
                struct fields *out);
/* Expand a word into exactly one string (redirection targets, assignment
 * values): no field splitting.  malloc'ed, or NULL (no memory). */
char *expand_one(const char *raw, sh_lookup_fn lookup, void *ctx);
void fields_free(struct fields *f);

#endif
