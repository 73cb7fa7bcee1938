/* test_string.c: string.h of the Lantern libc against the host's libc.
 *
 * The mem* tests try every alignment and length up to a few words around
 * the word-sized bulk copies, inside guard bytes that must stay intact. */
#include "lt_api.h"
#include <string.h>
#include <stdlib.h>

#define BUF 96
#define GUARD 0xA5

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 31 + i * 7 + 1);
}

static void test_memcpy_all_alignments(void **state)
{
    unsigned char src[BUF], dst[BUF], ref[BUF];

    (void)state;
    for (size_t so = 0; so < 8; so++)
        for (size_t d_o = 0; d_o < 8; d_o++)
            for (size_t n = 0; n <= 40; n++) {
                fill(src, BUF, (unsigned)(so + n));
                memset(dst, GUARD, BUF);
                memset(ref, GUARD, BUF);
                memcpy(ref + d_o, src + so, n);
                void *r = lt_memcpy(dst + d_o, src + so, n);
                lt_check(r == dst + d_o, "memcpy returned wrong pointer");
                lt_check(memcmp(dst, ref, BUF) == 0,
                         "memcpy src+%zu dst+%zu n=%zu differs", so, d_o, n);
            }
}

static void test_memmove_overlap(void **state)
{
    unsigned char buf[BUF], ref[BUF];

    (void)state;
    for (size_t from = 0; from < 24; from++)
        for (size_t to = 0; to < 24; to++)
            for (size_t n = 0; n <= 40; n++) {
                fill(buf, BUF, (unsigned)n);
                memcpy(ref, buf, BUF);
                memmove(ref + to, ref + from, n);
                void *r = lt_memmove(buf + to, buf + from, n);
                lt_check(r == buf + to, "memmove returned wrong pointer");
                lt_check(memcmp(buf, ref, BUF) == 0,
                         "memmove from %zu to %zu n=%zu differs", from, to, n);
            }
}

static void test_memset_memcmp_memchr(void **state)
{
    unsigned char buf[BUF], ref[BUF];

    (void)state;
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 40; n++) {
            memset(buf, GUARD, BUF);
            memset(ref, GUARD, BUF);
            memset(ref + off, 0x1ff, n);        /* converted to 0xff */
            lt_check(lt_memset(buf + off, 0x1ff, n) == buf + off, "memset ret");
            lt_check(memcmp(buf, ref, BUF) == 0, "memset off %zu n %zu", off, n);
        }

    assert_int_equal(lt_memcmp("abc", "abd", 3), -1);
    assert_int_equal(lt_memcmp("abd", "abc", 3), 1);
    assert_int_equal(lt_memcmp("abc", "abd", 2), 0);
    assert_int_equal(lt_memcmp("", "x", 0), 0);
    assert_true(lt_memcmp("\x80", "\x01", 1) > 0);      /* unsigned bytes */

    const char *s = "hello\0world";
    assert_ptr_equal(lt_memchr(s, 'o', 11), s + 4);
    assert_ptr_equal(lt_memchr(s, 'w', 11), s + 6);     /* past the NUL */
    assert_ptr_equal(lt_memchr(s, 'w', 6), NULL);
    assert_ptr_equal(lt_memchr(s, 'h' + 256, 5), s);    /* c as unsigned char */
}

static void test_strlen_cmp(void **state)
{
    (void)state;
    assert_int_equal(lt_strlen(""), 0);
    assert_int_equal(lt_strlen("lantern"), 7);
    assert_int_equal(lt_strnlen("lantern", 3), 3);
    assert_int_equal(lt_strnlen("lan", 30), 3);
    assert_int_equal(lt_strnlen("lan", 0), 0);

    assert_int_equal(lt_strcmp("", ""), 0);
    assert_true(lt_strcmp("a", "b") < 0);
    assert_true(lt_strcmp("b", "a") > 0);
    assert_true(lt_strcmp("ab", "abc") < 0);
    assert_true(lt_strcmp("abc", "ab") > 0);
    assert_true(lt_strcmp("\xff", "a") > 0);            /* unsigned compare */
    assert_int_equal(lt_strncmp("abcX", "abcY", 3), 0);
    assert_true(lt_strncmp("abcX", "abcY", 4) < 0);
    assert_int_equal(lt_strncmp("ab", "ab", 10), 0);
    assert_int_equal(lt_strncmp("x", "y", 0), 0);
}

