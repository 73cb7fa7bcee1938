/* env.c: the environment, a NULL-terminated array of "NAME=value" strings.
 * It starts empty (no process start passes one yet; execve's envp will be
 * installed through environ).  setenv builds a fresh malloc'ed array the
 * first time, so the original (maybe on the start stack) is never freed.
 * Invariant: names are unique in environ. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static char *empty_env[1];
char **environ = empty_env;
static int env_owned;           /* environ and its strings are ours */

static int find(const char *name, size_t len)
{
    for (int i = 0; environ[i] != NULL; i++)
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return i;
    return -1;
}

static int count(void)
{
    int n = 0;

    while (environ[n] != NULL)
        n++;
    return n;
}

char *getenv(const char *name)
{
    int i = find(name, strlen(name));

    return i < 0 ? NULL : environ[i] + strlen(name) + 1;
}

/* Copy environ into a malloc'ed array with room for one more entry. */
static int own(void)
{
    int n = count();
    char **a = malloc(sizeof(char *) * (size_t)(n + 2));

    if (a == NULL)
        return -1;
    for (int i = 0; i <= n; i++)
        a[i] = environ[i] == NULL ? NULL : strdup(environ[i]);
    environ = a;
    env_owned = 1;
    return 0;
}

static int valid(const char *name)
{
    if (name == NULL || *name == '\0' || strchr(name, '=') != NULL) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int setenv(const char *name, const char *value, int overwrite)
{
    size_t len;
    int i, n;
    char *s, **a;

    if (!valid(name) || (!env_owned && own() < 0))
        return -1;
    len = strlen(name);
    i = find(name, len);
    if (i >= 0 && !overwrite)
        return 0;
    if ((s = malloc(len + strlen(value) + 2)) == NULL)
        return -1;
    strcpy(s, name);
    s[len] = '=';
    strcpy(s + len + 1, value);
    if (i >= 0) {
        free(environ[i]);
        environ[i] = s;
        return 0;
    }
    n = count();
    if ((a = realloc(environ, sizeof(char *) * (size_t)(n + 2))) == NULL) {
        free(s);
        return -1;
    }
    a[n] = s;
    a[n + 1] = NULL;
    environ = a;
    return 0;
}

int unsetenv(const char *name)
{
    int i;

    if (!valid(name) || (!env_owned && own() < 0))
        return -1;
    if ((i = find(name, strlen(name))) < 0)
        return 0;
    free(environ[i]);
    for (; environ[i] != NULL; i++)
        environ[i] = environ[i + 1];
    return 0;
}
