/* exec.c: running the syntax tree of parse.c.
 *
 *   N_CMD   expand the words; leading NAME=value words are assignments
 *           (alone: shell variables; before a program: its environment
 *           only); a builtin runs in the shell with its redirections
 *           saved and restored; anything else is forked, redirected and
 *           exec'ed (path.c: /bin/<name> or the PATH, the path given)
 *   N_PIPE  a pipeline of n commands: n-1 pipes, n children, the status
 *           of the last one (pipeline.c)
 *   N_AND / N_OR / N_SEQ   by the left side's status
 *   N_BG    forked without waiting; $! is its pid
 * Invariant: sh->status always holds the status of the last command run,
 * which is what $? reads and what && and || look at. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "expand.h"
#include "path.h"
#include "sh.h"
#include "term.h"

pid_t sh_fork(void)
{
    pid_t pid;

    fflush(NULL);                   /* else the child writes it again */
    pid = fork();
    if (pid < 0)
        fprintf(stderr, "sh: fork: %s\n", strerror(errno));
    return pid;
}

int sh_wait_status(int w)
{
    if (WIFEXITED(w))
        return WEXITSTATUS(w);
    return 128 + WTERMSIG(w);
}

/* A raw word NAME=... (the name unquoted and valid) is an assignment. */
static int is_assignment(const char *raw)
{
    const char *eq = strchr(raw, '=');
    char name[64];
    size_t n;

    if (eq == NULL || eq == raw || (n = (size_t)(eq - raw)) >= sizeof(name))
        return 0;
    memcpy(name, raw, n);
    name[n] = '\0';
    return vars_valid_name(name);
}

/* Set NAME=value (value expanded); export: into the environment. */
static int assign(struct shell *sh, const char *raw, int export)
{
    const char *eq = strchr(raw, '=');
    size_t len = (size_t)(eq - raw);
    char *name = malloc(len + 1);
    char *value = expand_one(eq + 1, sh_lookup, sh);
    int rc = -1;

    if (name && value) {
        memcpy(name, raw, len);
        name[len] = '\0';
        rc = vars_set(&sh->vars, name, value, export);
    }

    free(name);
    free(value);
    return rc;
}

static int count_assignments(const struct node *n)
{
    int i = 0;

    while (i < n->nwords && is_assignment(n->words[i]))
        i++;
    return i;
}

/* Expand the words after the assignments into argv fields. */
static int expand_args(struct shell *sh, const struct node *n, int first, struct fields *f)
{
    memset(f, 0, sizeof(*f));
    for (int i = first; i < n->nwords; i++)
        if (expand_word(n->words[i], sh_lookup, sh, f) < 0) {
            fprintf(stderr, "sh: out of memory\n");
            fields_free(f);
            return -1;
        }
    return 0;
}

/* In a child (forked for this command or a pipeline stage): assignments
 * to the environment, redirections, exec.  Never returns. */
static void child_exec(struct shell *sh, const struct node *n, int nassign, char **argv)
{
    term_child();
    for (int i = 0; i < nassign; i++)
        assign(sh, n->words[i], 1);
    if (redir_apply(sh, n->redirs, NULL) < 0)
        _exit(1);
    if (argv == NULL || argv[0] == NULL)
        _exit(0);
    _exit(path_exec(sh, argv));
}

static int run_builtin(struct shell *sh, builtin_fn fn, const struct node *n, struct fields *f)
{
    struct redir_saved save;
    int rc = 1;

    term_cooked();                  /* builtins run in cooked mode */
    if (redir_apply(sh, n->redirs, &save) == 0)
        rc = fn(sh, f->n, f->v);
    fflush(NULL);                   /* its output goes where it was sent */
    redir_restore(&save);
    return rc;
}

/* Assignments alone: shell variables (redirections still open files). */
static int run_assignments(struct shell *sh, const struct node *n, int nassign)
{
    struct redir_saved save;
    int rc = redir_apply(sh, n->redirs, &save) == 0 ? 0 : 1;

    redir_restore(&save);
    for (int i = 0; i < nassign && rc == 0; i++)
        if (assign(sh, n->words[i], 0) < 0) {
            fprintf(stderr, "sh: %s: cannot assign\n", n->words[i]);
            rc = 1;
        }
    return rc;
}

static int run_program(struct shell *sh, const struct node *n, int nassign, char **argv)
{
    pid_t pid = sh_fork();
    int w;

    if (pid < 0)
        return 1;
    if (pid == 0)
        child_exec(sh, n, nassign, argv);
    term_foreground(sh, pid);
    while (waitpid(pid, &w, 0) < 0)
        if (errno != EINTR)
            return 1;
    term_reclaim(sh);
    return sh_wait_status(w);
}

/* forked: we are already a child (pipeline stage): exec in place. */
int sh_run_cmd(struct shell *sh, const struct node *n, int forked)
{
    int nassign = count_assignments(n), rc;
    struct fields f;
    builtin_fn fn;

    if (expand_args(sh, n, nassign, &f) < 0)
        return 1;
    if (f.n == 0)
        rc = run_assignments(sh, n, nassign);
    else if ((fn = builtin_find(f.v[0])) != NULL)
        rc = run_builtin(sh, fn, n, &f);
    else if (forked)
        child_exec(sh, n, nassign, f.v);
    else
        rc = run_program(sh, n, nassign, f.v);
    fields_free(&f);
    return rc;
}

/* cmd &: a child runs it; the shell goes on at once. */
static int run_background(struct shell *sh, struct node *n)
{
    pid_t pid = sh_fork();

    if (pid < 0)
        return 1;
    if (pid == 0) {
        term_child_background();
        sh->interactive = 0;
        if (n->kind == N_CMD)       /* exec in place: $! is the program's own pid, */
            _exit(sh_run_cmd(sh, n, 1));    /* so `kill $!` reaches it */
        _exit(sh_run(sh, n));
    }
    sh->last_bg = pid;
    if (sh->interactive)
        fprintf(stderr, "[%ld]\n", (long)pid);
    return 0;
}

static int run_node(struct shell *sh, struct node *n)
{
    switch (n->kind) {
    case N_CMD:  return sh_run_cmd(sh, n, 0);
    case N_PIPE: return sh_run_pipeline(sh, n);
    case N_BG:   return run_background(sh, n->left);
    case N_AND:
        sh_run(sh, n->left);
        return sh->status == 0 && !sh->exiting ? sh_run(sh, n->right) : sh->status;
    case N_OR:
        sh_run(sh, n->left);
        return sh->status != 0 && !sh->exiting ? sh_run(sh, n->right) : sh->status;
    case N_SEQ:
        sh_run(sh, n->left);
        return n->right && !sh->exiting ? sh_run(sh, n->right) : sh->status;
    }
    return 2;
}

int sh_run(struct shell *sh, struct node *n)
{
    if (n == NULL || sh->exiting)
        return sh->status;
    sh->status = run_node(sh, n);
    return sh->status;
}

int sh_run_text(struct shell *sh, const char *text)
{
    const char *err;
    struct node *tree = parse(text, &err);

    if (err != NULL) {
        fprintf(stderr, "sh: %s\n", err);
        return sh->status = 2;
    }
    sh_run(sh, tree);
    node_free(tree);
    return sh->status;
}
