/* qsort.c: quicksort without recursion.
 *
 * Partitioning (Sedgewick): the median of three elements is moved to the
 * front and used as the pivot; both scans stop on keys equal to it, so
 * arrays of equal keys split evenly instead of going quadratic.  After
 * partitioning, the larger part is pushed on an explicit stack and the
 * smaller one sorted next, so the stack never holds more than log2(n)
 * ranges: 64 entries are enough for any size_t.  Ranges of at most
 * SMALL elements are finished by insertion sort.  Not stable. */
#include <stdlib.h>
#include <stdint.h>

#define SMALL      8
#define STACK_MAX  (sizeof(size_t) * 8)

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
    if (a == b)
        return;
    while (size-- > 0) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

#define AT(i) (base + (i) * size)

/* Insertion sort of the elements lo..end-1. */
static void insertion(char *base, size_t lo, size_t end, size_t size,
                      cmp_fn cmp)
{
    for (size_t i = lo + 1; i < end; i++)
        for (size_t j = i; j > lo && cmp(AT(j - 1), AT(j)) > 0; j--)
            swap(AT(j - 1), AT(j), size);
}

/* Partition lo..hi (at least 3 elements) around a median-of-three pivot;
 * returns the pivot's final index p: keys in lo..p-1 are <= pivot and keys
 * in p+1..hi are >= pivot. */
static size_t partition(char *base, size_t lo, size_t hi, size_t size,
                        cmp_fn cmp)
{
    size_t mid = lo + (hi - lo) / 2, i = lo, j = hi + 1;

    /* Order a[lo], a[mid], a[hi]; then the median goes to the front. */
    if (cmp(AT(mid), AT(lo)) < 0)
        swap(AT(mid), AT(lo), size);
    if (cmp(AT(hi), AT(mid)) < 0) {
        swap(AT(hi), AT(mid), size);
        if (cmp(AT(mid), AT(lo)) < 0)
            swap(AT(mid), AT(lo), size);
    }
    swap(AT(lo), AT(mid), size);

    /* a[lo] is the pivot; a[hi] >= pivot stops the i scan. */
    for (;;) {
        do
            i++;
        while (cmp(AT(i), AT(lo)) < 0);
        do
            j--;
        while (cmp(AT(lo), AT(j)) < 0);  /* stops at lo at the latest */
        if (i >= j)
            break;
        swap(AT(i), AT(j), size);
    }
    swap(AT(lo), AT(j), size);
    return j;
}

/* Ranges are half-open: [lo, end). */
void qsort(void *vbase, size_t n, size_t size, cmp_fn cmp)
{
    char *base = vbase;
    size_t stack_lo[STACK_MAX], stack_end[STACK_MAX];
    size_t top = 0;

    if (n < 2 || size == 0)
        return;
    stack_lo[top] = 0;
    stack_end[top++] = n;
    while (top > 0) {
        size_t lo, end;

        top--;
        lo = stack_lo[top];
        end = stack_end[top];
        while (end - lo > SMALL) {
            size_t p = partition(base, lo, end - 1, size, cmp);
            /* Left part [lo, p), right part [p+1, end): push the larger
             * (if it needs sorting), continue with the smaller. */
            if (p - lo > end - (p + 1)) {
                if (p - lo > 1) {
                    stack_lo[top] = lo;
                    stack_end[top++] = p;
                }
                lo = p + 1;
            } else {
                if (end - (p + 1) > 1) {
                    stack_lo[top] = p + 1;
                    stack_end[top++] = end;
                }
                end = p;
            }
        }
        insertion(base, lo, end, size, cmp);
    }
}
