/* vars.h: the shell's variables.
 *
 * A small table of NAME=value pairs, each marked exported or not.  The
 * exported ones make the environment of the programs the shell starts
 * (vars_environ).  Special parameters ($?, $$...) are not stored here:
 * the caller's lookup function answers them first.
 * Portable C (host-tested in tests/host/sh/). */
#ifndef SH_VARS_H
#define SH_VARS_H

struct var {
    char *name, *value;
    int exported;
    struct var *next;
};

struct vars {
    struct var *list;       /* in order of creation */
};

/* 1 if name is a valid variable name ([A-Za-z_][A-Za-z0-9_]*). */
int vars_valid_name(const char *name);
/* Set (create or replace) a variable; export: 1 marks it exported, 0
 * keeps its mark.  0, or -1 (bad name or no memory). */
int vars_set(struct vars *v, const char *name, const char *value, int export);
const char *vars_get(const struct vars *v, const char *name);   /* or NULL */
int vars_export(struct vars *v, const char *name);  /* mark; creates it empty */
void vars_unset(struct vars *v, const char *name);
/* "NAME=value" for every exported variable, NULL-terminated, malloc'ed
 * (free with vars_free_environ); NULL if out of memory. */
char **vars_environ(const struct vars *v);
void vars_free_environ(char **env);
/* Import an environment (NAME=value strings) as exported variables. */
void vars_import(struct vars *v, char *const *env);
void vars_clear(struct vars *v);

#endif
