/* regerror.c: the text of a regcomp/regexec result (regex.h). */
#include <string.h>
#include <regex.h>

static const char *const texts[] = {
    [0]            = "success",
    [REG_NOMATCH]  = "no match",
    [REG_BADPAT]   = "invalid pattern or unsupported flags",
    [REG_ECOLLATE] = "collating elements and equivalence classes are not supported",
    [REG_ECTYPE]   = "unknown character class",
    [REG_EESCAPE]  = "trailing backslash",
    [REG_ESUBREG]  = "invalid back reference",
    [REG_EBRACK]   = "unmatched [",
    [REG_EPAREN]   = "unmatched ( or )",
    [REG_EBRACE]   = "unmatched {",
    [REG_BADBR]    = "invalid repetition count",
    [REG_ERANGE]   = "invalid range end",
    [REG_ESPACE]   = "pattern too big",
    [REG_BADRPT]   = "repetition operator without an operand",
};

/* Copy the text (cut to size, NUL-terminated) and return the size it
 * needs, NUL included. */
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict buf, size_t size)
{
    const char *t = "unknown error";
    (void)preg;
    if (errcode >= 0 && errcode < (int)(sizeof(texts) / sizeof(texts[0])) && texts[errcode])
        t = texts[errcode];
    if (size > 0) {
        size_t n = strlen(t) < size - 1 ? strlen(t) : size - 1;
        memcpy(buf, t, n);
        buf[n] = 0;
    }
    return strlen(t) + 1;
}
