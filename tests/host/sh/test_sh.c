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
#include "../../../commands/sh/vars.h"
#include "../../../commands/sh/lineedit.h"

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

static void test_vars_set_get_export(void **state)
{
    struct vars v = { NULL };
    char **env;
    (void)state;
    assert_int_equal(vars_set(&v, "A", "1", 0), 0);
    assert_int_equal(vars_set(&v, "B", "two", 1), 0);
    assert_int_equal(vars_set(&v, "A", "3", 0), 0);
    assert_string_equal(vars_get(&v, "A"), "3");
    assert_null(vars_get(&v, "C"));
    assert_int_equal(vars_set(&v, "1X", "bad", 0), -1);
    assert_int_equal(vars_set(&v, "", "bad", 0), -1);
    assert_int_equal(vars_export(&v, "C"), 0);
    env = vars_environ(&v);
    assert_string_equal(env[0], "B=two");
    assert_string_equal(env[1], "C=");
    assert_null(env[2]);
    vars_free_environ(env);
    vars_unset(&v, "B");
    assert_null(vars_get(&v, "B"));
    vars_clear(&v);
    assert_null(v.list);
}

static void test_vars_import(void **state)
{
    struct vars v = { NULL };
    char *env[] = { "HOME=/", "PATH=/bin", "junk", "X==y", NULL };
    (void)state;
    vars_import(&v, env);
    assert_string_equal(vars_get(&v, "HOME"), "/");
    assert_string_equal(vars_get(&v, "PATH"), "/bin");
    assert_string_equal(vars_get(&v, "X"), "=y");
    assert_null(vars_get(&v, "junk"));
    vars_clear(&v);
}

/* A one-line terminal: applies the editor's output, to compare what the
 * user sees with the editor's buffer. */
struct screen { char line[LE_MAX + 8]; int col, len; };

static void screen_write(void *ctx, const char *s, size_t n)
{
    struct screen *sc = ctx;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\b') {
            assert_true(sc->col > 0);
            sc->col--;
        } else if (s[i] == '\r' || s[i] == '\n') {
            sc->col = 0;
        } else {
            sc->line[sc->col++] = s[i];
            if (sc->col > sc->len)
                sc->len = sc->col;
            sc->line[sc->len] = '\0';
        }
    }
}

/* Type keys; the screen must show the buffer (blanks after it) with the
 * cursor at cur.  Returns the last le_key result. */
static int type(struct lineedit *le, struct screen *sc, const char *keys)
{
    int r = LE_MORE;
    for (const char *k = keys; *k; k++) {
        r = le_key(le, (unsigned char)*k);
        if (r != LE_MORE)
            break;
        assert_int_equal(sc->col, le->cur);
        assert_memory_equal(sc->line, le->buf, (size_t)le->len);
        for (int i = le->len; i < sc->len; i++)
            assert_int_equal(sc->line[i], ' ');
    }
    return r;
}

static void test_lineedit_insert_move_erase(void **state)
{
    struct lineedit le;
    struct screen sc = { "", 0, 0 };
    (void)state;
    le_init(&le, screen_write, &sc);
    le_start(&le);
    assert_int_equal(type(&le, &sc, "ecxho"), LE_MORE);
    assert_int_equal(type(&le, &sc, "\x1b[D\x1b[D\x7f"), LE_MORE);
    assert_string_equal(le.buf, "echo");   /* the x erased in the middle */
    assert_int_equal(le.cur, 2);
    assert_int_equal(type(&le, &sc, "\x1b[D\x1b[Cz\x08"), LE_MORE);
    assert_string_equal(le.buf, "echo");   /* inserted and erased again */
    assert_int_equal(type(&le, &sc, "\x01X\x05 hi"), LE_MORE);
    assert_string_equal(le.buf, "Xecho hi");
    assert_int_equal(type(&le, &sc, "\x1b[C\x1b[C"), LE_MORE);  /* right at the end: nothing */
    assert_int_equal(le.cur, le.len);
    assert_int_equal(type(&le, &sc, "\r"), LE_DONE);
    assert_string_equal(le.buf, "Xecho hi");
    le_free(&le);
}

/* ^U kills the whole line (the cursor anywhere in it) and the screen
 * shows blanks where it was. */
static void test_lineedit_kill_line(void **state)
{
    struct lineedit le;
    struct screen sc = { "", 0, 0 };
    (void)state;
    le_init(&le, screen_write, &sc);
    le_start(&le);
    assert_int_equal(type(&le, &sc, "junk words\x1b[D\x1b[D\x15"), LE_MORE);
    assert_string_equal(le.buf, "");
    assert_int_equal(le.cur, 0);
    assert_int_equal(type(&le, &sc, "ok\r"), LE_DONE);
    assert_string_equal(le.buf, "ok");
    le_free(&le);
}

static void test_lineedit_history(void **state)
{
    struct lineedit le;
    struct screen sc = { "", 0, 0 };
    (void)state;
    le_init(&le, screen_write, &sc);
    le_history_add(&le, "first command");
    le_history_add(&le, "ls");
    le_history_add(&le, "ls");              /* a repeat is kept once */
    le_history_add(&le, "");                /* empty lines are not kept */
    assert_int_equal(le.nhist, 2);
    le_start(&le);
    sc.len = sc.col = 0;
    type(&le, &sc, "typ");
    type(&le, &sc, "\x1b[A");
    assert_string_equal(le.buf, "ls");
    type(&le, &sc, "\x1b[A");
    assert_string_equal(le.buf, "first command");
    type(&le, &sc, "\x1b[A");                /* no older line: stays */
    assert_string_equal(le.buf, "first command");
    type(&le, &sc, "\x1b[B\x1b[B");
    assert_string_equal(le.buf, "typ");     /* the line being typed is back */
    assert_int_equal(type(&le, &sc, "\x03"), LE_INTR);
    assert_string_equal(le.buf, "");
    assert_int_equal(type(&le, &sc, "\x04"), LE_EOF);
    for (int i = 0; i < LE_HIST + 5; i++) {
        char line[16];
        snprintf(line, sizeof(line), "cmd %d", i);
        le_history_add(&le, line);
    }
    assert_int_equal(le.nhist, LE_HIST);
    assert_string_equal(le.hist[0], "cmd 5");   /* the oldest were dropped */
    le_free(&le);
}

static void test_lineedit_full_line(void **state)
{
    struct lineedit le;
    struct screen sc = { "", 0, 0 };
    (void)state;
    le_init(&le, screen_write, &sc);
    le_start(&le);
    for (int i = 0; i < LE_MAX + 10; i++)
        le_key(&le, 'x');
    assert_int_equal(le.len, LE_MAX - 1);
    assert_int_equal(le.buf[LE_MAX - 1], '\0');
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
        cmocka_unit_test(test_vars_set_get_export),
        cmocka_unit_test(test_vars_import),
        cmocka_unit_test(test_lineedit_insert_move_erase),
        cmocka_unit_test(test_lineedit_kill_line),
        cmocka_unit_test(test_lineedit_history),
        cmocka_unit_test(test_lineedit_full_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
