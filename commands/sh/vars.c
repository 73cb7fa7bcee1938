/* vars.c: the shell's variable table (vars.h): a linked list in creation
 * order (`set` and the environment list them in that order).
 * Invariant: names are valid and unique in the list. */
#include <stdlib.h>
#include <string.h>
#include "vars.h"

int vars_valid_name(const char *name)
{
    if (name == NULL || !(*name == '_' || (*name >= 'a' && *name <= 'z') ||
                          (*name >= 'A' && *name <= 'Z')))
        return 0;
    for (const char *p = name + 1; *p; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

static struct var *find(const struct vars *v, const char *name)
{
    for (struct var *p = v->list; p != NULL; p = p->next)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

static char *copy(const char *s)
{
    char *d = malloc(strlen(s) + 1);

    if (d)
        strcpy(d, s);
    return d;
}

int vars_set(struct vars *v, const char *name, const char *value, int export)
{
    struct var *p, **tail;
    char *val;

    if (!vars_valid_name(name) || (val = copy(value ? value : "")) == NULL)
        return -1;
    if ((p = find(v, name)) != NULL) {
        free(p->value);
        p->value = val;
        p->exported |= export;
        return 0;
    }
    if ((p = calloc(1, sizeof(*p))) == NULL || (p->name = copy(name)) == NULL) {
        free(p);
        free(val);
        return -1;
    }
    p->value = val;
    p->exported = export;
    for (tail = &v->list; *tail != NULL; tail = &(*tail)->next)
        ;
    *tail = p;
    return 0;
}

const char *vars_get(const struct vars *v, const char *name)
{
    const struct var *p = find(v, name);

    return p ? p->value : NULL;
}

int vars_export(struct vars *v, const char *name)
{
    struct var *p = find(v, name);

    if (p == NULL)
        return vars_set(v, name, "", 1);
    p->exported = 1;
    return 0;
}

void vars_unset(struct vars *v, const char *name)
{
    for (struct var **pp = &v->list; *pp != NULL; pp = &(*pp)->next)
        if (strcmp((*pp)->name, name) == 0) {
            struct var *p = *pp;
            *pp = p->next;
            free(p->name);
            free(p->value);
            free(p);
            return;
        }
}

char **vars_environ(const struct vars *v)
{
    int n = 0, i = 0;
    char **env;

    for (const struct var *p = v->list; p; p = p->next)
        n += p->exported;
    if ((env = calloc((size_t)n + 1, sizeof(char *))) == NULL)
        return NULL;
    for (const struct var *p = v->list; p; p = p->next) {
        if (!p->exported)
            continue;
        size_t ln = strlen(p->name), lv = strlen(p->value);
        if ((env[i] = malloc(ln + lv + 2)) == NULL) {
            vars_free_environ(env);
            return NULL;
        }
        memcpy(env[i], p->name, ln);
        env[i][ln] = '=';
        memcpy(env[i] + ln + 1, p->value, lv + 1);
        i++;
    }
    return env;
}

void vars_free_environ(char **env)
{
    for (int i = 0; env && env[i]; i++)
        free(env[i]);
    free(env);
}

void vars_import(struct vars *v, char *const *env)
{
    char name[64];

    for (int i = 0; env && env[i]; i++) {
        const char *eq = strchr(env[i], '=');
        size_t n = eq ? (size_t)(eq - env[i]) : 0;
        if (eq == NULL || n >= sizeof(name))
            continue;
        memcpy(name, env[i], n);
        name[n] = '\0';
        vars_set(v, name, eq + 1, 1);
    }
}

void vars_clear(struct vars *v)
{
    while (v->list)
        vars_unset(v, v->list->name);
}
