/* search.c: finding characters and substrings, and tokenizing.
 *
 * strchr/strrchr can find the terminating NUL itself (c == 0), as C
 * requires.  strtok_r keeps its position in *saveptr only, so it is
 * reentrant; it writes NULs into the string it scans. */
#include <string.h>

char *strchr(const char *s, int c)
{
    char ch = (char)c;

    for (;; s++) {
        if (*s == ch)
            return (char *)s;
        if (*s == '\0')
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    char ch = (char)c;
    const char *last = NULL;

    for (;; s++) {
        if (*s == ch)
            last = s;
        if (*s == '\0')
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    if (n == 0)
        return (char *)haystack;
    for (; (haystack = strchr(haystack, needle[0])) != NULL; haystack++)
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return NULL;
}

/* Length of the prefix of s made only of characters in accept. */
size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;

    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

/* Length of the prefix of s made only of characters not in reject. */
size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;

    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char *strtok_r(char *restrict s, const char *restrict delim,
               char **restrict saveptr)
{
    char *tok;

    if (s == NULL)
        s = *saveptr;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);          /* skip leading delimiters */
    if (*s == '\0') {
        *saveptr = NULL;
        return NULL;
    }
    tok = s;
    s += strcspn(s, delim);
    if (*s != '\0')
        *s++ = '\0';
    *saveptr = s;
    return tok;
}
