/* scenario.h: scripted trace scenario for tests and benchmarks.
 *
 * A deterministic (seeded) run of a small Lantern system, in trace format
 * version 3 (ring pages of page_recs records; page_recs 0: version 2, a
 * contiguous ring): boot, processes with labels, IPC of every kind with call ids
 * linking request -> delivery -> reply (round trips folded into 3 records
 * as the kernel writes them), kernel calls, grants (create, safecopy with
 * OK and EPERM, revoke), scheduling, a service fault + restart, MARKs, an
 * optional deadlock pair and PANIC.  Output: a RAM image (control page amid junk,
 * like a QEMU memory-backend file) and/or a framed 0xE9 stream. */
#ifndef TRACER_SCENARIO_H
#define TRACER_SCENARIO_H
#include <stdint.h>
#include <stdio.h>

struct gen_opts {
    uint64_t events;        /* approximate number of records to emit */
    uint32_t nrec;          /* ring records: a multiple of page_recs (default 1024 pages
                               of 60); with page_recs 0 a power of two */
    uint32_t page_recs;     /* records per ring page, 1..64 (default TW_PAGE_RECS = 60,
                               format v3); 0: format v2, contiguous records */
    int      lazy_head;     /* publish head once per ring page, at drains and at the
                               panic, as the kernel does (default 1); 0: every record */
    uint32_t mode;          /* TRACE_MODE_* */
    uint32_t clock;         /* TRACE_CLOCK_* */
    uint32_t seed;
    uint32_t torn;          /* number of records written with a bad seq */
    uint32_t drain_every;   /* stream drain period in records */
    uint32_t corrupt;       /* random byte flips in the stream output */
    int      panic, deadlock;
    unsigned live_ms;       /* >0: emit gradually into the RAM file */
    const char *ram;        /* RAM image path or NULL */
    const char *stream;     /* stream path or NULL */
    FILE    *stream_fp;     /* alternatively an open stream */
};

void gen_defaults(struct gen_opts *o);
int  gen_run(const struct gen_opts *o);

/* Where the control page lands in a generated RAM image. */
#define GEN_CTL_OFFSET  0x00123000u

#endif
