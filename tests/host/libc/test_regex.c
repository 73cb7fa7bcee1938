/* test_regex.c: the guest's POSIX ERE subset (os/lib/libc/regex) against
 * fixed expectations and against the host's regcomp/regexec (glibc), which
 * implements the whole of POSIX: for every pattern of the subset both must
 * agree on whether a string matches and on the leftmost-longest match.
 *
 * Groups: fixed cases (anchors, classes, alternation, repetition), error
 * codes, a differential run over hand-picked patterns and one over random
 * patterns from the subset's grammar, REG_ICASE/REG_NOTBOL/REG_NOSUB, and a
 * pattern that makes a backtracking matcher take exponential time. */
#include "lt_api.h"
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Match with the guest engine: -1 for a compile error, 0 no match, 1 match
 * (with *so, *eo the match). */
static int guest(const char *pat, const char *s, int cflags, int *so, int *eo)
{
    lt_regex_t re;
    lt_regmatch_t m[2];
    int r = lt_regcomp(&re, pat, LT_REG_EXTENDED | cflags);
    *so = *eo = -1;
    if (r)
        return -1;
    r = lt_regexec(&re, s, 2, m, 0);
    lt_regfree(&re);
    *so = r ? -1 : m[0].rm_so;
    *eo = r ? -1 : m[0].rm_eo;
    return r == 0;
}

static int host(const char *pat, const char *s, int cflags, int *so, int *eo)
{
    regex_t re;
    regmatch_t m[1];
    int r = regcomp(&re, pat, REG_EXTENDED | cflags);
    *so = *eo = -1;
    if (r)
        return -1;
    r = regexec(&re, s, 1, m, 0);
    regfree(&re);
    *so = r ? -1 : (int)m[0].rm_so;
    *eo = r ? -1 : (int)m[0].rm_eo;
    return r == 0;
}

static void same_as_host(const char *pat, const char *s)
{
    int gso = -1, geo = -1, hso = -1, heo = -1;
    int g = guest(pat, s, 0, &gso, &geo), h = host(pat, s, 0, &hso, &heo);
    lt_check(g == h && gso == hso && geo == heo,
             "/%s/ on \"%s\": guest %d [%d,%d), host %d [%d,%d)", pat, s, g, gso, geo, h, hso, heo);
}

struct fixed { const char *pat, *s; int match, so, eo; };

static void test_regex_fixed(void **state)
{
    static const struct fixed cases[] = {
        { "abc", "xxabcxx", 1, 2, 5 },     { "^abc", "xabc", 0, -1, -1 },
        { "^abc$", "abc", 1, 0, 3 },       { "^abc$", "abcd", 0, -1, -1 },
        { "a.c", "abc", 1, 0, 3 },         { "a.c", "ac", 0, -1, -1 },
        { "[0-9]+", "ab123c", 1, 2, 5 },   { "[^a-z]", "abcD", 1, 3, 4 },
        { "[[:digit:]]{3}", "a12345", 1, 1, 4 }, { "[]a]+", "x]a]", 1, 1, 4 },
        { "[a-]+", "x-a-", 1, 1, 4 },      { "cat|dog", "hotdog", 1, 3, 6 },
        { "^(ds|rs)\\.x$", "rs.x", 1, 0, 4 }, { "^(ds|rs)\\.x$", "rsax", 0, -1, -1 },
        { "a*", "bbb", 1, 0, 0 },          { "(a|ab)(c|bcd)", "abcd", 1, 0, 4 },
        { "x(a|b)*y", "xababy", 1, 0, 6 }, { "a{2,3}", "aaaa", 1, 0, 3 },
        { "a{2,}", "aaaaa", 1, 0, 5 },     { "a{2}", "a", 0, -1, -1 },
        { "colou?r", "color", 1, 0, 5 },   { "()", "x", 1, 0, 0 },
        { "\\*", "a*b", 1, 1, 2 },         { "[\\]+", "a\\\\", 1, 1, 3 },
        { "^$", "", 1, 0, 0 },             { "b$", "abab", 1, 3, 4 },
    };
    (void)state;
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct fixed *c = &cases[i];
        int so, eo, g = guest(c->pat, c->s, 0, &so, &eo);
        lt_check(g == c->match && so == c->so && eo == c->eo,
                 "/%s/ on \"%s\": got %d [%d,%d), want %d [%d,%d)", c->pat, c->s, g, so, eo,
                 c->match, c->so, c->eo);
    }
}

