/* pipeline.c: a | b | c.
 *
 * The parser nests pipelines to the left ((a | b) | c); they are
 * flattened into their stages first.  Stage i reads the pipe of stage
 * i-1 and writes a fresh pipe; every stage is a child (a builtin in a
 * pipeline runs in its child, so `cd` there changes nothing, as in
 * POSIX shells).  Invariant: the shell keeps at most the read end of the
 * previous pipe open between two forks, so every pipe is closed in the
 * shell once both of its children have it, and a reader sees the end of
 * the data when its writer exits.  The status is the last stage's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"
#include "term.h"

#define PIPE_MAX 32                 /* stages in one pipeline */

static int flatten(struct node *n, struct node **stage, int max)
{
    int k;

    if (n->kind != N_PIPE)
        return max > 0 ? (stage[0] = n, 1) : -1;
    if ((k = flatten(n->left, stage, max)) < 0 || k == max)
        return -1;
    stage[k] = n->right;
    return k + 1;
}

/* In the child of stage i: stdin from in, stdout to out[1]. */
static void stage_child(struct shell *sh, struct node *n, int in, const int *out)
{
    if (in >= 0) {
        dup2(in, 0);
        close(in);
    }
    if (out) {
        close(out[0]);
        dup2(out[1], 1);
        close(out[1]);
    }
    sh->interactive = 0;
    if (n->kind == N_CMD)
        _exit(sh_run_cmd(sh, n, 1));
    _exit(sh_run(sh, n));
}

/* Start every stage; returns how many were started (pids in pid[]). */
static int start_stages(struct shell *sh, struct node **stage, int n, pid_t *pid)
{
    int in = -1, fds[2];
    int i;

    for (i = 0; i < n; i++) {
        int last = i == n - 1;
        if (!last && pipe(fds) < 0) {
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            break;
        }
        if ((pid[i] = sh_fork()) == 0)
            stage_child(sh, stage[i], in, last ? NULL : fds);
        if (in >= 0)
            close(in);
        if (!last)
            close(fds[1]);
        in = last ? -1 : fds[0];
        if (pid[i] < 0)
            break;
        term_foreground_group(sh, pid[i], pid[0]);
    }
    if (in >= 0)
        close(in);
    return i;
}

int sh_run_pipeline(struct shell *sh, struct node *n)
{
    struct node *stage[PIPE_MAX];
    pid_t pid[PIPE_MAX];
    int k = flatten(n, stage, PIPE_MAX), started, w = 0, r, rc = 1;

    if (k < 0) {
        fprintf(stderr, "sh: pipeline longer than %d commands\n", PIPE_MAX);
        return 1;
    }
    started = start_stages(sh, stage, k, pid);
    for (int i = 0; i < started; i++) {
        while ((r = waitpid(pid[i], &w, 0)) < 0 && errno == EINTR)
            ;
        if (i == k - 1)
            rc = r < 0 ? 1 : sh_wait_status(w);
    }
    term_reclaim(sh);
    return rc;
}
