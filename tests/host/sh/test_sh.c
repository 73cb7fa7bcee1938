/* test_sh.c: host unit tests of the shell's front end: the lexer (lex.c),
 * the parser (parse.c) and word expansion (expand.c).  The trees are
 * checked through a printed form: (cmd words <redirs>), ops in prefix. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../commands/sh/lex.h"
#include "../../../commands/sh/parse.h"
#include "../../../commands/sh/expand.h"

static void show(const struct node *n, char *out, size_t cap)
{
    static const char *ops[] = { "", "|", "&&", "||", ";", "&" };
    static const char *rk[] = { "<", ">", ">>", ">&" };
    size_t len = strlen(out);

    if (n == NULL) {
        snprintf(out + len, cap - len, "-");
        return;
    }
    if (n->kind != N_CMD) {
        snprintf(out + len, cap - len, "(%s ", ops[n->kind]);
        show(n->left, out, cap);
        len = strlen(out);
        snprintf(out + len, cap - len, " ");
        show(n->right, out, cap);
        len = strlen(out);
        snprintf(out + len, cap - len, ")");
        return;
    }
    snprintf(out + len, cap - len, "[");
    for (int i = 0; i < n->nwords; i++) {
        len = strlen(out);
        snprintf(out + len, cap - len, i ? " %s" : "%s", n->words[i]);
    }
    for (const struct redir *r = n->redirs; r; r = r->next) {
        len = strlen(out);
        snprintf(out + len, cap - len, " %d%s%s", r->fd, rk[r->kind], r->word);
    }
    len = strlen(out);
    snprintf(out + len, cap - len, "]");
}

static void check_parse(const char *in, const char *want)
{
    char out[512] = "";
    const char *err;
    struct node *n = parse(in, &err);

    if (err) {
        snprintf(out, sizeof(out), "error: %s", err);
    } else {
        show(n, out, sizeof(out));
    }
    assert_string_equal(out, want);
    node_free(n);
}

static void test_lex_words_and_ops(void **state)
{
    struct lexer lx;
    struct token t;
    enum tok_kind want[] = { T_WORD, T_PIPE, T_WORD, T_AND, T_WORD, T_OR,
                             T_WORD, T_SEMI, T_WORD, T_AMP, T_EOF };
    (void)state;
    lex_init(&lx, "a|b&&c||d;e&");
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        t = lex_next(&lx);
        assert_int_equal(t.kind, want[i]);
        free(t.kind == T_WORD ? t.text : NULL);
    }
}

static void test_lex_quotes_keep_raw(void **state)
{
    struct lexer lx;
    struct token t;
    (void)state;
    lex_init(&lx, "  'a b'\"c|d\"e\\ f  # comment");
    t = lex_next(&lx);
    assert_int_equal(t.kind, T_WORD);
    assert_string_equal(t.text, "'a b'\"c|d\"e\\ f");
    free(t.text);
    assert_int_equal(lex_next(&lx).kind, T_EOF);
}

static void test_lex_unterminated_quote(void **state)
{
    struct lexer lx;
    (void)state;
    lex_init(&lx, "echo 'abc");
    free(lex_next(&lx).text);
    struct token t = lex_next(&lx);
    assert_int_equal(t.kind, T_ERROR);
    assert_string_equal(t.text, "unterminated quote");
}

static void test_lex_io_number(void **state)
{
    struct lexer lx;
    struct token t;
    (void)state;
    lex_init(&lx, "2>x 12 >y a2>z");
    t = lex_next(&lx);
    assert_int_equal(t.kind, T_GREAT);
    assert_int_equal(t.fd, 2);
    free(lex_next(&lx).text);
    t = lex_next(&lx);
    assert_string_equal(t.text, "12");     /* a blank before '>': a word */
    free(t.text);
    assert_int_equal(lex_next(&lx).fd, -1);
    free(lex_next(&lx).text);
    t = lex_next(&lx);
    assert_string_equal(t.text, "a2");     /* not all digits: a word */
    free(t.text);
}

static void test_parse_simple(void **state)
{
    (void)state;
    check_parse("echo hello world", "[echo hello world]");
    check_parse("", "-");
    check_parse("  # just a comment\n\n", "-");
}

