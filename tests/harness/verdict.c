/* verdict.c: turning a finished run into result lines, and keeping logs.
 *
 * result_line() is the only place that prints `ok - ` / `not ok - ` lines;
 * judge() adds the lines a run owes on top of the guest's own results
 * (missing results, a panic, no boot); do_run() boots, judges and keeps the
 * logs of failing runs under build/test-logs/. */
#define _GNU_SOURCE
#include <stdarg.h>
#include "harness.h"

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
    if (!c->print)
        return;
    if (opt_bench)      /* bench runs never produce result lines */
        printf("#   %s %s%s%s\n", ok ? "done:" : "problem:", name, *reason ? ": " : "", reason);
    else if (ok)
        printf("ok - %s\n", name);
    else
        printf("not ok - %s%s%s\n", name, *reason ? ": " : "", reason);
    fflush(stdout);
}

/* Turn a finished run into result lines.  Returns 1 if the run failed. */
static int judge(struct runctx *c, const struct boot_result *br)
{
    const struct run *r = c->r;
    struct outcome *o = c->o;
    char why[512];
    if (o->panicked)
        snprintf(why, sizeof why, "panic: %s", o->panic_text);
    else if (!strcmp(br->end, "timeout"))
        snprintf(why, sizeof why, "timeout after %d s", r->timeout);
    else
        snprintf(why, sizeof why, "exit");

    if (opt_bench && !strcmp(r->expect, "results")) {
        if (o->nbench == 0)
            result_line(c, 0, r->name, "no TR_BENCH frames (%s)", why);
    } else if (!strcmp(r->expect, "booted")) {
        if (o->booted && !o->panicked)
            result_line(c, 1, r->name, NULL);
        else if (o->panicked)
            result_line(c, 0, r->name, "kernel panic before boot finished: %s", o->panic_text);
        else
            result_line(c, 0, r->name, "no TR_BOOTED frame (%s)",
                        !strcmp(br->end, "exit") ? "emulator exited" : why);
    } else if (!strncmp(r->expect, "panic:", 6)) {
        const char *want = r->expect + 6;
        if (o->panicked && strstr(o->panic_text, want))
            result_line(c, 1, r->name, NULL);
        else if (o->panicked)
            result_line(c, 0, r->name, "expected a panic containing \"%s\", got \"%s\"",
                        want, o->panic_text);
        else
            result_line(c, 0, r->name, "expected a panic containing \"%s\", got none (%s)",
                        want, why);
    } else {
        int any = 0;
        for (int i = 0; i < o->nsuites; i++) {
            struct suite_count *s = &o->suites[i];
            if (s->planned >= 0)
                any = 1;
            if (s->results > 0)
                any = 1;
            for (int k = s->results; k < s->planned; k++)
                result_line(c, 0, xasprintf("%s/missing-%d", s->name, k + 1),
                            "guest stopped after %d of %d results (%s)",
                            s->results, s->planned, why);
        }
        if (o->panicked)
            result_line(c, 0, r->name, "kernel panic: %s", o->panic_text);
        else if (!any)
            result_line(c, 0, r->name, "no results from the guest (%s)", why);
    }
    return o->failed > 0;
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

/* Run one suites.txt line: boot, judge, print, keep logs.  Returns failed
 * result count. */
int do_run(const struct run *r, struct outcome *o, int print, struct boot_result *br)
{
    struct runctx c = { .r = r, .o = o, .print = print };
    char err[512] = "";
    char *work = work_dir(r);
    if (print)
        printf("# %s: %s, boot=%s%s, expect=%s, programs:", r->name, r->emu, r->boot,
               r->icount ? ", icount" : "", r->expect);
    if (print) {
        for (int i = 0; i < r->nprogs; i++)
            printf(" %s", r->progs[i]);
        printf("\n");
        fflush(stdout);
    }
    int bad;
    if (boot_run(&c, work, br, err, sizeof err) < 0) {
        result_line(&c, 0, r->name, "cannot start: %s", err);
        bad = 1;
    } else {
        bad = judge(&c, br);
        if (print) {
            printf("#   %s: %.2f s, ended by %s", r->name, br->seconds,
                   !strcmp(br->end, "stopped") ? "the runner (done)" :
                   !strcmp(br->end, "exit") ? "guest power-off" : "timeout");
            if (!strcmp(br->end, "exit") && !strcmp(r->emu, "qemu") && br->exit_code >= 0)
                printf(" (QEMU status %d)", br->exit_code);
            if (o->booted)
                printf(", booted after %.0f ms", o->booted_at * 1000);
            printf(", %d frames", o->frames);
            if (o->bad_crc || o->bad_nonce)
                printf(", ignored %d with bad CRC and %d with a wrong nonce",
                       o->bad_crc, o->bad_nonce);
            if (o->garbage)
                printf(", %d garbage bytes", o->garbage);
            printf("\n");
        }
    }
    char *con = xasprintf("%s/console.log", work);
    if (bad && print)
        print_tail(con, 12, "the console (COM1)");
    free(con);
    drop_old_logs(r);
    if (bad || opt_keep) {
        keep_logs(r, work);
        char *base = log_base(r);
        char *logf = xasprintf("%s.log", base);
        if (print && file_exists(logf))
            printf("#   logs: %s.log (console), %s.results (raw COM2), %s.* (the rest)\n",
                   base, base, base);
        free(logf);
        free(base);
    }
    rm_rf(work);
    free(work);
    fflush(stdout);
    return bad;
}
