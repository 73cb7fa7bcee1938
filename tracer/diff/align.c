/* align.c: where two token sequences first part (diff.h). */
#include "diff.h"

/* do a[x..x+ALIGN_SYNC) and b[y..) match (or both end together)? */
static int synced_at(const uint32_t *a, int64_t n, const uint32_t *b, int64_t m, int64_t x,
                     int64_t y)
{
    for (int k = 0; k < ALIGN_SYNC; k++) {
        if (x + k == n || y + k == m) return x + k == n && y + k == m;
        if (a[x + k] != b[y + k]) return 0;
    }
    return 1;
}

void align_first(const uint32_t *a, int64_t n, const uint32_t *b, int64_t m, struct adiff *d)
{
    int64_t p = 0;
    while (p < n && p < m && a[p] == b[p]) p++;
    d->p = p;
    d->same = p == n && p == m;
    d->synced = 0;
    d->i = d->j = 0;
    if (d->same) return;
    /* smallest i + j first (fewest messages changed), then the smaller i */
    for (int64_t s = 1; s <= 2 * ALIGN_MAXD; s++) {
        for (int64_t i = s > ALIGN_MAXD ? s - ALIGN_MAXD : 0; i <= s && i <= ALIGN_MAXD; i++) {
            int64_t j = s - i;
            if (p + i > n || p + j > m) continue;
            if (synced_at(a, n, b, m, p + i, p + j)) {
                d->synced = 1, d->i = i, d->j = j;
                return;
            }
        }
    }
}
