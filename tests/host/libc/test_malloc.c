/* test_malloc.c: the arena allocator.
 *
 * Every test leaves the arena empty again, and checks it: after freeing
 * everything, _malloc_check() must report the whole arena as free, which
 * only happens if free() coalesced every neighbour.  The stress test runs
 * random malloc/calloc/realloc/free sequences, filling every block with a
 * pattern derived from its slot and checking it before each change. */
#include "lt_api.h"
#include <stdlib.h>
#include <string.h>

static void assert_arena_empty(void)
{
    size_t free_bytes = 0;

    assert_int_equal(lt__malloc_check(&free_bytes), 0);
    assert_int_equal(free_bytes, LT_ARENA_SIZE);
}

static void test_malloc_basic(void **state)
{
    (void)state;
    assert_arena_empty();
    char *a = lt_malloc(1), *b = lt_malloc(13), *c = lt_malloc(4000);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(((uintptr_t)a | (uintptr_t)b | (uintptr_t)c) % 8 == 0);
    memset(a, 1, 1);
    memset(b, 2, 13);
    memset(c, 3, 4000);
    assert_int_equal(lt__malloc_check(NULL), 0);
    assert_int_equal(a[0], 1);
    assert_int_equal(b[12], 2);
    assert_int_equal(c[3999], 3);

    void *z1 = lt_malloc(0), *z2 = lt_malloc(0);  /* unique, freeable */
    assert_non_null(z1);
    assert_non_null(z2);
    assert_ptr_not_equal(z1, z2);
    lt_free(b);                                 /* middle block first */
    lt_free(a);
    lt_free(NULL);                              /* no-op */
    lt_free(z2);
    lt_free(c);
    lt_free(z1);
    assert_arena_empty();
}

static void test_calloc_realloc(void **state)
{
    (void)state;
    unsigned char *p = lt_malloc(256);
    memset(p, 0xee, 256);
    lt_free(p);
    p = lt_calloc(64, 4);                       /* likely the same memory */
    assert_non_null(p);
    for (int i = 0; i < 256; i++)
        lt_check(p[i] == 0, "calloc byte %d not zero", i);

    lt_errno = 0;
    assert_null(lt_calloc(SIZE_MAX / 2, 3));    /* count * size overflows */
    assert_int_equal(lt_errno, LT_ENOMEM);

    for (int i = 0; i < 256; i++)
        p[i] = (unsigned char)i;
    unsigned char *q = lt_realloc(p, 100000);   /* grows, keeps contents */
    assert_non_null(q);
    for (int i = 0; i < 256; i++)
        lt_check(q[i] == (unsigned char)i, "realloc lost byte %d", i);
    p = lt_realloc(q, 10);                      /* shrink: same contents */
    assert_non_null(p);
    for (int i = 0; i < 10; i++)
        assert_int_equal(p[i], i);
    assert_null(lt_realloc(p, 0));              /* frees */

    p = lt_realloc(NULL, 50);                   /* acts as malloc */
    assert_non_null(p);
    lt_errno = 0;
    assert_null(lt_realloc(p, 2 * LT_ARENA_SIZE));  /* too big: p intact */
    assert_int_equal(lt_errno, LT_ENOMEM);
    lt_free(p);
    assert_arena_empty();
}

static void test_exhaustion_and_coalescing(void **state)
{
    enum { MAXP = 70000 };
    static void *ptrs[MAXP];
    size_t n = 0;

    (void)state;
    lt_errno = 0;
    assert_null(lt_malloc(LT_ARENA_SIZE + 1));
    assert_int_equal(lt_errno, LT_ENOMEM);
    assert_null(lt_malloc(SIZE_MAX));

    /* Fill the whole arena with small blocks. */
    while (n < MAXP && (ptrs[n] = lt_malloc(24)) != NULL)
        n++;
    assert_true(n > 30000 && n < MAXP);
    assert_int_equal(lt__malloc_check(NULL), 0);
    /* Free every other block: lots of free memory, but no big hole. */
    for (size_t i = 0; i < n; i += 2)
        lt_free(ptrs[i]);
    assert_null(lt_malloc(4096));
    for (size_t i = 1; i < n; i += 2)
        lt_free(ptrs[i]);
    /* Everything merged back: one block for (almost) the whole arena. */
    assert_arena_empty();
    void *big = lt_malloc(LT_ARENA_SIZE - 64);
    assert_non_null(big);
    lt_free(big);
}

