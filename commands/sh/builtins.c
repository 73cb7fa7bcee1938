/* builtins.c: the commands that must run inside the shell.
 *
 *   cd [dir]        HOME (or /) without an argument; sets PWD
 *   pwd             the working directory
 *   exit [n]        leave with n (default: $?)
 *   export NAME[=value]...   into the environment of programs
 *   unset NAME...   forget variables
 *   set             list the variables (NAME=value)
 *   wait [pid...]   wait for background jobs: all, or the pids given;
 *                   the status of the last one waited for
 * Each returns its exit status: 0, 1 on failure, 2 on bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

static int usage(const char *text)
{
    fprintf(stderr, "usage: %s\n", text);
    return 2;
}

static int bi_cd(struct shell *sh, int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : vars_get(&sh->vars, "HOME");
    char buf[256];

    if (argc > 2)
        return usage("cd [dir]");
    if (dir == NULL || *dir == '\0')
        dir = "/";
    if (chdir(dir) < 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    if (getcwd(buf, sizeof(buf)) != NULL)
        vars_set(&sh->vars, "PWD", buf, 0);
    return 0;
}

static int bi_pwd(struct shell *sh, int argc, char **argv)
{
    char buf[256];

    (void)sh;
    (void)argv;
    if (argc > 1)
        return usage("pwd");
    if (getcwd(buf, sizeof(buf)) == NULL) {
        fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

static int bi_exit(struct shell *sh, int argc, char **argv)
{
    char *end;
    long n = sh->status;

    if (argc > 2)
        return usage("exit [n]");
    if (argc == 2) {
        n = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0') {
            fprintf(stderr, "sh: exit: %s: not a number\n", argv[1]);
            n = 2;
        }
    }
    sh->exiting = 1;
    return (int)(n & 0xff);
}

/* NAME or NAME=value */
static int export_one(struct shell *sh, char *arg)
{
    char *eq = strchr(arg, '=');
    int rc;

    if (eq == NULL)
        rc = vars_export(&sh->vars, arg);
    else {
        *eq = '\0';
        rc = vars_set(&sh->vars, arg, eq + 1, 1);
        *eq = '=';
    }
    if (rc < 0)
        fprintf(stderr, "sh: export: %s: bad variable name\n", arg);
    return rc < 0;
}

static int bi_export(struct shell *sh, int argc, char **argv)
{
    int rc = 0;

    for (int i = 1; i < argc; i++)
        rc |= export_one(sh, argv[i]);
    return rc;
}

static int bi_unset(struct shell *sh, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        vars_unset(&sh->vars, argv[i]);
    return 0;
}

static int bi_set(struct shell *sh, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return usage("set");
    for (const struct var *v = sh->vars.list; v != NULL; v = v->next)
        printf("%s=%s\n", v->name, v->value);
    return 0;
}

/* One pid, or every child when pid is -1; the status of the last. */
static int wait_for(pid_t pid)
{
    int w, rc = 0;
    pid_t got;

    while ((got = waitpid(pid, &w, 0)) > 0 || (got < 0 && errno == EINTR)) {
        if (got < 0)
            continue;
        rc = sh_wait_status(w);
        if (pid != -1)
            return rc;
    }
    return pid == -1 ? 0 : 127;             /* no such child */
}

static int bi_wait(struct shell *sh, int argc, char **argv)
{
    int rc = 0;

    (void)sh;
    if (argc == 1)
        return wait_for(-1);
    for (int i = 1; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*argv[i] == '\0' || *end != '\0' || pid <= 0)
            return usage("wait [pid...]");
        rc = wait_for((pid_t)pid);
    }
    return rc;
}

static const struct {
    const char *name;
    builtin_fn fn;
} builtins[] = {
    { "cd", bi_cd }, { "pwd", bi_pwd }, { "exit", bi_exit },
    { "export", bi_export }, { "unset", bi_unset }, { "set", bi_set },
    { "wait", bi_wait },
};

builtin_fn builtin_find(const char *name)
{
    for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].fn;
    return NULL;
}
