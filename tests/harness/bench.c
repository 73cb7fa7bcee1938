/* bench.c: `lantern-test --bench OUT.tsv`, the runs of suite bench.
 *
 * Bench runs never fail because of speed: they only collect TR_BENCH frames
 * into metric<TAB>value<TAB>unit lines, plus derived rows (the instruction
 * counts of the icount run, boot_ms; every ratio comes from the guest).  See
 * docs/testing.md, "make bench". */
#define _GNU_SOURCE
#include <errno.h>
#include "harness.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Where the word "_cycles" ends a metric's name or is followed by "_"
 * (ipc_roundtrip_cycles, safecopy_cycles_4096); NULL if it does not. */
static const char *cycles_word(const char *name)
{
    for (const char *p = strstr(name, "_cycles"); p; p = strstr(p + 1, "_cycles"))
        if (p[7] == 0 || p[7] == '_')
            return p;
    return NULL;
}

/* A metric of an icount run: under -icount shift=0 the TSC counts
 * instructions, so each X_cycles[_Y] is X_instructions[_Y], which does not
 * depend on the host.  The rest of that run (ratios, spreads, times) is
 * dropped: the instruction counts say it more plainly. */
static void icount_metric(FILE *out, const struct bench_metric *m)
{
    const char *c = cycles_word(m->metric);
    if (c)
        fprintf(out, "%.*s_instructions%s\t%s\tinstructions\n", (int)(c - m->metric),
                m->metric, c + 7, m->value);
}

int bench_main(void)
{
    FILE *out = fopen(opt_bench, "w");
    if (!out)
        die("cannot write %s: %s", opt_bench, strerror(errno));
    int failures = 0;

    /* The guest computes every ratio itself, from pairs measured back to
     * back in one boot (tests/guest/bench/bench.c): a ratio of numbers from
     * different moments of a noisy host would mostly measure the host. */
    for (int i = 0; i < nruns; i++) {
        const struct run *r = &runs[i];
        if (!selected(r))
            continue;
        struct outcome *o = calloc(1, sizeof *o);
        struct boot_result br;
        struct run rr = *r;
        rr.expect = "results";
        if (do_run(&rr, o, 1, &br))
            failures++;
        for (int k = 0; k < o->nbench; k++) {
            struct bench_metric *m = &o->bench[k];
            if (r->icount)
                icount_metric(out, m);
            else
                fprintf(out, "%s\t%s\t%s\n", m->metric, m->value, m->unit);
        }
        free(o);
    }

    /* boot_ms: median of N boots of the default image */
    struct run boot = { 0 };
    boot.name = "bench/boot";
    boot.suite = "bench";
    boot.emu = "qemu";
    boot.boot = "kernel";
    boot.timeout = 60;
    boot.expect = "booted";
    boot.cmdline = "";
    char *progs = xstrdup(opt_boot_programs);
    char *save, *t = strtok_r(progs, " ", &save);
    while (t && boot.nprogs < MAX_PROGS) {
        boot.progs[boot.nprogs++] = t;
        t = strtok_r(NULL, " ", &save);
    }
    double samples[32];
    int ns = 0;
    for (int i = 0; i < opt_boot_samples && i < 32; i++) {
        struct outcome *o = calloc(1, sizeof *o);
        struct boot_result br;
        do_run(&boot, o, 0, &br);
        if (o->booted)
            samples[ns++] = o->booted_at * 1000.0;
        free(o);
    }
    if (ns > 0) {
        qsort(samples, (size_t)ns, sizeof samples[0], cmp_double);
        double med = ns % 2 ? samples[ns / 2] : (samples[ns / 2 - 1] + samples[ns / 2]) / 2;
        fprintf(out, "boot_ms\t%.0f\tms\n", med);
        printf("# boot_ms: median of %d boots of \"%s\": %.0f ms\n", ns, opt_boot_programs, med);
    } else {
        printf("# boot_ms: the default image (\"%s\") never reported TR_BOOTED\n",
               opt_boot_programs);
    }
    free(progs);
    bench_boot_to_shell(out);           /* shexec: prompt.c */
    if (opt_build_s)
        fprintf(out, "build_s\t%s\ts\n", opt_build_s);
    fclose(out);
    if (failures)
        printf("# bench: %d bench run(s) did not finish cleanly (not a failure)\n", failures);
    return 0;
}