static void test_regex_errors(void **state)
{
    static const struct { const char *pat; int err; } cases[] = {
        { "(ab", REG_EPAREN },   { "ab)", REG_EPAREN },   { "[ab", REG_EBRACK },
        { "*a", REG_BADRPT },    { "a|*b", REG_BADRPT },  { "(+a)", REG_BADRPT },
        { "a{2,1}", REG_BADBR }, { "a{256}", REG_BADBR }, { "a{x}", REG_BADBR },
        { "a{2", REG_EBRACE },   { "a\\", REG_EESCAPE },  { "[z-a]", REG_ERANGE },
        { "[[:nope:]]", REG_ECTYPE }, { "[[.a.]]", REG_ECOLLATE }, { "[[=a=]]", REG_ECOLLATE },
        { "((((a{255}){255}){255}){255})", REG_ESPACE },
    };
    lt_regex_t re;
    char buf[80];
    (void)state;
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int r = lt_regcomp(&re, cases[i].pat, LT_REG_EXTENDED);
        lt_check(r == cases[i].err, "/%s/: regcomp %d, want %d", cases[i].pat, r, cases[i].err);
        lt_check(re.re_prog == NULL, "/%s/: a failed regcomp keeps memory", cases[i].pat);
    }
    lt_check(lt_regcomp(&re, "a", 0) == REG_BADPAT, "basic syntax must be refused");
    lt_check(lt_regcomp(&re, "a", LT_REG_EXTENDED | LT_REG_NEWLINE) == REG_BADPAT,
             "REG_NEWLINE must be refused");
    size_t need = lt_regerror(REG_EPAREN, NULL, buf, 4);
    lt_check(need > 4 && strlen(buf) == 3, "regerror cut: need %zu, got \"%s\"", need, buf);
}

static const char *const diff_pats[] = {
    "a", "ab|cd", "(a|b)*c", "a+b+", "^a*$", "(ab)+", "a?b?c?", "[abc]{2,3}", "(a|ab)(c|bcd)(d*)",
    "x*", "(a*)*", "(a*|b)*", "^(a|b)*$", "[^a]+", "a{0,2}b", "(ab|a)(bc|c)?", "b+$", "^b+",
    ".*c", "(.)(.)", "[[:alpha:]]+[[:digit:]]*", "(aa|a)(aa|a)", "a|b|c|", "(|a)b", "c{3}",
};
static const char *const diff_strs[] = {
    "", "a", "b", "ab", "abc", "abcd", "aab", "bbb", "cabac", "aaaa", "xabcx", "ba9", "a1b22",
    "abab", "cc", "ccc", "bcbc",
};

static void test_regex_vs_host(void **state)
{
    (void)state;
    for (unsigned i = 0; i < sizeof(diff_pats) / sizeof(diff_pats[0]); i++)
        for (unsigned j = 0; j < sizeof(diff_strs) / sizeof(diff_strs[0]); j++)
            same_as_host(diff_pats[i], diff_strs[j]);
}

