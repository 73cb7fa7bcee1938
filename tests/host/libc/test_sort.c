/* test_sort.c: qsort against a reference sort, and bsearch.
 *
 * Inputs cover the shapes that break naive quicksorts (sorted, reversed,
 * all equal, few distinct keys, organ pipe) plus random data, with element
 * sizes 4, 1, 7 (odd, unaligned) and 24 bytes.  The result must be sorted
 * and a permutation of the input (same multiset as the host's qsort gives);
 * the number of comparisons must stay O(n log n). */
#include "lt_api.h"
#include <stdlib.h>
#include <string.h>

static unsigned long ncmp;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    ncmp++;
    return (x > y) - (x < y);
}

/* 7-byte records ordered by their first 4 bytes (unaligned loads). */
static int cmp_rec7(const void *a, const void *b)
{
    int x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return (x > y) - (x < y);
}

static int cmp_byte(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

struct rec24 { long key; char tag[16]; };

static int cmp_rec24(const void *a, const void *b)
{
    const struct rec24 *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static void make_input(int *a, size_t n, int shape, unsigned seed)
{
    srand(seed);
    for (size_t i = 0; i < n; i++) {
        switch (shape) {
        case 0: a[i] = rand() - RAND_MAX / 2; break;        /* random */
        case 1: a[i] = (int)i; break;                       /* sorted */
        case 2: a[i] = (int)(n - i); break;                 /* reversed */
        case 3: a[i] = 5; break;                            /* all equal */
        case 4: a[i] = rand() % 3; break;                   /* few keys */
        default: a[i] = (int)(i < n / 2 ? i : n - i); break; /* organ pipe */
        }
    }
}

static void test_qsort_ints(void **state)
{
    static const size_t sizes[] = { 0, 1, 2, 3, 7, 8, 9, 10, 16, 17, 100,
                                    1000, 4096, 20000 };

    (void)state;
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++)
        for (int shape = 0; shape < 6; shape++) {
            size_t n = sizes[si];
            int *a = malloc((n + 1) * sizeof(int));
            int *ref = malloc((n + 1) * sizeof(int));

            make_input(a, n, shape, (unsigned)(n * 10 + (size_t)shape));
            memcpy(ref, a, n * sizeof(int));
            qsort(ref, n, sizeof(int), cmp_int);
            ncmp = 0;
            lt_qsort(a, n, sizeof(int), cmp_int);
            lt_check(memcmp(a, ref, n * sizeof(int)) == 0,
                     "n=%zu shape %d: result differs from reference", n, shape);
            /* 4 n log2 n is far above what a healthy quicksort needs. */
            unsigned long bound = 64;
            for (size_t k = n; k > 1; k /= 2)
                bound += 4 * n;
            lt_check(ncmp <= bound, "n=%zu shape %d: %lu comparisons (> %lu)",
                     n, shape, ncmp, bound);
            free(a);
            free(ref);
        }
}

static void test_qsort_other_sizes(void **state)
{
    enum { N = 3000 };
    static unsigned char r7[N * 7], ref7[N * 7], bytes[N], refb[N];
    static struct rec24 r24[N], ref24[N];

    (void)state;
    srand(99);
    for (size_t i = 0; i < N; i++) {
        int key = rand() % 500;
        memcpy(r7 + i * 7, &key, 4);
        memset(r7 + i * 7 + 4, (int)(key & 0xff), 3);   /* payload follows key */
        bytes[i] = (unsigned char)rand();
        r24[i].key = rand() % 1000 - 500;
        snprintf(r24[i].tag, sizeof(r24[i].tag), "k%ld", r24[i].key);
    }
    memcpy(ref7, r7, sizeof(r7));
    memcpy(refb, bytes, sizeof(bytes));
    memcpy(ref24, r24, sizeof(r24));
    qsort(ref7, N, 7, cmp_rec7);
    qsort(refb, N, 1, cmp_byte);
    qsort(ref24, N, sizeof(struct rec24), cmp_rec24);
    lt_qsort(r7, N, 7, cmp_rec7);
    lt_qsort(bytes, N, 1, cmp_byte);
    lt_qsort(r24, N, sizeof(struct rec24), cmp_rec24);

    /* Equal keys carry equal payloads here, so any correct sort gives the
     * same bytes as the reference even though neither sort is stable. */
    assert_memory_equal(r7, ref7, sizeof(r7));
    assert_memory_equal(bytes, refb, sizeof(bytes));
    for (size_t i = 0; i < N; i++) {
        lt_check(r24[i].key == ref24[i].key, "rec24 key at %zu", i);
        char tag[16];
        snprintf(tag, sizeof(tag), "k%ld", r24[i].key);
        lt_check(strcmp(tag, r24[i].tag) == 0, "rec24 payload torn at %zu", i);
    }
}

static void test_bsearch(void **state)
{
    int a[101];

    (void)state;
    for (int i = 0; i < 101; i++)
        a[i] = i * 2;                               /* even numbers 0..200 */
    for (int n = 0; n <= 101; n++)
        for (int key = -1; key <= 202; key++) {
            int *p = lt_bsearch(&key, a, (size_t)n, sizeof(int), cmp_int);
            int present = key >= 0 && key % 2 == 0 && key / 2 < n;
            if (present)
                lt_check(p == &a[key / 2], "n=%d key=%d not found", n, key);
            else
                lt_check(p == NULL, "n=%d key=%d found wrongly", n, key);
        }
}

int run_sort_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qsort_ints),
        cmocka_unit_test(test_qsort_other_sizes),
        cmocka_unit_test(test_bsearch),
    };
    return cmocka_run_group_tests_name("sort", tests, NULL, NULL);
}
