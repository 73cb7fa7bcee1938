/* cmd_gen.c: `gen`, the test-trace generator (see gen/scenario.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../gen/scenario.h"
#include "../gen/writer.h"

static void help(void)
{
    puts("usage: lantern-trace gen [options]\n\n"
         "Write a generated trace from the scripted scenario, with the same encoder\n"
         "the kernel uses.\n\n"
         "  --ram FILE        RAM image: junk, control page at 0x123000, ring, junk\n"
         "  --stream FILE     framed port-0xE9 stream\n"
         "  -n, --events N    approximate number of records (default 20000)\n"
         "  --nrec N          ring records, a multiple of --page-recs (default 61440:\n"
         "                    1024 ring pages of 60)\n"
         "  --page-recs R     records per 4 KiB ring page, 1 to 64 (default 60, as the\n"
         "                    kernel; format version 3); 0: format version 2, one\n"
         "                    contiguous ring, --nrec a power of two\n"
         "  --discard         discard mode (LOST records) instead of overwrite\n"
         "  --drain N         stream drain period in records (default 1024)\n"
         "  --torn N          write N records with a wrong seq\n"
         "  --corrupt N       flip N random bytes of the stream output\n"
         "  --clock C         tsc, icount or bochs\n"
         "  --panic           end with PANIC;  --no-deadlock  omit the deadlock pair\n"
         "  --seed S          PRNG seed (default 1)\n"
         "  --live-ms T       spread the writes over about T ms (live tests)");
}

int cmd_gen(int argc, char **argv)
{
    static const struct option lo[] = {
        { "ram", 1, 0, 'r' }, { "stream", 1, 0, 's' }, { "events", 1, 0, 'n' },
        { "nrec", 1, 0, 'N' }, { "discard", 0, 0, 'd' }, { "drain", 1, 0, 'D' },
        { "torn", 1, 0, 't' }, { "corrupt", 1, 0, 'c' }, { "clock", 1, 0, 'C' },
        { "panic", 0, 0, 'p' }, { "no-deadlock", 0, 0, 'x' }, { "seed", 1, 0, 'S' },
        { "live-ms", 1, 0, 'L' }, { "page-recs", 1, 0, 'P' }, { "help", 0, 0, 'h' },
        { 0, 0, 0, 0 } };
    struct gen_opts o;
    gen_defaults(&o);
    int c;
    while ((c = getopt_long(argc, argv, "n:h", lo, NULL)) != -1) {
        switch (c) {
        case 'r': o.ram = optarg; break;
        case 's': o.stream = optarg; break;
        case 'n': o.events = strtoull(optarg, NULL, 0); break;
        case 'N': o.nrec = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'P': o.page_recs = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'd': o.mode = TRACE_MODE_DISCARD; break;
        case 'D': o.drain_every = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 't': o.torn = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'c': o.corrupt = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'C':
            o.clock = !strcmp(optarg, "icount") ? TRACE_CLOCK_ICOUNT
                    : !strcmp(optarg, "bochs") ? TRACE_CLOCK_BOCHS : TRACE_CLOCK_TSC;
            break;
        case 'p': o.panic = 1; break;
        case 'x': o.deadlock = 0; break;
        case 'S': o.seed = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'L': o.live_ms = (unsigned)atoi(optarg); break;
        case 'h': help(); return 0;
        default: return usage_error("gen", "bad option");
        }
    }
    if (!o.ram && !o.stream) return usage_error("gen", "need --ram and/or --stream");
    const char *bad = tw_check_geometry(o.nrec, o.page_recs);
    if (bad) return usage_error("gen", bad);
    if (!o.drain_every) o.drain_every = 1;
    return gen_run(&o) ? 1 : 0;
}
