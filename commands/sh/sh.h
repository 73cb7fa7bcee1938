/* sh.h: the shell's state and the entry points of its execution layer.
 *
 * One struct shell is made by main.c and handed to everything that runs
 * commands: exec.c (the tree: commands, pipelines, lists, background),
 * redir.c (redirections), builtins.c (commands run inside the shell) and
 * term.c (the terminal and job control, only where the system has them).
 * Portable POSIX C: the same files build for Lantern and for the host
 * (tests/host/sh runs the shell scripts of tests/userland with it). */
#ifndef SH_SH_H
#define SH_SH_H

#include <sys/types.h>
#include "parse.h"
#include "redir.h"
#include "vars.h"

struct shell {
    struct vars vars;
    int status;             /* $?: the last command's exit status */
    pid_t last_bg;          /* $!: the last background job, 0 = none */
    int argc;               /* $#: argc - 1; $0 = argv[0] */
    char **argv;
    int interactive;        /* a terminal session: job control, [pid] */
    int exiting;            /* `exit` ran: stop running the tree */
    char num[24];           /* room for a special parameter's text */
};

/* Run a tree; returns (and sets sh->status to) its exit status. */
int sh_run(struct shell *sh, struct node *n);
/* Parse and run a whole text (a script, sh -c, an interactive line);
 * a syntax error is reported on stderr and gives status 2. */
int sh_run_text(struct shell *sh, const char *text);
/* The lookup for expand.c: special parameters, then variables. */
const char *sh_lookup(const char *name, void *ctx);
/* The exit status a waitpid status word stands for (128+n: signal n). */
int sh_wait_status(int wstatus);
/* Fork with stdio flushed first (no output written twice); reports a
 * failure ("sh: fork: ...") and returns -1. */
pid_t sh_fork(void);

/* exec.c: one command; forked: the caller is already a child of its own
 * (a pipeline stage), so a program is exec'ed in place. */
int sh_run_cmd(struct shell *sh, const struct node *n, int forked);
/* pipeline.c: a | b | ...: the status of the last command. */
int sh_run_pipeline(struct shell *sh, struct node *n);

/* builtins.c: the function of a builtin, or NULL. */
typedef int (*builtin_fn)(struct shell *sh, int argc, char **argv);
builtin_fn builtin_find(const char *name);

#endif
