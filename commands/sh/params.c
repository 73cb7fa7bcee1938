/* params.c: what $NAME reads: the special parameters, then variables.
 *
 *   $?  last status   $$  the shell's pid   $!  last background pid
 *   $#  arguments     $0  script or shell name   $1..$9  arguments
 * A number is written into sh->num: the pointer is valid until the next
 * lookup, which is all expand.c needs (it copies the text at once). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static const char *number(struct shell *sh, long v)
{
    snprintf(sh->num, sizeof(sh->num), "%ld", v);
    return sh->num;
}

static const char *positional(struct shell *sh, int i)
{
    return i < sh->argc ? sh->argv[i] : NULL;
}

const char *sh_lookup(const char *name, void *ctx)
{
    struct shell *sh = ctx;

    if (strcmp(name, "?") == 0)
        return number(sh, sh->status);
    if (strcmp(name, "$") == 0)
        return number(sh, (long)getpid());
    if (strcmp(name, "!") == 0)
        return sh->last_bg ? number(sh, (long)sh->last_bg) : "";
    if (strcmp(name, "#") == 0)
        return number(sh, sh->argc > 0 ? sh->argc - 1 : 0);
    if (name[0] >= '0' && name[0] <= '9' && name[1] == '\0')
        return positional(sh, name[0] - '0');
    return vars_get(&sh->vars, name);
}
