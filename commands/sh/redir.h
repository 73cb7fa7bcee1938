/* redir.h: applying a command's redirections (redir.c).
 *
 * In a forked child they are applied for good; for a builtin, which runs
 * in the shell itself, the descriptors they change are saved first
 * (redir_save) and put back afterwards (redir_restore). */
#ifndef SH_REDIR_H
#define SH_REDIR_H

#include "parse.h"

struct shell;

#define REDIR_SAVE_MAX 10

struct redir_saved {
    int n;
    int fd[REDIR_SAVE_MAX];      /* the descriptor changed */
    int copy[REDIR_SAVE_MAX];    /* its saved copy, or -1 (was closed) */
};

/* Apply in source order; 0, or -1 with a message on stderr. */
int redir_apply(struct shell *sh, const struct redir *r, struct redir_saved *save);
/* Put back what redir_apply saved (save may be half filled). */
void redir_restore(struct redir_saved *save);

#endif