/* A random pattern of the subset over the letters a, b, c. */
static void rand_pat(char *out, size_t *n, size_t max, int depth)
{
    int parts = 1 + rand() % 3;
    for (int p = 0; p < parts && *n + 12 < max; p++) {
        int k = rand() % 10;
        if (k < 4)
            out[(*n)++] = "abc"[rand() % 3];
        else if (k == 4)
            out[(*n)++] = '.';
        else if (k == 5) {
            memcpy(out + *n, "[ab]", 4);
            *n += 4;
        } else if (depth < 3) {
            out[(*n)++] = '(';
            rand_pat(out, n, max, depth + 1);
            if (k == 6 && *n + 12 < max) {
                out[(*n)++] = '|';
                rand_pat(out, n, max, depth + 1);
            }
            out[(*n)++] = ')';
        } else
            out[(*n)++] = 'a';
        static const char *const reps[] = { "", "", "*", "+", "?", "{2}", "{1,2}", "{0,}" };
        const char *r = reps[rand() % 8];
        memcpy(out + *n, r, strlen(r));
        *n += strlen(r);
    }
}

static void test_regex_random_vs_host(void **state)
{
    char pat[200], s[16];
    (void)state;
    srand(12345);
    for (int i = 0; i < 3000; i++) {
        size_t n = 0, len = (size_t)(rand() % 12);
        rand_pat(pat, &n, sizeof(pat) - 16, 0);
        pat[n] = 0;
        for (size_t k = 0; k < len; k++)
            s[k] = "abc"[rand() % 3];
        s[len] = 0;
        same_as_host(pat, s);
    }
}

static void test_regex_flags(void **state)
{
    lt_regex_t re;
    lt_regmatch_t m[3];
    int so, eo;
    (void)state;
    lt_check(guest("^ABC[d-f]$", "abcE", LT_REG_ICASE, &so, &eo) == 1, "REG_ICASE literal/range");
    lt_check(guest("[^a]", "A", LT_REG_ICASE, &so, &eo) == 0, "REG_ICASE negated class");
    lt_check(lt_regcomp(&re, "^a(b)", LT_REG_EXTENDED) == 0 && re.re_nsub == 1, "re_nsub");
    lt_check(lt_regexec(&re, "ab", 3, m, LT_REG_NOTBOL) == REG_NOMATCH, "REG_NOTBOL");
    lt_check(lt_regexec(&re, "ab", 3, m, 0) == 0 && m[0].rm_so == 0 && m[0].rm_eo == 2 &&
             m[1].rm_so == -1 && m[2].rm_so == -1, "pmatch: [0] the match, the rest -1");
    lt_regfree(&re);
    lt_check(lt_regcomp(&re, "b$", LT_REG_EXTENDED | LT_REG_NOSUB) == 0, "REG_NOSUB compiles");
    m[0].rm_so = 77;
    lt_check(lt_regexec(&re, "ab", 1, m, 0) == 0 && m[0].rm_so == 77, "REG_NOSUB leaves pmatch");
    lt_check(lt_regexec(&re, "ab", 1, m, LT_REG_NOTEOL) == REG_NOMATCH, "REG_NOTEOL");
    lt_regfree(&re);
}

/* (a*)*b over a long run of a's: exponential for a backtracking matcher,
 * linear here.  20000 characters must take well under a second. */
static void test_regex_no_backtracking(void **state)
{
    static char s[20001];
    int so, eo;
    clock_t t0 = clock();
    (void)state;
    memset(s, 'a', sizeof(s) - 1);
    lt_check(guest("(a*)*b", s, 0, &so, &eo) == 0, "no b, no match");
    lt_check(guest("^(a|aa)*$", s, 0, &so, &eo) == 1 && eo == 20000, "all a's");
    lt_check((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0, "took %.2f s",
             (double)(clock() - t0) / CLOCKS_PER_SEC);
}

int run_regex_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regex_fixed),
        cmocka_unit_test(test_regex_errors),
        cmocka_unit_test(test_regex_vs_host),
        cmocka_unit_test(test_regex_random_vs_host),
        cmocka_unit_test(test_regex_flags),
        cmocka_unit_test(test_regex_no_backtracking),
    };
    return cmocka_run_group_tests_name("regex", tests, NULL, NULL);
}
