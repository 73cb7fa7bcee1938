/* verdict.c: turning a finished run into result lines, and keeping logs.
 *
 * result_line() prints the `ok - ` / `not ok - ` lines of a run; judge()
 * adds the lines a run owes on top of the guest's own results (missing or
 * extra results, no TR_DONE, a panic, no TR_BOOTDONE); do_run() boots,
 * judges and keeps the logs of failing runs under build/test-logs/.  An
 * xfail run (a harness self-test, key xfail= in suites.txt) inverts the
 * verdict: its own lines become `#` lines and one line says whether it
 * failed for the expected reason. */
#define _GNU_SOURCE
#include <stdarg.h>
#include "harness.h"

/* In an xfail run (a harness self-test) the run's own lines are only
 * information: they are printed after "#   xfail: " and the failures are
 * collected, to be matched against the expected failure at the end. */
static const char *line_prefix(const struct runctx *c)
{
    return c->r->xfail ? "#   xfail: " : "";
}

static void note_failure(struct outcome *o, const char *name, const char *reason)
{
    size_t n = strlen(o->fail_reasons);
    snprintf(o->fail_reasons + n, sizeof o->fail_reasons - n, "%s: %s; ", name, reason);
}

void result_line(struct runctx *c, int ok, const char *name, const char *fmt, ...)
{
    struct outcome *o = c->o;
    char reason[1024] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, sizeof reason, fmt, ap);
        va_end(ap);
        clean_text(reason);
    }
    if (ok)
        o->passed++;
    else
        o->failed++;
    if (!ok)
        note_failure(o, name, reason);
    if (!c->print)
        return;
    if (opt_bench)      /* bench runs never produce result lines */
        printf("#   %s %s%s%s\n", ok ? "done:" : "problem:", name, *reason ? ": " : "", reason);
    else if (ok)
        printf("%sok - %s\n", line_prefix(c), name);
    else
        printf("%snot ok - %s%s%s\n", line_prefix(c), name, *reason ? ": " : "", reason);
    fflush(stdout);
}

void skip_line(struct runctx *c, const char *name, const char *why)
{
    c->o->skipped++;
    if (c->print)
        printf("%sok - %s # SKIP %s\n", line_prefix(c), name, why);
    fflush(stdout);
}

/* expect=booted passes on RS's TR_BOOTDONE only: the kernel's TR_BOOTED
 * means that every boot process ran once, not that RS finished the boot. */
static void judge_booted(struct runctx *c, const char *why)
{
    struct outcome *o = c->o;
    if (o->bootdone && !o->panicked)
        result_line(c, 1, c->r->name, NULL);
    else if (o->panicked)
        result_line(c, 0, c->r->name, "kernel panic before the boot finished: %s",
                    o->panic_text);
    else
        result_line(c, 0, c->r->name, "no TR_BOOTDONE frame from RS (%s; TR_BOOTED %s)",
                    why, o->booted ? "arrived" : "did not arrive either");
}

static void judge_panic(struct runctx *c, const char *why)
{
    struct outcome *o = c->o;
    const char *want = c->r->expect + 6;
    if (o->panicked && strstr(o->panic_text, want))
        result_line(c, 1, c->r->name, NULL);
    else if (o->panicked)
        result_line(c, 0, c->r->name, "expected a panic containing \"%s\", got \"%s\"",
                    want, o->panic_text);
    else
        result_line(c, 0, c->r->name, "expected a panic containing \"%s\", got none (%s)",
                    want, why);
}

/* What one suite of a results run still owes: results it planned and did
 * not report, results beyond its plan, and a TR_DONE for each plan. */
static void judge_suite(struct runctx *c, const struct suite_count *s, const char *why)
{
    int planned = s->planned < 0 ? 0 : s->planned;
    char *name;
    for (int k = s->results; k < planned; k++) {
        name = xasprintf("%s/missing-%d", s->name, k + 1);
        result_line(c, 0, name, "guest stopped after %d of %d results (%s)",
                    s->results, planned, why);
        free(name);
    }
    if (s->results > planned) {
        name = xasprintf("%s/extra-results", s->name);
        result_line(c, 0, name, "%d results reported, %d planned%s", s->results, planned,
                    s->planned < 0 ? " (no TR_PLAN)" : "");
        free(name);
    }
    if (s->dones < s->plans) {
        name = xasprintf("%s/done", s->name);
        result_line(c, 0, name, "the program ended without TR_DONE (%s)", why);
        free(name);
    }
}