static void test_parse_pipeline_and_lists(void **state)
{
    (void)state;
    check_parse("a | b | c", "(| (| [a] [b]) [c])");
    check_parse("a && b || c", "(|| (&& [a] [b]) [c])");
    check_parse("a; b; c", "(; (; [a] [b]) [c])");
    check_parse("a & b", "(; (& [a] -) [b])");
    check_parse("a | b && c ; d &", "(; (&& (| [a] [b]) [c]) (& [d] -))");
    check_parse("a\nb\n", "(; [a] [b])");
    check_parse("a &&\n b", "(&& [a] [b])");
}

static void test_parse_redirections(void **state)
{
    (void)state;
    check_parse("sort <in >out", "[sort 0<in 1>out]");
    check_parse("cmd >>log 2>err 2>&1", "[cmd 1>>log 2>err 2>&1]");
    check_parse(">only", "[ 1>only]");
    check_parse("cat < 'my file'", "[cat 0<'my file']");
}

static void test_parse_errors(void **state)
{
    (void)state;
    check_parse("| a", "error: syntax error: a command is missing");
    check_parse("a |", "error: syntax error: a command is missing");
    check_parse("a && ; b", "error: syntax error: a command is missing");
    check_parse("a >", "error: syntax error: a redirection needs a word");
    check_parse("echo \"abc", "error: unterminated quote");
    check_parse(";", "error: syntax error: a command is missing");
}

static const char *lookup(const char *name, void *ctx)
{
    (void)ctx;
    if (strcmp(name, "HOME") == 0) return "/home/me";
    if (strcmp(name, "?") == 0) return "1";
    if (strcmp(name, "$") == 0) return "42";
    if (strcmp(name, "L") == 0) return "a  b\tc";
    if (strcmp(name, "E") == 0) return "";
    return NULL;
}

/* Expand `raw` and join the fields with '|' for comparison. */
static void check_expand(const char *raw, const char *want)
{
    struct fields f = { NULL, 0 };
    char out[256] = "";

    assert_int_equal(expand_word(raw, lookup, NULL, &f), 0);
    for (int i = 0; i < f.n; i++) {
        strcat(out, i ? "|" : "");
        strcat(out, f.v[i]);
    }
    if (f.n == 0)
        strcpy(out, "<none>");
    assert_string_equal(out, want);
    fields_free(&f);
}

static void test_expand_variables(void **state)
{
    (void)state;
    check_expand("$HOME/x", "/home/me/x");
    check_expand("${HOME}x", "/home/mex");
    check_expand("$?:$$", "1:42");
    check_expand("$UNSET", "<none>");
    check_expand("a$UNSET", "a");
    check_expand("$", "$");
    check_expand("a$-b", "a$-b");
}

static void test_expand_quotes(void **state)
{
    (void)state;
    check_expand("'$HOME'", "$HOME");
    check_expand("\"$HOME\"", "/home/me");
    check_expand("\"a  b\"", "a  b");
    check_expand("\\$HOME", "$HOME");
    check_expand("\"\\$x\\\"\\\\\\n\"", "$x\"\\\\n");
    check_expand("''", "");
    check_expand("\"\"", "");
    check_expand("it\\'s", "it's");
}

static void test_expand_splitting(void **state)
{
    (void)state;
    check_expand("$L", "a|b|c");
    check_expand("\"$L\"", "a  b\tc");
    check_expand("x$L", "xa|b|c");
    check_expand("$E", "<none>");
    check_expand("\"$E\"", "");
}

static void test_expand_one(void **state)
{
    char *s;
    (void)state;
    s = expand_one("$L", lookup, NULL);
    assert_string_equal(s, "a  b\tc");
    free(s);
    s = expand_one("$E", lookup, NULL);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lex_words_and_ops),
        cmocka_unit_test(test_lex_quotes_keep_raw),
        cmocka_unit_test(test_lex_unterminated_quote),
        cmocka_unit_test(test_lex_io_number),
        cmocka_unit_test(test_parse_simple),
        cmocka_unit_test(test_parse_pipeline_and_lists),
        cmocka_unit_test(test_parse_redirections),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_expand_variables),
        cmocka_unit_test(test_expand_quotes),
        cmocka_unit_test(test_expand_splitting),
        cmocka_unit_test(test_expand_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
