/* strdup.c: a malloc()ed copy of a string.  Its own file so that programs
 * that never allocate do not link malloc and its arena. */
#include <string.h>
#include <stdlib.h>

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (p != NULL)
        memcpy(p, s, n);
    return p;
}