static void judge_results(struct runctx *c, const char *why)
{
    struct outcome *o = c->o;
    int any = 0;
    for (int i = 0; i < o->nsuites; i++) {
        const struct suite_count *s = &o->suites[i];
        any |= s->planned >= 0 || s->results > 0;
        judge_suite(c, s, why);
    }
    if (o->panicked)
        result_line(c, 0, c->r->name, "kernel panic: %s", o->panic_text);
    else if (!any)
        result_line(c, 0, c->r->name, "no results from the guest (%s)", why);
}

/* Turn a finished run into result lines.  Returns 1 if the run failed. */
static int judge(struct runctx *c, const struct boot_result *br)
{
    const struct run *r = c->r;
    struct outcome *o = c->o;
    char why[512];
    if (o->panicked)
        snprintf(why, sizeof why, "panic: %s", o->panic_text);
    else if (!strcmp(br->end, "timeout") && r->cputime && br->cpu_s > r->timeout)
        snprintf(why, sizeof why, "timeout after %d s of emulator CPU time", r->timeout);
    else if (!strcmp(br->end, "timeout") && r->cputime)
        snprintf(why, sizeof why, "timeout: wall-clock backstop after %.0f s (emulator CPU %.1f s)",
                 br->seconds, br->cpu_s);
    else if (!strcmp(br->end, "timeout"))
        snprintf(why, sizeof why, "timeout after %d s", r->timeout);
    else
        snprintf(why, sizeof why, "exit");

    if (opt_bench && !strcmp(r->expect, "results")) {
        if (o->nbench == 0)
            result_line(c, 0, r->name, "no TR_BENCH frames (%s)", why);
    } else if (!strcmp(r->expect, "booted")) {
        judge_booted(c, why);
    } else if (!strcmp(r->expect, "prompt")) {
        if (o->prompted)
            result_line(c, 1, r->name, NULL);
        else
            result_line(c, 0, r->name, "no \"$ \" prompt on the console (%s)", why);
    } else if (!strncmp(r->expect, "panic:", 6)) {
        judge_panic(c, why);
    } else {
        judge_results(c, why);
    }
    return o->failed > 0;
}

/* An xfail run passes when it failed and one of its failures names the
 * expected reason; a run that passes, or fails for another reason, fails.
 * Returns 1 if the self-test failed. */
static int xfail_verdict(struct runctx *c, int failed)
{
    const char *want = c->r->xfail, *got = c->o->fail_reasons;
    int ok = failed && strstr(got, want) != NULL;
    if (ok)
        printf("ok - %s\n", c->r->name);
    else if (!failed)
        printf("not ok - %s: expected a failure with \"%s\", but the run passed\n",
               c->r->name, want);
    else
        printf("not ok - %s: expected a failure with \"%s\", got: %s\n", c->r->name, want, got);
    fflush(stdout);
    return !ok;
}

static char *log_base(const struct run *r)
{
    char *b = xasprintf("%s/test-logs/%s", opt_build, r->name);
    char *slash = strrchr(b, '/');
    *slash = '-';
    return b;
}

static void keep_logs(const struct run *r, const char *work)
{
    char *dir = xasprintf("%s/test-logs", opt_build);
    mkdirs(dir);
    char *base = log_base(r);
    static const char *const files[][2] = {
        { "console.log", ".log" },
        { "results.bin", ".results" },
        { "trace-e9.bin", ".trace" },
        { "emulator.out", ".emulator" },
        { "bochs.log", ".bochs" },
        { "mkiso.out", ".mkiso" },
        { "disk.img", ".disk" },      /* the run's copy of disk=, as the guest left it */
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *from = xasprintf("%s/%s", work, files[i][0]);
        char *to = xasprintf("%s%s", base, files[i][1]);
        unlink(to);
        move_file(from, to);
        free(from);
        free(to);
    }
    free(base);
    free(dir);
}

