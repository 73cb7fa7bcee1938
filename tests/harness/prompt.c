/* prompt.c: expect=prompt, the shell's first prompt on the console.
 *
 * The console (COM1) goes to a file; while a run with expect=prompt is
 * watched, the bytes added since the last poll are scanned for "$ " at
 * the start of a line (after a newline, a carriage return, or as the
 * very first bytes): the shell's prompt (commands/sh/main.c).  The time
 * since the emulator started is the run's prompt_at, which bench.c turns
 * into boot_to_shell_ms; the run then stops.  Host wall time, like
 * boot_ms: it includes the emulator's own start. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "harness.h"

/* Scan n new console bytes; 1 once the prompt is seen.  The state
 * carries over between reads, so a prompt split by a poll is found. */
static int scan(struct outcome *o, const char *buf, ssize_t n)
{
    for (ssize_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (o->con_state == 1 && ch == ' ')
            return 1;
        if (ch == '\n' || ch == '\r')
            o->con_state = 0;
        else
            o->con_state = o->con_state == 0 && ch == '$' ? 1 : 2;
    }
    return 0;
}

void prompt_poll(struct runctx *c, int *fd, const char *console_path)
{
    char buf[4096];
    ssize_t n;

    if (c->o->prompted)
        return;
    if (*fd < 0 && (*fd = open(console_path, O_RDONLY)) < 0)
        return;                     /* the emulator has not made it yet */
    while ((n = read(*fd, buf, sizeof buf)) > 0)
        if (scan(c->o, buf, n)) {
            c->o->prompted = 1;
            c->o->prompt_at = now_s() - c->t0;
            c->o->want_stop = 1;
            return;
        }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One boot of the default image with the disk until the prompt: seconds,
 * or -1 when no prompt came. */
static double one_boot(char **progs, int nprogs)
{
    struct run boot = { 0 };
    struct outcome *o = calloc(1, sizeof *o);
    struct boot_result br;
    double t = -1;

    boot.name = "bench/shell";
    boot.suite = "bench";
    boot.emu = "qemu";
    boot.boot = "kernel";
    boot.timeout = 30;
    boot.expect = "prompt";
    boot.cmdline = "";
    boot.disk = "disk.img";
    for (int i = 0; i < nprogs && i < MAX_PROGS; i++)
        boot.progs[boot.nprogs++] = progs[i];
    do_run(&boot, o, 0, &br);
    if (o->prompted)
        t = o->prompt_at;
    free(o);
    return t;
}

/* boot_to_shell_ms: median over opt_boot_samples boots of the default
 * image (opt_boot_programs) with build/disk.img, from the emulator's
 * start to the first "$ " on the console.  No row when the first boot
 * shows no prompt (INIT does not start /bin/sh yet): a "#" line says so. */
void bench_boot_to_shell(FILE *out)
{
    char *list = xstrdup(opt_boot_programs), *save, *progs[MAX_PROGS];
    double samples[32];
    int np = 0, ns = 0;

    for (char *t = strtok_r(list, " ", &save); t && np < MAX_PROGS; t = strtok_r(NULL, " ", &save))
        progs[np++] = t;
    for (int i = 0; i < opt_boot_samples && i < 32; i++) {
        double t = one_boot(progs, np);
        if (t < 0)
            break;
        samples[ns++] = t * 1000.0;
    }
    if (ns == 0) {
        printf("# boot_to_shell_ms: no \"$ \" prompt on the console of \"%s\"\n", opt_boot_programs);
    } else {
        qsort(samples, (size_t)ns, sizeof samples[0], cmp_double);
        double med = ns % 2 ? samples[ns / 2] : (samples[ns / 2 - 1] + samples[ns / 2]) / 2;
        fprintf(out, "boot_to_shell_ms\t%.0f\tms\n", med);
        printf("# boot_to_shell_ms: median of %d boots: %.0f ms\n", ns, med);
    }
    free(list);
}
