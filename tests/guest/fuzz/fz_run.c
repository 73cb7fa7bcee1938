/* fz_run.c: the fuzzing loop.  Each call draws a table (grants half of the
 * time, then kernel calls, IPC and server requests), a row of it that our
 * role may use, runs it, and checks the result against the row's codes.
 * The first undocumented result stops the run and is reported with its
 * call number (docs/testing.md: `make fuzz SEED=s CALLS=n` replays it).
 * Coverage: one bit per (row, code) pair seen, in fz_cover. */
#include "fuzz.h"

uint32_t fz_cover[FZ_COVER_WORDS];

static const struct {
    const struct fz_row *rows;
    const unsigned *n;
} tables[] = {
    { fz_grant_rows, &fz_grant_n },
    { fz_kcall_rows, &fz_kcall_n },
    { fz_ipc_rows, &fz_ipc_n },
    { fz_server_rows, &fz_server_n },
    { fz_smap_rows, &fz_smap_n },
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

unsigned fz_nrows(void)
{
    unsigned n = 0;
    for (unsigned t = 0; t < NTABLES; t++)
        n += *tables[t].n;
    return n;
}

/* Row i in the order of `tables` (the index reported on a failure). */
const struct fz_row *fz_row_at(unsigned i)
{
    for (unsigned t = 0; t < NTABLES; t++) {
        if (i < *tables[t].n)
            return &tables[t].rows[i];
        i -= *tables[t].n;
    }
    return NULL;
}

static unsigned draw(void)
{
    unsigned t = fz_below(2) ? 0 : 1 + fz_below(NTABLES - 1), base = 0;
    for (unsigned k = 0; k < t; k++)
        base += *tables[k].n;
    for (;;) {
        unsigned i = fz_below(*tables[t].n);
        if (tables[t].rows[i].roles & fz.role)
            return base + i;
    }
}

/* The index of r in the row's codes, or -1. */
static int code_index(const struct fz_row *row, int r)
{
    for (int k = 0; k < FZ_MAX_CODES && row->codes[k] != FZ_END; k++)
        if (row->codes[k] == r)
            return k;
    return -1;
}

void fz_run(uint32_t calls, struct fz_result *res)
{
    res->bad_call = -1;
    res->digest = 2166136261u;
    fz_smap_start();
    for (res->calls = 0; res->calls < calls; res->calls++) {
        unsigned i = draw();
        const struct fz_row *row = fz_row_at(i);
        int r = row->run();
        int k = code_index(row, r);
        res->digest = (res->digest ^ (i << 16) ^ (uint32_t)r) * 16777619u;   /* FNV-style */
        if (k < 0) {
            res->bad_call = (int32_t)res->calls;
            res->bad_result = r;
            res->bad_row = i;
            break;
        }
        if (i / 2 < FZ_COVER_WORDS)
            fz_cover[i / 2] |= 1u << (k + 16 * (i % 2));
    }
    fz_smap_cleanup();                   /* so VM's records and counts can be checked */
    res->grant_calls = fz.grant_calls;
}

unsigned fz_pairs(const uint32_t *cover)
{
    unsigned n = 0;
    for (unsigned w = 0; w < FZ_COVER_WORDS; w++)
        for (uint32_t b = cover[w]; b; b &= b - 1)
            n++;
    return n;
}
