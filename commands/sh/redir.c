/* redir.c: a command's redirections (< > >> n>&m n>&-).
 *
 * Each is applied in source order, so `>out 2>&1` sends both to out and
 * `2>&1 >out` only stdout.  A file is opened on a fresh descriptor and
 * moved onto its target with dup2.  When `save` is given (a builtin runs
 * in the shell), every target descriptor is copied before its first
 * change; invariant: save->fd[] holds each target once, in the order
 * first changed, and redir_restore undoes them in reverse. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "expand.h"
#include "sh.h"

static int saved_already(const struct redir_saved *s, int fd)
{
    for (int i = 0; i < s->n; i++)
        if (s->fd[i] == fd)
            return 1;
    return 0;
}

/* Copy fd before it changes; -1 when there is no room left. */
static int save_fd(struct redir_saved *s, int fd)
{
    if (s == NULL || saved_already(s, fd))
        return 0;
    if (s->n == REDIR_SAVE_MAX)
        return -1;
    s->fd[s->n] = fd;
    s->copy[s->n] = dup(fd);        /* -1: fd was closed, close it again */
    s->n++;
    return 0;
}

static int open_flags(enum redir_kind k)
{
    if (k == R_IN)
        return O_RDONLY;
    if (k == R_APPEND)
        return O_WRONLY | O_CREAT | O_APPEND;
    return O_WRONLY | O_CREAT | O_TRUNC;
}

static int fail(const char *what)
{
    fprintf(stderr, "sh: %s: %s\n", what, strerror(errno));
    return -1;
}

/* Open the file and put it on fd. */
static int redirect_file(const struct redir *r, const char *path)
{
    int f = open(path, open_flags(r->kind), 0644);

    if (f < 0)
        return fail(path);
    if (f != r->fd) {
        if (dup2(f, r->fd) < 0) {
            close(f);
            return fail(path);
        }
        close(f);
    }
    return 0;
}

/* n>&m copies m onto n; n>&- closes n. */
static int redirect_dup(const struct redir *r, const char *word)
{
    char *end;
    long m;

    if (strcmp(word, "-") == 0) {
        close(r->fd);
        return 0;
    }
    m = strtol(word, &end, 10);
    if (*word == '\0' || *end != '\0' || m < 0 || m > 255) {
        fprintf(stderr, "sh: %s: bad descriptor\n", word);
        return -1;
    }
    if (m != r->fd && dup2((int)m, r->fd) < 0)
        return fail(word);
    return 0;
}

static int apply_one(struct shell *sh, const struct redir *r, struct redir_saved *save)
{
    char *word = expand_one(r->word, sh_lookup, sh);
    int rc;

    if (word == NULL) {
        fprintf(stderr, "sh: out of memory\n");
        return -1;
    }
    if (save_fd(save, r->fd) < 0) {
        fprintf(stderr, "sh: too many redirections\n");
        free(word);
        return -1;
    }
    rc = r->kind == R_DUP ? redirect_dup(r, word) : redirect_file(r, word);
    free(word);
    return rc;
}

int redir_apply(struct shell *sh, const struct redir *r, struct redir_saved *save)
{
    if (save)
        save->n = 0;
    for (; r != NULL; r = r->next)
        if (apply_one(sh, r, save) < 0)
            return -1;
    return 0;
}

void redir_restore(struct redir_saved *save)
{
    for (int i = save->n - 1; i >= 0; i--) {
        if (save->copy[i] < 0) {
            close(save->fd[i]);
            continue;
        }
        dup2(save->copy[i], save->fd[i]);
        close(save->copy[i]);
    }
    save->n = 0;
}