static void drop_old_logs(const struct run *r)
{
    char *base = log_base(r);
    static const char *const ext[] = { ".log", ".results", ".trace", ".emulator",
                                       ".bochs", ".mkiso" };
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        char *p = xasprintf("%s%s", base, ext[i]);
        unlink(p);
        free(p);
    }
    free(base);
}

static char *work_dir(const struct run *r)
{
    char *w = xasprintf("%s/test-work/%s", opt_build, r->name);
    char *slash = strrchr(w, '/');
    *slash = '-';
    rm_rf(w);
    mkdirs(w);
    return w;
}

static void print_header(const struct runctx *c)
{
    const struct run *r = c->r;
    printf("# %s: %s, boot=%s%s, expect=%s%s%s", r->name, r->emu, r->boot,
           r->icount || c->seeded ? ", icount" : "", r->expect,
           r->xfail ? ", must fail with " : "", r->xfail ? r->xfail : "");
    if (c->seeded)
        printf(", seed %u", c->seed);
    printf(", programs:");
    for (int i = 0; i < r->nprogs; i++)
        printf(" %s", r->progs[i]);
    printf("\n");
    fflush(stdout);
}

/* The `#` line after a run: how it ended, its boot times, the frame counts. */
static void print_summary(const struct run *r, const struct outcome *o,
                          const struct boot_result *br)
{
    printf("#   %s: %.2f s, ended by %s", r->name, br->seconds,
           !strcmp(br->end, "stopped") ? "the runner (done)" :
           !strcmp(br->end, "exit") ? "guest power-off" : "timeout");
    if (!strcmp(br->end, "exit") && !strcmp(r->emu, "qemu") && br->exit_code >= 0)
        printf(" (QEMU status %d)", br->exit_code);
    if (o->booted)
        printf(", booted after %.0f ms", o->booted_at * 1000);
    if (o->bootdone)
        printf(", RS done after %.0f ms", o->bootdone_at * 1000);
    printf(", %d frames", o->frames);
    if (o->bad_crc || o->bad_nonce)
        printf(", ignored %d with bad CRC and %d with a wrong nonce", o->bad_crc, o->bad_nonce);
    if (o->garbage)
        printf(", %d garbage bytes", o->garbage);
    printf("\n");
}

/* Failing runs (and all, with -k) keep their logs in build/test-logs/. */
static void save_logs(const struct run *r, const char *work, int bad, int print)
{
    char *con = xasprintf("%s/console.log", work);
    if (bad && print)
        print_tail(con, 12, "the console (COM1)");
    free(con);
    drop_old_logs(r);
    if (!bad && !opt_keep)
        return;
    keep_logs(r, work);
    char *base = log_base(r);
    char *logf = xasprintf("%s.log", base);
    if (print && file_exists(logf))
        printf("#   logs: %s.log (console), %s.results (raw COM2), %s.* (the rest)\n",
               base, base, base);
    free(logf);
    free(base);
}

/* Run one suites.txt line: boot, judge, print, keep logs.  Returns 1 if the
 * run failed (for an xfail run: if it did not fail as expected). */
int do_run(const struct run *r, struct outcome *o, int print, struct boot_result *br)
{
    struct runctx c = { .r = r, .o = o, .print = print };
    struct run plain = { .name = r->name };   /* cannot start: never expected */
    char err[512] = "";
    char *work = work_dir(r);
    int bad;

    seed_choose(&c);
    if (print)
        print_header(&c);
    if (boot_run(&c, work, br, err, sizeof err) < 0) {
        c.r = &plain;
        result_line(&c, 0, r->name, "cannot start: %s", err);
        bad = 1;
    } else {
        bad = judge(&c, br);
        if (r->xfail && print)
            bad = xfail_verdict(&c, bad);
        if (print)
            print_summary(r, o, br);
        if (print && bad && !opt_bench)
            seed_rerun_line(&c);
    }
    save_logs(r, work, bad, print);
    rm_rf(work);
    free(work);
    fflush(stdout);
    return bad;
}