/* A deterministic random generator independent of the libc under test. */
static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static unsigned char pattern(size_t slot, size_t i)
{
    return (unsigned char)(slot * 131 + i * 17 + 3);
}

static void test_malloc_stress(void **state)
{
    enum { SLOTS = 512, OPS = 60000 };
    static unsigned char *p[SLOTS];
    static size_t len[SLOTS];

    (void)state;
    for (int op = 0; op < OPS; op++) {
        size_t s = next_rand() % SLOTS;
        uint32_t r = next_rand();
        /* Mostly small blocks, sometimes large ones. */
        size_t want = (r & 0xf) == 0 ? next_rand() % 20000 : next_rand() % 300;

        if (p[s] != NULL) {                     /* contents intact? */
            for (size_t i = 0; i < len[s]; i++)
                if (p[s][i] != pattern(s, i)) {
                    lt_fail("op %d slot %zu: byte %zu of %zu corrupted",
                            op, s, i, len[s]);
                }
        }
        switch ((r >> 4) % 4) {
        case 0:                                 /* free */
            lt_free(p[s]);
            p[s] = NULL;
            len[s] = 0;
            break;
        case 1: {                               /* realloc, keep prefix */
            unsigned char *q = lt_realloc(p[s], want);
            if (want == 0) {
                lt_free(q);             /* realloc(NULL, 0) is malloc(0) */
                p[s] = NULL;
                len[s] = 0;
                break;
            }
            if (q == NULL)
                break;                          /* arena full: old block kept */
            p[s] = q;
            for (size_t i = len[s]; i < want; i++)
                q[i] = pattern(s, i);
            len[s] = want;
            break;
        }
        default: {                              /* fresh malloc or calloc */
            unsigned char *q = (r >> 8) & 1 ? lt_calloc(1, want)
                                            : lt_malloc(want);
            if (q == NULL)
                break;
            if ((r >> 8) & 1)
                for (size_t i = 0; i < want; i++)
                    lt_check(q[i] == 0, "calloc op %d: byte %zu not zero", op, i);
            lt_free(p[s]);
            p[s] = q;
            len[s] = want;
            for (size_t i = 0; i < want; i++)
                q[i] = pattern(s, i);
            break;
        }
        }
        if (op % 1000 == 0)
            lt_check(lt__malloc_check(NULL) == 0, "arena inconsistent at op %d", op);
    }
    for (size_t s = 0; s < SLOTS; s++) {
        lt_free(p[s]);
        p[s] = NULL;
    }
    assert_arena_empty();
}

static void test_bad_free_is_fatal(void **state)
{
    char *p = lt_malloc(40);
    int on_stack;

    (void)state;
    lt_free(p);
    lt_expect_fatal = 1;                        /* double free */
    if (setjmp(lt_fatal_jmp) == 0) {
        lt_free(p);
        lt_fail("double free not detected");
    }
    lt_expect_fatal = 1;                        /* not from the arena */
    if (setjmp(lt_fatal_jmp) == 0) {
        lt_free(&on_stack);
        lt_fail("free of a stack address not detected");
    }
    p = lt_malloc(40);
    lt_expect_fatal = 1;                        /* inside a block */
    if (setjmp(lt_fatal_jmp) == 0) {
        lt_free(p + 8);
        lt_fail("free of an interior pointer not detected");
    }
    lt_expect_fatal = 1;                        /* misaligned */
    if (setjmp(lt_fatal_jmp) == 0) {
        lt_realloc(p + 1, 10);
        lt_fail("realloc of a misaligned pointer not detected");
    }
    lt_expect_fatal = 0;
    lt_free(p);                                 /* still a valid block */
}

static void test_arena_empty_at_end(void **state)
{
    (void)state;
    assert_arena_empty();                       /* nothing leaked, all merged */
}

int run_malloc_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malloc_basic),
        cmocka_unit_test(test_calloc_realloc),
        cmocka_unit_test(test_exhaustion_and_coalescing),
        cmocka_unit_test(test_malloc_stress),
        cmocka_unit_test(test_bad_free_is_fatal),
        cmocka_unit_test(test_arena_empty_at_end),
    };
    return cmocka_run_group_tests_name("malloc", tests, NULL, NULL);
}