static void test_copy_cat(void **state)
{
    char buf[32];

    (void)state;
    assert_ptr_equal(lt_strcpy(buf, "hi"), buf);
    assert_string_equal(buf, "hi");
    assert_ptr_equal(lt_strcat(buf, " there"), buf);
    assert_string_equal(buf, "hi there");

    memset(buf, 'X', sizeof(buf));
    lt_strncpy(buf, "abc", 6);
    assert_memory_equal(buf, "abc\0\0\0X", 7);          /* padded, no more */
    memset(buf, 'X', sizeof(buf));
    lt_strncpy(buf, "abcdef", 3);
    assert_memory_equal(buf, "abcX", 4);                /* not terminated */

    strcpy(buf, "ab");
    lt_strncat(buf, "cdef", 2);
    assert_string_equal(buf, "abcd");
    lt_strncat(buf, "", 5);
    assert_string_equal(buf, "abcd");

    /* strlcpy: always terminated, returns strlen(src) */
    memset(buf, 'X', sizeof(buf));
    assert_int_equal(lt_strlcpy(buf, "lantern", 4), 7);
    assert_string_equal(buf, "lan");
    assert_int_equal(lt_strlcpy(buf, "lantern", sizeof(buf)), 7);
    assert_string_equal(buf, "lantern");
    buf[0] = 'Q';
    assert_int_equal(lt_strlcpy(buf, "abc", 0), 3);
    assert_int_equal(buf[0], 'Q');                      /* size 0: untouched */

    /* strlcat: returns the length it tried to create */
    strcpy(buf, "abc");
    assert_int_equal(lt_strlcat(buf, "defgh", 6), 8);
    assert_string_equal(buf, "abcde");
    strcpy(buf, "abc");
    assert_int_equal(lt_strlcat(buf, "de", sizeof(buf)), 5);
    assert_string_equal(buf, "abcde");
    memcpy(buf, "abcd", 4);                             /* not terminated in 4 */
    assert_int_equal(lt_strlcat(buf, "xyz", 4), 7);
    assert_memory_equal(buf, "abcd", 4);
}

static void test_search(void **state)
{
    const char *s = "path/to/file.txt";

    (void)state;
    assert_ptr_equal(lt_strchr(s, '/'), s + 4);
    assert_ptr_equal(lt_strrchr(s, '/'), s + 7);
    assert_ptr_equal(lt_strchr(s, '\0'), s + 16);
    assert_ptr_equal(lt_strrchr(s, '\0'), s + 16);
    assert_ptr_equal(lt_strchr(s, 'z'), NULL);
    assert_ptr_equal(lt_strrchr(s, 'z'), NULL);
    assert_ptr_equal(lt_strstr(s, "to"), s + 5);
    assert_ptr_equal(lt_strstr(s, ""), s);
    assert_ptr_equal(lt_strstr(s, "txt"), s + 13);
    assert_ptr_equal(lt_strstr(s, "txtx"), NULL);
    const char *a = "aaab";
    assert_ptr_equal(lt_strstr(a, "aab"), a + 1);
    assert_ptr_equal(lt_strstr("", "a"), NULL);
    assert_int_equal(lt_strspn("  \tx ", " \t"), 3);
    assert_int_equal(lt_strspn("abc", ""), 0);
    assert_int_equal(lt_strcspn("key=value", "=:"), 3);
    assert_int_equal(lt_strcspn("key", "=:"), 3);
    assert_int_equal(lt_strcspn("", "x"), 0);
}

static void test_strtok_r(void **state)
{
    char line[] = "  ls -l,,/bin  ";
    const char *want[] = { "ls", "-l", "/bin" };
    char *save = NULL, *tok;
    size_t i = 0;

    (void)state;
    for (tok = lt_strtok_r(line, " ,", &save); tok != NULL;
         tok = lt_strtok_r(NULL, " ,", &save)) {
        assert_true(i < 3);
        assert_string_equal(tok, want[i]);
        i++;
    }
    assert_int_equal(i, 3);
    assert_null(lt_strtok_r(NULL, " ,", &save));        /* stays at the end */

    char empty[] = ",,,";
    assert_null(lt_strtok_r(empty, ",", &save));
    char one[] = "word";
    assert_string_equal(lt_strtok_r(one, ",", &save), "word");
    assert_null(lt_strtok_r(NULL, ",", &save));
}

static void test_strdup_strerror(void **state)
{
    char *d;

    (void)state;
    d = lt_strdup("copy me");
    assert_non_null(d);
    assert_string_equal(d, "copy me");
    lt_free(d);

    assert_string_equal(lt_strerror(0), "no error");
    assert_string_equal(lt_strerror(LT_ENOMEM), "out of memory");
    assert_string_equal(lt_strerror(12), "out of memory");
    assert_string_equal(lt_strerror(LT_ERANGE), "result out of range");
    assert_string_equal(lt_strerror(-201), "internal: request handled, send no reply");
    assert_string_equal(lt_strerror(-98), "unknown error -98");
    assert_string_equal(lt_strerror(12345), "unknown error 12345");
    assert_string_equal(lt_strerror(-2147483647 - 1), "unknown error -2147483648");
    assert_string_equal(lt_strerrorname_np(LT_ENOMEM), "ENOMEM");
    assert_string_equal(lt_strerrorname_np(-110), "ETRAPDENIED");
    assert_null(lt_strerrorname_np(-98));
    assert_null(lt_strerrorname_np(-2147483647 - 1));
}

int run_string_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memcpy_all_alignments),
        cmocka_unit_test(test_memmove_overlap),
        cmocka_unit_test(test_memset_memcmp_memchr),
        cmocka_unit_test(test_strlen_cmp),
        cmocka_unit_test(test_copy_cat),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_strtok_r),
        cmocka_unit_test(test_strdup_strerror),
    };
    return cmocka_run_group_tests_name("string", tests, NULL, NULL);
}
