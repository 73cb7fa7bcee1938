/* path.c: from a command name to execve.
 *
 * ENOENT (or ENOTDIR) from every directory means "not found" (127); any
 * other error (EACCES, ENOEXEC: the file is there) means 126. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "path.h"
#include "sh.h"

#define DEFAULT_PATH "/bin"

/* One attempt; returns the errno it failed with. */
static int try_exec(const char *path, char **argv, char **env)
{
    execve(path, argv, env);
    return errno;
}

/* dir/name into buf; 0, or -1 if it does not fit. */
static int join(char *buf, size_t size, const char *dir, size_t dlen, const char *name)
{
    if (dlen + 1 + strlen(name) + 1 > size)
        return -1;
    memcpy(buf, dir, dlen);
    buf[dlen] = '/';
    strcpy(buf + dlen + 1, name);
    return 0;
}

/* Each directory of path in turn; the most telling errno. */
static int search(const char *path, char **argv, char **env)
{
    char buf[512];
    int best = ENOENT, e;

    for (const char *p = path;; p++) {
        size_t dlen = strcspn(p, ":");
        if (join(buf, sizeof(buf), dlen ? p : ".", dlen ? dlen : 1, argv[0]) == 0 &&
            (e = try_exec(buf, argv, env)) != ENOENT && e != ENOTDIR)
            best = e;               /* the file exists: its error wins */
        p += dlen;
        if (*p == '\0')
            return best;
    }
}

int path_exec(struct shell *sh, char **argv)
{
    char **env = vars_environ(&sh->vars);
    const char *path = vars_get(&sh->vars, "PATH");
    int e;

    if (env == NULL) {
        fprintf(stderr, "sh: out of memory\n");
        return 126;
    }
    if (strchr(argv[0], '/'))
        e = try_exec(argv[0], argv, env);
    else
        e = search(path ? path : DEFAULT_PATH, argv, env);
    if (e == ENOENT || e == ENOTDIR) {
        fprintf(stderr, "sh: %s: not found\n", argv[0]);
        return 127;
    }
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(e));
    return 126;
}
