/* lantern-test: the host side of Lantern's guest test harness.
 *
 * Reads tests/suites.txt, boots each selected run in QEMU or Bochs with a
 * fresh random nonce on the kernel command line, reads the framed results the
 * kernel writes to COM2 (see os/include/lantern/testproto.h) while the guest
 * runs, and prints one `ok - ` / `not ok - ` line per result.  Only frames
 * with the right magic, nonce and CRC count; the console (COM1) only goes to a
 * log file, so nothing a guest prints can fake a result.
 *
 *   lantern-test [-B build] [-f tests/suites.txt] [-I image] [-s SUITE]...
 *                [-e qemu|bochs] [-k] [-v] [-l]
 *   lantern-test --bench OUT.tsv [--boot-programs "init"] [--build-s SECONDS]
 *
 * Exit status: 0 if every result passed, 1 if any failed, 2 on usage errors.
 * Documented in docs/testing.md.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <signal.h>
#include "harness.h"

/* The runner is split by concern (harness.h lists the parts):
 *   suites.c   tests/suites.txt          frames.c   the COM2 frame decoder
 *   emu.c      emulator processes        boot.c     booting one run
 *   verdict.c  result lines and logs     bench.c    --bench
 *   util.c     helpers                   this file  options and main */

const char *opt_build = "build";
const char *opt_suites = "tests/suites.txt";
const char *opt_image = "image";
const char *opt_qemu = "qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot "
                              "-device isa-debug-exit,iobase=0xf4,iosize=0x04";
const char *opt_emu;
char *opt_filter[64];
int nfilter;
int opt_keep, opt_verbose, opt_list;
const char *opt_bench;
const char *opt_boot_programs = "init";
const char *opt_build_s;
int opt_boot_samples = 5;

static void usage(void)
{
    fprintf(stderr,
        "usage: lantern-test [options] [SUITE|SUITE/RUN...]\n"
        "  -B DIR        build directory (default build)\n"
        "  -f FILE       run list (default tests/suites.txt)\n"
        "  -I DIR        image folder with mkiso.sh, bochsrc.in, bochs.rc (default image)\n"
        "  -s SUITE      only this suite or SUITE/RUN (repeatable, or comma list)\n"
        "  -e EMU        only runs for this emulator (qemu or bochs)\n"
        "  -q CMD        QEMU command with base flags\n"
        "  -k            keep the logs of passing runs too (also KEEP_LOGS=1)\n"
        "  -l            list the selected runs and exit\n"
        "  -v            verbose: print emulator commands and every frame\n"
        "  --bench FILE  run the bench suite and write metric<TAB>value<TAB>unit lines\n"
        "  --boot-programs \"LIST\"  programs of the default image, for boot_ms\n"
        "  --boot-samples N        boots for boot_ms (default 5)\n"
        "  --build-s S   add build_s (measured by the caller)\n");
    exit(2);
}

static void add_filter(const char *s)
{
    char *copy = xstrdup(s), *save, *t = strtok_r(copy, ", ", &save);
    while (t) {
        if (nfilter < 64)
            opt_filter[nfilter++] = t;
        t = strtok_r(NULL, ", ", &save);
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "bench", required_argument, NULL, 'b' },
        { "boot-programs", required_argument, NULL, 'p' },
        { "boot-samples", required_argument, NULL, 'n' },
        { "build-s", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int ch;
    while ((ch = getopt_long(argc, argv, "B:f:I:s:e:q:klvh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'B': opt_build = optarg; break;
        case 'f': opt_suites = optarg; break;
        case 'I': opt_image = optarg; break;
        case 's': add_filter(optarg); break;
        case 'e': opt_emu = optarg; break;
        case 'q': opt_qemu = optarg; break;
        case 'k': opt_keep = 1; break;
        case 'l': opt_list = 1; break;
        case 'v': opt_verbose = 1; break;
        case 'b': opt_bench = optarg; break;
        case 'p': opt_boot_programs = optarg; break;
        case 'n': opt_boot_samples = atoi(optarg); break;
        case 't': opt_build_s = optarg; break;
        default: usage();
        }
    }
    for (int i = optind; i < argc; i++)
        add_filter(argv[i]);
    const char *keep = getenv("KEEP_LOGS");
    if (keep && *keep && strcmp(keep, "0"))
        opt_keep = 1;

    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    crc_init();
    parse_suites(opt_suites);

    if (opt_list) {
        for (int i = 0; i < nruns; i++)
            if (selected(&runs[i]))
                printf("%s\n", runs[i].name);
        return 0;
    }
    if (opt_bench)
        return bench_main();

    int nsel = 0, failed_runs = 0;
    for (int i = 0; i < nruns; i++) {
        if (!selected(&runs[i]))
            continue;
        nsel++;
        struct outcome *o = calloc(1, sizeof *o);
        if (!o)
            die("out of memory");
        struct boot_result br;
        if (do_run(&runs[i], o, 1, &br))
            failed_runs++;
        free(o);
    }
    if (nsel == 0 && nfilter > 0)
        printf("# lantern-test: no guest runs match the selection\n");
    char *wd = xasprintf("%s/test-work", opt_build);
    rmdir(wd);
    free(wd);
    return failed_runs ? 1 : 0;
}
