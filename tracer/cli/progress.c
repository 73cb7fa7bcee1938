/* progress.c: record's live line: events so far, rate, loss, elapsed time.
 *
 * On a terminal it rewrites one line (\r) at most every 250 ms; otherwise
 * (a log file, make's output in CI) it prints a plain line every 5 s so the
 * log stays short.  It only reads the decoder's counters, so it costs
 * nothing on the ingest path. */
#include <stdio.h>
#include <unistd.h>
#include "cli.h"

static double t_start, t_last;
static uint64_t n_last;

static uint64_t lost(const struct tdec *d)
{
    uint64_t n = d->ctl.lost_discard;
    for (int k = 0; k < TL_COUNT; k++) n += d->n_lost[k];
    return n;
}

void progress_tick(const struct tdec *d, int final)
{
    int tty = isatty(STDERR_FILENO);
    double now = now_s(), every = tty ? 0.25 : 5.0;
    if (!t_start) t_start = t_last = now;
    if (!final && now - t_last < every) return;
    uint64_t n = d->n_rec + d->n_implied;
    double rate = now > t_last ? (double)(n - n_last) / (now - t_last) : 0;
    fprintf(stderr, "%s  %llu events, %.0f/s, lost %llu, %.1f s%s", tty ? "\r" : "",
            (unsigned long long)n, rate, (unsigned long long)lost(d), now - t_start,
            tty && !final ? "   " : "\n");
    t_last = now;
    n_last = n;
}
